import type { PostFilter } from '../../models/filter.js';
import type { Granularity } from '../../models/rollup.js';
import type { AnalyticsQueries, Kpis, SeriesPoint } from '../../models/store.js';
import { addTotals, kpisOf, seriesOf, zeroTotals, type MetricTotals } from '../totals.js';
import { COLLECTIONS } from './collections.js';
import type { MongoDbLike } from './db-like.js';
import { kpisPipeline, seriesPipeline } from './pipelines/analytics.js';
import type { MongoRollups } from './rollups.js';

export class MongoAnalytics implements AnalyticsQueries {
  constructor(
    private readonly db: MongoDbLike,
    private readonly rollups: MongoRollups,
  ) {}

  async kpis(filter: PostFilter): Promise<Kpis> {
    const [row] = await this.db
      .collection(COLLECTIONS.posts)
      .aggregate(kpisPipeline(filter))
      .toArray();
    return kpisOf((row as MetricTotals | undefined) ?? zeroTotals());
  }

  async series(filter: PostFilter, granularity: Granularity): Promise<SeriesPoint[]> {
    const totals = new Map<number, MetricTotals>();
    if (filter.topic.length <= 1 && filter.campaign.length <= 1) {
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
