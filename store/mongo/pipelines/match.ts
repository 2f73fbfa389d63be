import { filterRange, type PostFilter } from '../../../models/filter.js';
import { ALL, type Granularity } from '../../../models/rollup.js';
import type { Doc } from '../db-like.js';

/**
 * Query over `posts` for the enriched posts matching a filter: the MongoDB twin of
 * store/sqlite/filter-sql.ts. Facet fields are written by `saveEnrichments` from `postFacets`.
 */
export function postMatch(filter: PostFilter, range = filterRange(filter)): Doc {
  const match: Doc = {
    analyzerVersion: { $ne: null },
    createdMs: { $gte: range.start, $lt: range.end },
  };
  const inList = (field: string, values: readonly string[]) => {
    if (values.length > 0) match[field] = { $in: [...values] };
  };
  inList('country', filter.country);
  inList('platform', filter.platform);
  inList('lang', filter.lang);
  inList('topics', filter.topic);
  inList('campaigns', filter.campaign);
  return match;
}

/**
 * Query over `rollups` for the cells a filter reads: the '*' (all) cell of topic and campaign
 * unless some are named, and any cell of country, platform and language unless some are named.
 */
export function rollupCellsMatch(filter: PostFilter, granularity: Granularity): Doc {
  const { start, end } = filterRange(filter);
  const match: Doc = { granularity, bucketMs: { $gte: start, $lt: end } };
  const dimension = (field: string, values: readonly string[], all: boolean) => {
    if (values.length > 0) match[field] = { $in: [...values] };
    else if (all) match[field] = ALL;
  };
  dimension('topic', filter.topic, true);
  dimension('campaign', filter.campaign, true);
  dimension('country', filter.country, false);
  dimension('platform', filter.platform, false);
  dimension('lang', filter.lang, false);
  return match;
}

/** Deterministic order of rollup cells: by bucket, then by dimensions. */
export const ROLLUP_CELL_SORT = {
  bucketMs: 1,
  topic: 1,
  campaign: 1,
  country: 1,
  platform: 1,
  lang: 1,
} as const;
