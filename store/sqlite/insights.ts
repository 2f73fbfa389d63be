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
  type NarrativeSet,
} from '../../models/analytics.js';
import { NotFoundError } from '../../app/errors.js';
import { DAY_MS, filterRange, PostFilter, previousPeriod } from '../../models/filter.js';
import type { CampaignRepository, SeriesPoint } from '../../models/store.js';
import type { Granularity } from '../../models/rollup.js';
import { campaignRange, impactRange } from '../totals.js';
import type { Db } from './database.js';
import { postFilterSql } from './filter-sql.js';
import type { SqliteLists } from './lists.js';

/** A row of campaign_author_days, in CampaignAuthorDay's order. */
type CampaignAuthorDayRow = [
  number,
  string,
  string,
  string | null,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
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
    // The campaign's days as the rollups keep them (per day × author and per day × hashtag),
    // days in ascending order: campaignKpisOf takes each author's platform from their first day.
    // Array rows (half the cost of objects with 13 keys), made into objects here.
    const authorRows = this.db
      .prepare(
        `SELECT day_ms, author_id, platform, handle, posts, analysed, interactions, followers,
           media, sentiment_p, sentiment_neu, sentiment_n, misogyny
         FROM campaign_author_days WHERE campaign = ? AND day_ms >= ? AND day_ms < ?
         ORDER BY day_ms, author_id`,
      )
      .raw()
      .all(query.campaignId, start, end) as CampaignAuthorDayRow[];
    const authorDays = authorRows.map(
      ([
        dayMs,
        authorId,
        platform,
        handle,
        posts,
        analysed,
        interactions,
        followers,
        media,
        sentimentP,
        sentimentNeu,
        sentimentN,
        misogyny,
      ]): CampaignAuthorDay => ({
        dayMs,
        authorId,
        platform,
        handle,
        posts,
        analysed,
        interactions,
        followers,
        media,
        sentimentP,
        sentimentNeu,
        sentimentN,
        misogyny,
      }),
    );
    const hashtagDays = this.db
      .prepare<[string, number, number], CampaignHashtagDay>(
        `SELECT day_ms AS dayMs, value, posts, interactions FROM campaign_hashtag_days
         WHERE campaign = ? AND day_ms >= ? AND day_ms < ? ORDER BY day_ms, value`,
      )
      .all(query.campaignId, start, end);
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

  async narratives(input: NarrativeOptions): Promise<NarrativeSet> {
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
