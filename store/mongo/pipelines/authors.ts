import { filterRange, type PostFilter } from '../../../models/filter.js';
import { ALL, UNKNOWN } from '../../../models/rollup.js';
import { TOTAL_FIELDS } from '../../totals.js';
import type { Doc } from '../db-like.js';
import { ROLLUP_DIMENSIONS, type RollupDimensions } from './rollups.js';

/** A rollup dimension a breakdown or KPI reads from day cells (see `rollupsAnswer`). */
export type CellDimension = (typeof ROLLUP_DIMENSIONS)[number];

/**
 * The `author_days` documents of one day [start, end) computed from its enriched posts: per day
 * × rollup cell, each distinct author once with their largest follower count that day
 * (`entries`), plus their count and sum (the day cell's authors and potential reach). The twin
 * of RECOMPUTE_AUTHOR_DAY in store/sqlite/rollups.ts. Output documents are ready to store
 * (minus `_id`).
 */
export function authorDaysPipeline(start: number, end: number): Doc[] {
  const byDimension = (prefix: string) =>
    Object.fromEntries(ROLLUP_DIMENSIONS.map((d) => [d, `$${prefix}${d}`]));
  return [
    { $match: { analyzerVersion: { $ne: null }, createdMs: { $gte: start, $lt: end } } },
    {
      $project: {
        _id: 0,
        authorId: 1,
        followers: 1,
        platform: 1,
        lang: 1,
        country: { $ifNull: ['$country', UNKNOWN] },
        topic: { $concatArrays: [[ALL], { $ifNull: ['$topics', []] }] },
        campaign: { $concatArrays: [[ALL], { $ifNull: ['$campaigns', []] }] },
      },
    },
    { $unwind: '$topic' },
    { $unwind: '$campaign' },
    {
      $group: {
        _id: { ...byDimension(''), authorId: '$authorId' },
        followers: { $max: '$followers' },
      },
    },
    { $sort: { '_id.authorId': 1 } },
    {
      $group: {
        _id: byDimension('_id.'),
        authors: { $sum: 1 },
        potentialReach: { $sum: '$followers' },
        entries: { $push: { authorId: '$_id.authorId', followers: '$followers' } },
      },
    },
    {
      $project: {
        _id: 0,
        dayMs: { $literal: start },
        ...byDimension('_id.'),
        authors: 1,
        potentialReach: 1,
        entries: 1,
      },
    },
  ];
}

/** The stored key of an `author_days` document. */
export function authorDayId(dayMs: number, cell: RollupDimensions): string {
  return [dayMs, ...ROLLUP_DIMENSIONS.map((d) => cell[d])].join('|');
}

/**
 * The dimension part of a query over day cells (`rollups` of granularity 'day', `author_days`)
 * for a filter that day rollups answer, grouped by `dimension` or not: the '*' cell of topic and
 * campaign unless some are named or the dimension is that one (then every cell but '*').
 */
export function cellDimensionsMatch(filter: PostFilter, dimension: CellDimension | null): Doc {
  const match: Doc = {};
  const cell = (field: CellDimension, values: readonly string[]) => {
    if (values.length > 0) match[field] = { $in: [...values] };
    else if (field === 'topic' || field === 'campaign')
      match[field] = dimension === field ? { $ne: ALL } : ALL;
  };
  cell('topic', filter.topic);
  cell('campaign', filter.campaign);
  cell('country', filter.country);
  cell('platform', filter.platform);
  cell('lang', filter.lang);
  return match;
}

/**
 * Additive totals (every MetricTotals field but authors and reach, which are 0 here) of a
 * filter from day rollup cells, by value of `dimension` ('' when not grouped): the twin of
 * rollupTotals in store/sqlite/rollup-totals.ts. One document per value, with `value`.
 */
export function rollupTotalsPipeline(filter: PostFilter, dimension: CellDimension | null): Doc[] {
  const { start, end } = filterRange(filter);
  const additive = TOTAL_FIELDS.filter((f) => f !== 'authors' && f !== 'potentialReach');
  return [
    {
      $match: {
        granularity: 'day',
        bucketMs: { $gte: start, $lt: end },
        ...cellDimensionsMatch(filter, dimension),
      },
    },
    {
      $group: {
        _id: dimension ? `$${dimension}` : { $literal: '' },
        ...Object.fromEntries(additive.map((f) => [f, { $sum: `$${f}` }])),
      },
    },
    {
      $project: {
        _id: 0,
        value: '$_id',
        authors: { $literal: 0 },
        potentialReach: { $literal: 0 },
        ...Object.fromEntries(additive.map((f) => [f, 1])),
      },
    },
  ];
}

/**
 * Distinct authors and potential reach (each author once, with their largest follower count
 * in the range) by value of `dimension` ('' when not grouped), from `author_days`: the twin of
 * authorDayTotals in store/sqlite/author-days.ts. One `{ value, authors, potentialReach }`
 * document per value.
 */
export function authorDayTotalsPipeline(filter: PostFilter, dimension: CellDimension | null): Doc[] {
  const { start, end } = filterRange(filter);
  return [
    {
      $match: {
        dayMs: { $gte: start, $lt: end },
        ...cellDimensionsMatch(filter, dimension),
      },
    },
    { $project: { _id: 0, value: dimension ? `$${dimension}` : { $literal: '' }, entries: 1 } },
    { $unwind: '$entries' },
    {
      $group: {
        _id: { value: '$value', authorId: '$entries.authorId' },
        followers: { $max: '$entries.followers' },
      },
    },
    {
      $group: {
        _id: '$_id.value',
        authors: { $sum: 1 },
        potentialReach: { $sum: '$followers' },
      },
    },
    { $project: { _id: 0, value: '$_id', authors: 1, potentialReach: 1 } },
  ];
}
