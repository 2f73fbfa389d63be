import type { PostFilter } from '../../../models/filter.js';
import type { Granularity } from '../../../models/rollup.js';
import type { Doc } from '../db-like.js';
import { postMatch } from './match.js';
import { AUTHOR_ACCUMULATORS, TOTALS_ACCUMULATORS, TOTALS_PROJECTION } from './totals.js';

/**
 * Exact KPIs of a filter from posts: one row per author, then totals. Yields one document with
 * every MetricTotals field, or none when no post matches.
 */
export function kpisPipeline(filter: PostFilter): Doc[] {
  return [
    { $match: postMatch(filter) },
    { $group: { _id: '$authorId', ...AUTHOR_ACCUMULATORS } },
    { $group: { _id: null, ...TOTALS_ACCUMULATORS } },
    { $project: { _id: 0, ...TOTALS_PROJECTION } },
  ];
}

/**
 * Totals per bucket (`bucketMs`) of a filter from posts, for filters that rollup cells cannot
 * answer (several topics or campaigns: a post may sit in two cells). Buckets without posts are
 * absent; `seriesOf` fills them with zeros.
 */
export function seriesPipeline(filter: PostFilter, granularity: Granularity): Doc[] {
  const bucket = granularity === 'hour' ? '$hourMs' : '$dayMs';
  return [
    { $match: postMatch(filter) },
    { $group: { _id: { bucketMs: bucket, authorId: '$authorId' }, ...AUTHOR_ACCUMULATORS } },
    { $group: { _id: '$_id.bucketMs', ...TOTALS_ACCUMULATORS } },
    { $project: { _id: 0, bucketMs: '$_id', ...TOTALS_PROJECTION } },
    { $sort: { bucketMs: 1 } },
  ];
}
