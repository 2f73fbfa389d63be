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
    // Driven from the campaign's index entries: a campaign is a small share of the range.
    const from = `post_campaigns c CROSS JOIN posts p ON p.rowid = c.post_rowid`;
    const where =
      'c.campaign = ? AND c.created_ms >= ? AND c.created_ms < ? AND p.analyzer_version IS NOT NULL';
    const params = [query.campaignId, start, end];
    const day = `(p.created_ms / ${DAY_MS}) * ${DAY_MS}`;
    const authorDays = this.db
      .prepare(
        `SELECT ${day} AS dayMs, p.author_id AS authorId, MAX(p.platform) AS platform,
           MAX(p.author_handle) AS handle, COUNT(*) AS posts, SUM(p.lang <> 'other') AS analysed,
           SUM(p.interactions) AS interactions, MAX(p.followers) AS followers,
           SUM(p.platform = 'rss') AS media, SUM(p.sentiment = 'P') AS sentimentP,
           SUM(p.sentiment = 'NEU') AS sentimentNeu, SUM(p.sentiment = 'N') AS sentimentN,
           SUM(p.misogyny) AS misogyny
         FROM ${from} WHERE ${where} GROUP BY dayMs, p.author_id`,
      )
      .all(...params) as CampaignAuthorDay[];
    const hashtagDays = this.db
      .prepare(
        `SELECT ${day} AS dayMs, e.value AS value, COUNT(*) AS posts, SUM(p.interactions) AS interactions
         FROM ${from} CROSS JOIN post_entities e ON e.kind = 'hashtag'
           AND e.created_ms = p.created_ms AND e.post_rowid = p.rowid
         WHERE ${where} GROUP BY dayMs, e.value`,
      )
      .all(...params) as CampaignHashtagDay[];
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
