import { DAY_MS, HOUR_MS, type PostFilter } from '../../models/filter.js';
import type { Granularity } from '../../models/rollup.js';
import type { AnalyticsQueries, Kpis, SeriesPoint } from '../../models/store.js';
import { addTotals, kpisOf, seriesOf, zeroTotals, type MetricTotals } from '../totals.js';
import type { Db } from './database.js';
import { AUTHOR_AGGREGATE, METRIC_TOTALS, postFilterSql } from './filter-sql.js';
import type { SqliteRollups } from './rollups.js';

export class SqliteAnalytics implements AnalyticsQueries {
  constructor(
    private readonly db: Db,
    private readonly rollups: SqliteRollups,
  ) {}

  async kpis(filter: PostFilter): Promise<Kpis> {
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
    if (filter.topic.length <= 1 && filter.campaign.length <= 1) {
      for (const cell of await this.rollups.cells(filter, granularity)) {
        addTotals(totals.get(cell.bucketMs) ?? setNew(totals, cell.bucketMs), cell);
      }
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

function setNew(totals: Map<number, MetricTotals>, bucket: number): MetricTotals {
  const row = zeroTotals();
  totals.set(bucket, row);
  return row;
}
