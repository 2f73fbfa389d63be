import {
  campaignKpisOf,
  type CampaignAuthorDay,
  type CampaignHashtagDay,
} from '../../analytics/campaign.js';
import {
  CampaignKpisQuery,
  type ImpactQuery,
  type NarrativeOptions,
  type CampaignKpis,
  type EmergingTerm,
  type EntityKind,
  type TopEntity,
  type ImpactEstimate,
  type NarrativeSet,
} from '../../models/analytics.js';
import { NotFoundError } from '../../app/errors.js';
import { filterRange, PostFilter } from '../../models/filter.js';
import type { CampaignRepository, SeriesPoint } from '../../models/store.js';
import type { Granularity } from '../../models/rollup.js';
import {
  campaignImpactFrom,
  emergingTermsFrom,
  narrativesFrom,
  spelled,
  topEntitiesFrom,
  type InsightReads,
} from '../insights.js';
import { campaignRange } from '../totals.js';
import type { Db } from './database.js';
import { postFilterSql } from './filter-sql.js';
import type { SqliteLists } from './lists.js';

/** FTS matches (latest inserted first) among which a spelling lookup keeps the filter's posts. */
const SPELLING_CANDIDATES = 200;

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
    const kpis = campaignKpisOf(query.campaignId, range, authorDays, hashtagDays);
    return {
      ...kpis,
      topHashtags: await spelled(this.reads, PostFilter.parse({ ...range, campaign: [query.campaignId] }), 'hashtag', kpis.topHashtags),
    };
  }

  /** Top entities of a kind, terms and hashtags as people spell them. */
  async topEntities(filter: PostFilter, kind: EntityKind, limit: number): Promise<TopEntity[]> {
    return topEntitiesFrom(this.reads, filter, kind, limit);
  }

  async emergingTerms(input: NarrativeOptions): Promise<EmergingTerm[]> {
    return emergingTermsFrom(this.reads, input);
  }

  async narratives(input: NarrativeOptions): Promise<NarrativeSet> {
    return narrativesFrom(this.reads, input);
  }

  async campaignImpact(input: ImpactQuery): Promise<ImpactEstimate> {
    return campaignImpactFrom(this.reads, input);
  }

  /** What the shared insight queries (store/insights.ts) read, here in SQL. */
  private get reads(): InsightReads {
    return {
      entityCounts: (filter, kind, limit, values) =>
        this.lists.entityCounts(filter, kind, limit, values),
      countPosts: (filter) => this.countPosts(filter),
      newestTexts: (filter, limit) => this.newestTexts(filter, limit),
      textsWith: (filter, _kind, value, limit) => this.textsWith(filter, value, limit),
      series: this.series,
      campaigns: this.campaigns,
    };
  }

  private countPosts(filter: PostFilter): number {
    const { where, params } = postFilterSql(filter);
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM posts p WHERE ${where}`).get(...params) as {
        n: number;
      }
    ).n;
  }

  /**
   * Texts of the filter's newest posts whose words include a term or hashtag, through FTS5
   * (which folds case and accents as the stored value is folded; '_' separates words there,
   * so "ni_una_menos" is a phrase), among its SPELLING_CANDIDATES latest inserted matches (a
   * spelling needs a few posts, not all of a common word's), or all matches when none of
   * those is in the filter.
   */
  private textsWith(filter: PostFilter, value: string, limit: number): string[] {
    const { where, params } = postFilterSql(filter);
    const phrase = `"${value.replace(/_+/g, ' ').replace(/"/g, '""')}"`;
    const read = (candidates: string) =>
      (
        this.db
          .prepare(
            `SELECT json_extract(p.doc, '$.text') AS text FROM posts p
             WHERE ${where} AND p.rowid IN (
               SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC ${candidates})
             ORDER BY p.created_ms DESC, p.id DESC LIMIT ?`,
          )
          .all(...params, phrase, limit) as { text: string }[]
      ).map((row) => row.text);
    // The latest matches usually include the filter's; when none is (a past spike, one
    // country), all of them, as MongoDB reads them.
    const latest = read(`LIMIT ${SPELLING_CANDIDATES}`);
    return latest.length > 0 ? latest : read('');
  }

  /** The newest posts of a filter (id, text), newest first, ties by id descending. */
  private newestTexts(filter: PostFilter, limit: number): { id: string; text: string }[] {
    const { where, params } = postFilterSql(filter);
    // The cutoff instant from the covering index first, so only the sample's rows are read.
    const cutoff = this.db
      .prepare(
        `SELECT MIN(t) AS t FROM (SELECT p.created_ms AS t FROM posts p WHERE ${where}
         ORDER BY t DESC LIMIT ?)`,
      )
      .get(...params, limit) as { t: number | null };
    if (cutoff.t === null) return [];
    return this.db
      .prepare(
        `SELECT p.id, json_extract(p.doc, '$.text') AS text FROM posts p
         WHERE ${where} AND p.created_ms >= ? ORDER BY p.created_ms DESC, p.id DESC LIMIT ?`,
      )
      .all(...params, cutoff.t, limit) as { id: string; text: string }[];
  }
}
