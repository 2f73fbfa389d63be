import { ALL, UNKNOWN, type Granularity } from '../../../models/rollup.js';
import type { Doc } from '../db-like.js';
import { AUTHOR_ACCUMULATORS, TOTALS_ACCUMULATORS, TOTALS_PROJECTION } from './totals.js';

export const ROLLUP_DIMENSIONS = ['topic', 'campaign', 'country', 'platform', 'lang'] as const;

/** Dimension values of one rollup cell. */
export type RollupDimensions = Record<(typeof ROLLUP_DIMENSIONS)[number], string>;

/**
 * The rollup cells of one bucket [start, end) computed from the enriched posts created in it;
 * the twin of RECOMPUTE_HOURS in store/sqlite/rollups.ts (whose day cells add up the hour cells
 * and take authors and reach from `author_days`: the same numbers). Every post counts in the cell of each of
 * its topics and campaigns and in the '*' (all) cell of both, so a filter on at most one topic
 * and one campaign reads cells directly. Output documents are ready to store (minus `_id`).
 */
export function rollupPipeline(granularity: Granularity, start: number, end: number): Doc[] {
  const byDimension = (prefix: string) =>
    Object.fromEntries(ROLLUP_DIMENSIONS.map((d) => [d, `$${prefix}${d}`]));
  return [
    { $match: { analyzerVersion: { $ne: null }, createdMs: { $gte: start, $lt: end } } },
    {
      $project: {
        _id: 0,
        authorId: 1,
        platform: 1,
        lang: 1,
        sentiment: 1,
        emotion: 1,
        misogyny: 1,
        hate: 1,
        interactions: 1,
        followers: 1,
        views: 1,
        country: { $ifNull: ['$country', UNKNOWN] },
        topic: { $concatArrays: [[ALL], { $ifNull: ['$topics', []] }] },
        campaign: { $concatArrays: [[ALL], { $ifNull: ['$campaigns', []] }] },
      },
    },
    { $unwind: '$topic' },
    { $unwind: '$campaign' },
    { $group: { _id: { ...byDimension(''), authorId: '$authorId' }, ...AUTHOR_ACCUMULATORS } },
    { $group: { _id: byDimension('_id.'), ...TOTALS_ACCUMULATORS } },
    {
      $project: {
        _id: 0,
        granularity: { $literal: granularity },
        bucketMs: { $literal: start },
        ...byDimension('_id.'),
        ...TOTALS_PROJECTION,
      },
    },
  ];
}

/** The stored key of a rollup cell: one document per granularity, bucket and dimensions. */
export function rollupId(
  granularity: Granularity,
  bucketMs: number,
  cell: RollupDimensions,
): string {
  return [granularity, bucketMs, ...ROLLUP_DIMENSIONS.map((d) => cell[d])].join('|');
}

/**
 * Hour buckets holding posts flagged `dirty` (changed since their bucket was last aggregated).
 * The flag is written atomically with the post, so these heal a crash that happened after a
 * post was saved but before its bucket's `dirty_buckets` mark was.
 */
export function dirtyPostHoursPipeline(limit: number): Doc[] {
  return [
    { $match: { dirty: true } },
    { $group: { _id: '$hourMs' } },
    { $sort: { _id: 1 } },
    { $limit: limit },
  ];
}
