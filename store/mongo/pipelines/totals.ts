import { EMOTIONS } from '../../../models/enrichment.js';
import { TOTAL_FIELDS } from '../../totals.js';
import type { Doc } from '../db-like.js';

/** Field of a per-post fact equal to a value, counted as 1 (else 0). */
const countIf = (field: string, value: string): Doc => ({
  $sum: { $cond: [{ $eq: [`$${field}`, value] }, 1, 0] },
});

const emotionField = (emotion: string) => `emotion${emotion[0]!.toUpperCase()}${emotion.slice(1)}`;

/**
 * Accumulators of the per-author inner `$group` (one row per author within the group's
 * dimensions): the twin of AUTHOR_AGGREGATE in store/sqlite/filter-sql.ts. `followers` is the
 * author's largest follower count, summed over authors as potential reach by `TOTALS_GROUP`.
 */
export const AUTHOR_ACCUMULATORS: Doc = {
  posts: { $sum: 1 },
  analysed: { $sum: { $cond: [{ $ne: ['$lang', 'other'] }, 1, 0] } },
  interactions: { $sum: '$interactions' },
  followers: { $max: '$followers' },
  impressions: { $sum: '$views' },
  sentimentP: countIf('sentiment', 'P'),
  sentimentNeu: countIf('sentiment', 'NEU'),
  sentimentN: countIf('sentiment', 'N'),
  ...Object.fromEntries(EMOTIONS.map((e) => [emotionField(e), countIf('emotion', e)])),
  misogyny: { $sum: '$misogyny' },
  hate: { $sum: '$hate' },
};

/**
 * Accumulators of the outer `$group` over per-author rows: authors are the rows and reach sums
 * their followers (the twin of METRIC_TOTALS). Produces every MetricTotals field.
 */
export const TOTALS_ACCUMULATORS: Doc = Object.fromEntries(
  TOTAL_FIELDS.map((field) => {
    if (field === 'authors') return [field, { $sum: 1 }];
    if (field === 'potentialReach') return [field, { $sum: '$followers' }];
    return [field, { $sum: `$${field}` }];
  }),
);

/** `$project` fields copying every MetricTotals field through. */
export const TOTALS_PROJECTION: Doc = Object.fromEntries(TOTAL_FIELDS.map((f) => [f, 1]));
