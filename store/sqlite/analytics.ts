import type {
  AuthorRanking,
  BreakdownDimension,
  CampaignKpisQuery,
  EntityKind,
  ImpactQuery,
  NarrativeOptions,
  PostSearch,
} from '../../models/analytics.js';
import { DAY_MS, HOUR_MS, type PostFilter } from '../../models/filter.js';
import type { Granularity } from '../../models/rollup.js';
import type { AnalyticsQueries, CampaignRepository, Kpis, SeriesPoint } from '../../models/store.js';
import { kpisOf, seriesOf, zeroTotals, type MetricTotals } from '../totals.js';
import type { Db } from './database.js';
import { AUTHOR_AGGREGATE, METRIC_TOTALS, postFilterSql } from './filter-sql.js';
import { SqliteInsights } from './insights.js';
import { SqliteLists } from './lists.js';
import { authorDayTotals } from './author-days.js';
import { rollupsAnswer } from '../totals.js';
import { bucketTotals, rollupTotals } from './rollup-totals.js';
import { searchPosts } from './search.js';

/** The embedded store's queries; each family lives in its own file (lists, search, insights). */
export class SqliteAnalytics implements AnalyticsQueries {
  private readonly lists: SqliteLists;
  private readonly insights: SqliteInsights;

  constructor(
    private readonly db: Db,
    campaigns: CampaignRepository,
  ) {
    this.lists = new SqliteLists(db);
    this.insights = new SqliteInsights(db, this.lists, campaigns, (f, g) => this.series(f, g));
  }

  async breakdown(filter: PostFilter, dimension: BreakdownDimension, limit?: number) {
    return this.lists.breakdown(filter, dimension, limit);
  }

  async topEntities(filter: PostFilter, kind: EntityKind, limit: number) {
    return this.insights.topEntities(filter, kind, limit);
  }

  async topAuthors(filter: PostFilter, by: AuthorRanking, limit: number) {
    return this.lists.topAuthors(filter, by, limit);
  }

  async topPosts(filter: PostFilter, limit: number) {
    return this.lists.topPosts(filter, limit);
  }

  async search(query: PostSearch) {
    return searchPosts(this.db, query);
  }

  campaignKpis(query: CampaignKpisQuery) {
    return this.insights.campaignKpis(query);
  }

  emergingTerms(options: NarrativeOptions) {
    return this.insights.emergingTerms(options);
  }

  narratives(options: NarrativeOptions) {
    return this.insights.narratives(options);
  }

  campaignImpact(query: ImpactQuery) {
    return this.insights.campaignImpact(query);
  }

  /**
   * From day rollups when they can answer the filter (distinct authors and reach as the union
   * of the range's `author_days` cells); else everything from posts.
   */
  async kpis(filter: PostFilter): Promise<Kpis> {
    if (rollupsAnswer(filter, null)) {
      const totals = rollupTotals(this.db, filter, null).get('') ?? zeroTotals();
      const authors = authorDayTotals(this.db, filter, null).get('');
      return kpisOf({ ...totals, authors: authors?.authors ?? 0, potentialReach: authors?.potentialReach ?? 0 });
    }
    const { where, params } = postFilterSql(filter);
    const row = this.db
      .prepare(
        `SELECT ${METRIC_TOTALS} FROM (
           SELECT ${AUTHOR_AGGREGATE} FROM posts p WHERE ${where} GROUP BY p.author_id
         )`,
      )
      .get(...params) as MetricTotals;
    return kpisOf(row);
  }

  async series(filter: PostFilter, granularity: Granularity): Promise<SeriesPoint[]> {
    const totals = new Map<number, MetricTotals>();
    if (rollupsAnswer(filter, null)) {
      for (const row of bucketTotals(this.db, filter, granularity)) totals.set(row.bucketMs, row);
    } else {
      // Several topics or campaigns: a post may sit in two cells, so count from posts.
      const { where, params } = postFilterSql(filter);
      const size = granularity === 'hour' ? HOUR_MS : DAY_MS;
      const rows = this.db
        .prepare(
          `SELECT bucketMs, ${METRIC_TOTALS} FROM (
             SELECT (p.created_ms / ${size}) * ${size} AS bucketMs, ${AUTHOR_AGGREGATE}
             FROM posts p WHERE ${where} GROUP BY bucketMs, p.author_id
           ) GROUP BY bucketMs`,
        )
        .all(...params) as (MetricTotals & { bucketMs: number })[];
      for (const row of rows) totals.set(row.bucketMs, row);
    }
    return seriesOf(filter, granularity, totals);
  }
}
