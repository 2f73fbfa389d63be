import { filterRange, type PostFilter } from '../../models/filter.js';
import { ALL } from '../../models/rollup.js';
import type { MetricTotals } from '../totals.js';
import type { Db } from './database.js';
import { postFilterSql } from './filter-sql.js';

/** Dimensions day rollups hold, and the rollup column of each. */
export type RollupDimension = 'country' | 'platform' | 'lang' | 'topic' | 'campaign';
const ROLLUP_DIMENSIONS: readonly string[] = ['country', 'platform', 'lang', 'topic', 'campaign'];

const ADDITIVE = `SUM(posts) AS posts, SUM(analysed) AS analysed, SUM(interactions) AS interactions,
  SUM(impressions) AS impressions, SUM(sentiment_p) AS sentimentP, SUM(sentiment_neu) AS sentimentNeu,
  SUM(sentiment_n) AS sentimentN, SUM(emotion_anger) AS emotionAnger, SUM(emotion_disgust) AS emotionDisgust,
  SUM(emotion_fear) AS emotionFear, SUM(emotion_joy) AS emotionJoy, SUM(emotion_sadness) AS emotionSadness,
  SUM(emotion_surprise) AS emotionSurprise, SUM(emotion_others) AS emotionOthers, SUM(misogyny) AS misogyny,
  SUM(hate) AS hate`;

/**
 * Whether day rollups can give the additive totals of a filter, grouped by `dimension` (or not
 * grouped): at most one topic and one campaign (a post sits in one cell of each), and a topic or
 * campaign breakdown only when the filter names none (with one named, posts' other topics count).
 */
export function rollupsAnswer(filter: PostFilter, dimension: string | null): boolean {
  if (filter.topic.length > 1 || filter.campaign.length > 1) return false;
  if (dimension === null) return true;
  if (!ROLLUP_DIMENSIONS.includes(dimension)) return false;
  if (dimension === 'topic') return filter.topic.length === 0;
  if (dimension === 'campaign') return filter.campaign.length === 0;
  return true;
}

/**
 * Additive totals (every MetricTotals field but authors and reach) of a filter from day rollups,
 * by dimension value ('' key when not grouped). Exact, and as fresh as the last aggregation.
 */
export function rollupTotals(
  db: Db,
  filter: PostFilter,
  dimension: RollupDimension | null,
): Map<string, MetricTotals> {
  const { start, end } = filterRange(filter);
  const where = ["granularity = 'day'", 'bucket_ms >= ?', 'bucket_ms < ?'];
  const params: unknown[] = [start, end];
  const cell = (column: string, values: readonly string[]) => {
    if (values.length > 0) {
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    } else if (column === 'topic' || column === 'campaign') {
      where.push(dimension === column ? `${column} <> '${ALL}'` : `${column} = '${ALL}'`);
    }
  };
  cell('topic', filter.topic);
  cell('campaign', filter.campaign);
  cell('country', filter.country);
  cell('platform', filter.platform);
  cell('lang', filter.lang);
  const rows = db
    .prepare(
      `SELECT ${dimension ?? "''"} AS value, ${ADDITIVE} FROM rollups WHERE ${where.join(' AND ')}
       GROUP BY value`,
    )
    .all(...params) as (MetricTotals & { value: string })[];
  return new Map(rows.map((row) => [row.value, row]));
}

/**
 * Distinct authors and potential reach (sum of each author's largest follower count) of a
 * filter's posts, by the value of `value` (an SQL expression over `p`, with `join`).
 */
export function authorTotals(
  db: Db,
  filter: PostFilter,
  value = "''",
  join = '',
  condition = '',
): Map<string, { authors: number; potentialReach: number }> {
  const { where, params } = postFilterSql(filter);
  const rows = db
    .prepare(
      `SELECT value, COUNT(*) AS authors, SUM(followers) AS potentialReach FROM (
         SELECT ${value} AS value, MAX(p.followers) AS followers FROM posts p ${join}
         WHERE ${where}${condition ? ` AND ${condition}` : ''} GROUP BY value, p.author_id
       ) GROUP BY value`,
    )
    .all(...params) as { value: string; authors: number; potentialReach: number }[];
  return new Map(rows.map((row) => [row.value, row]));
}

/**
 * Totals per bucket of the rollup cells a filter reads (at most one topic and one campaign),
 * summed in SQL: a 30-day hourly series is ~700 rows out instead of ~100,000 cells.
 */
export function bucketTotals(
  db: Db,
  filter: PostFilter,
  granularity: 'hour' | 'day',
): (MetricTotals & { bucketMs: number })[] {
  const { start, end } = filterRange(filter);
  const where = ['granularity = ?', 'bucket_ms >= ?', 'bucket_ms < ?'];
  const params: unknown[] = [granularity, start, end];
  const cell = (column: string, values: readonly string[], all: boolean) => {
    if (values.length > 0) {
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    } else if (all) where.push(`${column} = '${ALL}'`);
  };
  cell('topic', filter.topic, true);
  cell('campaign', filter.campaign, true);
  cell('country', filter.country, false);
  cell('platform', filter.platform, false);
  cell('lang', filter.lang, false);
  return db
    .prepare(
      `SELECT bucket_ms AS bucketMs, ${ADDITIVE}, SUM(authors) AS authors,
         SUM(potential_reach) AS potentialReach
       FROM rollups WHERE ${where.join(' AND ')} GROUP BY bucket_ms`,
    )
    .all(...params) as (MetricTotals & { bucketMs: number })[];
}
