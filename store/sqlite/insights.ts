import {
  campaignKpisOf,
  type CampaignAuthorDay,
  type CampaignHashtagDay,
} from '../../analytics/campaign.js';
import { emergingTerms } from '../../analytics/emerging.js';
import { impactEstimateOf, impactValue } from '../../analytics/impact.js';
import { NARRATIVE_SAMPLE, narrativesOf } from '../../analytics/narratives.js';
import {
  CampaignKpisQuery,
  ImpactQuery,
  NarrativeOptions,
  type CampaignKpis,
  type EmergingTerm,
  type ImpactEstimate,
  type Narrative,
} from '../../models/analytics.js';
import { NotFoundError } from '../../app/errors.js';
import { DAY_MS, filterRange, PostFilter, previousPeriod } from '../../models/filter.js';
import type { CampaignRepository, SeriesPoint } from '../../models/store.js';
import type { Granularity } from '../../models/rollup.js';
import { campaignRange, impactRange } from '../totals.js';
import type { Db } from './database.js';
import { postFilterSql } from './filter-sql.js';
import type { SqliteLists } from './lists.js';

/** One post of a campaign, as campaignKpis reads it: created_ms … misogyny, hashtags. */
type CampaignPostRow = [
  number,
  string,
  string,
  string | null,
  string,
  number,
  number,
  string,
  number,
  string | null,
];

/** Candidates per kind whose baseline is looked up for emerging terms. */
const EMERGING_CANDIDATES = 400;

/** Campaign KPIs, emerging terms, narratives and campaign impact on the embedded store. */
export class SqliteInsights {
  constructor(
    private readonly db: Db,
    private readonly lists: SqliteLists,
    private readonly campaigns: CampaignRepository,
    private readonly series: (
      filter: PostFilter,
      granularity: Granularity,
    ) => Promise<SeriesPoint[]>,
  ) {}

  async campaignKpis(input: CampaignKpisQuery): Promise<CampaignKpis> {
    const query = CampaignKpisQuery.parse(input);
    const campaign = await this.campaigns.get(query.campaignId);
    if (!campaign) throw new NotFoundError(`campaign ${query.campaignId} not found`);
    const range = campaignRange(campaign, query);
    const { start, end } = filterRange(range);
    // One pass driven from the campaign's index entries (a campaign is a small share of the
    // range): each post's facts from covering indexes by (created_ms, rowid), never its row, and
    // its hashtags by primary key; then per (day, author) and per (day, hashtag) here.
    const rows = this.db
      .prepare(
        `SELECT p.created_ms, p.author_id, p.platform, h.author_handle, p.lang, p.interactions,
           p.followers, p.sentiment, p.misogyny,
           (SELECT group_concat(e.value, char(31)) FROM post_entities e WHERE e.kind = 'hashtag'
              AND e.created_ms = c.created_ms AND e.post_rowid = c.post_rowid) AS hashtags
         FROM post_campaigns c
           CROSS JOIN posts p INDEXED BY posts_range_cover ON p.created_ms = c.created_ms
             AND p.rowid = c.post_rowid AND p.analyzer_version IS NOT NULL
           LEFT JOIN posts h INDEXED BY posts_created_handle ON h.created_ms = c.created_ms
             AND h.rowid = c.post_rowid AND h.author_handle IS NOT NULL
         WHERE c.campaign = ? AND c.created_ms >= ? AND c.created_ms < ?`,
      )
      .raw()
      .all(query.campaignId, start, end) as CampaignPostRow[];
    const authorDayOf = new Map<string, CampaignAuthorDay>();
    const hashtagDayOf = new Map<string, CampaignHashtagDay>();
    for (const [
      createdMs,
      authorId,
      platform,
      handle,
      lang,
      interactions,
      followers,
      sentiment,
      misogyny,
      hashtags,
    ] of rows) {
      const dayMs = Math.floor(createdMs / DAY_MS) * DAY_MS;
      const key = `${dayMs}|${authorId}`;
      let a = authorDayOf.get(key);
      if (!a) {
        a = {
          dayMs,
          authorId,
          platform,
          handle,
          posts: 0,
          analysed: 0,
          interactions: 0,
          followers,
          media: 0,
          sentimentP: 0,
          sentimentNeu: 0,
          sentimentN: 0,
          misogyny: 0,
        };
        authorDayOf.set(key, a);
      }
      // MAX() as SQL takes it: NULLs ignored.
      if (platform > a.platform) a.platform = platform;
      if (handle !== null && (a.handle === null || handle > a.handle)) a.handle = handle;
      a.posts++;
      if (lang !== 'other') a.analysed++;
      a.interactions += interactions;
      if (followers > a.followers) a.followers = followers;
      if (platform === 'rss') a.media++;
      if (sentiment === 'P') a.sentimentP++;
      else if (sentiment === 'NEU') a.sentimentNeu++;
      else if (sentiment === 'N') a.sentimentN++;
      a.misogyny += misogyny;
      if (hashtags === null) continue;
      for (const value of hashtags.split('\x1f')) {
        const tagKey = `${dayMs}|${value}`;
        const t = hashtagDayOf.get(tagKey);
        if (t) {
          t.posts++;
          t.interactions += interactions;
        } else hashtagDayOf.set(tagKey, { dayMs, value, posts: 1, interactions });
      }
    }
    const byKey = (x: { dayMs: number }, y: { dayMs: number }, xs: string, ys: string) =>
      x.dayMs - y.dayMs || (xs < ys ? -1 : xs > ys ? 1 : 0);
    const authorDays = [...authorDayOf.values()].sort((x, y) =>
      byKey(x, y, x.authorId, y.authorId),
    );
    const hashtagDays = [...hashtagDayOf.values()].sort((x, y) => byKey(x, y, x.value, y.value));
    return campaignKpisOf(query.campaignId, range, authorDays, hashtagDays);
  }

  async emergingTerms(input: NarrativeOptions): Promise<EmergingTerm[]> {
    const options = NarrativeOptions.parse(input);
    const { start } = filterRange(options.filter);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const baseline = {
      ...options.filter,
      from: day(start - options.baselineDays * DAY_MS),
      to: day(start - DAY_MS),
    };
    const rows = (['hashtag', 'term'] as const).flatMap((kind) => {
      const current = this.lists.entityCounts(options.filter, kind, EMERGING_CANDIDATES);
      const before = new Map(
        this.lists
          .entityCounts(
            baseline,
            kind,
            EMERGING_CANDIDATES,
            current.map((c) => c.value),
          )
          .map((b) => [b.value, b.posts]),
      );
      return current.map((c) => ({
        kind,
        value: c.value,
        count: c.posts,
        baseline: before.get(c.value) ?? 0,
      }));
    });
    return emergingTerms(rows, {
      windowPosts: this.countPosts(options.filter),
      baselinePosts: this.countPosts(baseline),
      limit: options.limit,
    });
  }

  async narratives(input: NarrativeOptions): Promise<Narrative[]> {
    const options = NarrativeOptions.parse(input);
    return narrativesOf(
      this.newestTexts(options.filter),
      this.newestTexts(previousPeriod(options.filter)),
      {
        limit: options.limit,
      },
    );
  }

  async campaignImpact(input: ImpactQuery): Promise<ImpactEstimate> {
    const query = ImpactQuery.parse(input);
    const campaign = await this.campaigns.get(query.campaignId);
    if (!campaign) throw new NotFoundError(`campaign ${query.campaignId} not found`);
    const launchDate = query.launchDate ?? campaign.launchDate ?? campaign.startDate;
    const range = impactRange(launchDate, query.daysBefore, query.daysAfter);
    const filter = PostFilter.parse({ ...(query.filter ?? {}), ...range });
    const all = await this.series(filter, 'day');
    const topic =
      query.metric === 'topicShare' && query.topic
        ? await this.series({ ...filter, topic: [query.topic] }, 'day')
        : [];
    const days = all.map((point, i) => ({
      day: point.bucket.slice(0, 10),
      value: impactValue(query.metric, point, topic[i]?.posts ?? 0),
    }));
    return impactEstimateOf(query.campaignId, query.metric, launchDate, days);
  }

  private countPosts(filter: PostFilter): number {
    const { where, params } = postFilterSql(filter);
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM posts p WHERE ${where}`).get(...params) as {
        n: number;
      }
    ).n;
  }

  /** The newest posts of a filter (id, text), newest first, ties by id descending. */
  private newestTexts(filter: PostFilter): { id: string; text: string }[] {
    const { where, params } = postFilterSql(filter);
    // The cutoff instant from the covering index first, so only the sample's rows are read.
    const cutoff = this.db
      .prepare(
        `SELECT MIN(t) AS t FROM (SELECT p.created_ms AS t FROM posts p WHERE ${where}
         ORDER BY t DESC LIMIT ?)`,
      )
      .get(...params, NARRATIVE_SAMPLE) as { t: number | null };
    if (cutoff.t === null) return [];
    return this.db
      .prepare(
        `SELECT p.id, json_extract(p.doc, '$.text') AS text FROM posts p
         WHERE ${where} AND p.created_ms >= ? ORDER BY p.created_ms DESC, p.id DESC LIMIT ?`,
      )
      .all(...params, cutoff.t, NARRATIVE_SAMPLE) as { id: string; text: string }[];
  }
}
