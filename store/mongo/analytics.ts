import type {
  AuthorRanking,
  BreakdownDimension,
  CampaignKpisQuery,
  EntityKind,
  ImpactQuery,
  NarrativeOptions,
  PostSearch,
} from '../../models/analytics.js';
import type { PostFilter } from '../../models/filter.js';
import type { Granularity } from '../../models/rollup.js';
import type { AnalyticsQueries, CampaignRepository, Kpis, SeriesPoint } from '../../models/store.js';
import {
  addTotals,
  kpisOf,
  rollupsAnswer,
  seriesOf,
  zeroTotals,
  type MetricTotals,
} from '../totals.js';
import { COLLECTIONS } from './collections.js';
import type { MongoDbLike } from './db-like.js';
import { kpisPipeline, seriesPipeline } from './pipelines/analytics.js';
import { MongoInsights } from './insights.js';
import { MongoLists } from './lists.js';
import type { MongoRollups } from './rollups.js';

/** The scaled store's queries; each family lives in its own file (lists, insights). */
export class MongoAnalytics implements AnalyticsQueries {
  private readonly lists: MongoLists;
  private readonly insights: MongoInsights;

  constructor(
    private readonly db: MongoDbLike,
    private readonly rollups: MongoRollups,
    campaigns: CampaignRepository,
    options: { textIndex: boolean } = { textIndex: false },
  ) {
    this.lists = new MongoLists(db, options.textIndex);
    this.insights = new MongoInsights(db, this.lists, campaigns, (f, g) => this.series(f, g));
  }

  breakdown(filter: PostFilter, dimension: BreakdownDimension, limit?: number) {
    return this.lists.breakdown(filter, dimension, limit);
  }

  topEntities(filter: PostFilter, kind: EntityKind, limit: number) {
    return this.insights.topEntities(filter, kind, limit);
  }

  topAuthors(filter: PostFilter, by: AuthorRanking, limit: number) {
    return this.lists.topAuthors(filter, by, limit);
  }

  topPosts(filter: PostFilter, limit: number) {
    return this.lists.topPosts(filter, limit);
  }

  search(query: PostSearch) {
    return this.lists.search(query);
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
   * From day rollups when they can answer the filter (distinct authors and reach from the
   * range's `author_days`); else everything from posts.
   */
  async kpis(filter: PostFilter): Promise<Kpis> {
    if (rollupsAnswer(filter, null)) {
      const [totals] = await this.lists.dayCellTotals(filter, null);
      return kpisOf(totals ?? zeroTotals());
    }
    const [row] = await this.db
      .collection(COLLECTIONS.posts)
      .aggregate(kpisPipeline(filter))
      .toArray();
    return kpisOf((row as MetricTotals | undefined) ?? zeroTotals());
  }

  async series(filter: PostFilter, granularity: Granularity): Promise<SeriesPoint[]> {
    const totals = new Map<number, MetricTotals>();
    if (rollupsAnswer(filter, null)) {
      for (const cell of await this.rollups.cells(filter, granularity)) {
        let row = totals.get(cell.bucketMs);
        if (!row) totals.set(cell.bucketMs, (row = zeroTotals()));
        addTotals(row, cell);
      }
    } else {
      // Several topics or campaigns: a post may sit in two cells, so count from posts.
      const rows = await this.db
        .collection(COLLECTIONS.posts)
        .aggregate(seriesPipeline(filter, granularity))
        .toArray();
      for (const row of rows) totals.set(row.bucketMs as number, row as MetricTotals);
    }
    return seriesOf(filter, granularity, totals);
  }
}
