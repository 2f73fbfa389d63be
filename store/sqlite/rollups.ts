import { filterRange, type PostFilter } from '../../models/filter.js';
import { ALL, type Granularity, type Rollup } from '../../models/rollup.js';
import type { RollupRepository } from '../../models/store.js';
import type { Db } from './database.js';
import { rollupMetrics, type MetricTotals } from '../totals.js';
import { AUTHOR_AGGREGATE, METRIC_TOTALS } from './filter-sql.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const DIMENSIONS = 'topic, campaign, country, platform, lang';

/**
 * Every post counts in the cell of its own dimensions and in the '*' (all) cell of topic and
 * campaign, so a filter on at most one topic and one campaign reads rollups directly.
 */
const RECOMPUTE = `
  INSERT INTO rollups (granularity, bucket_ms, ${DIMENSIONS}, posts, analysed, authors,
    interactions, potential_reach, impressions, sentiment_p, sentiment_neu, sentiment_n,
    emotion_anger, emotion_disgust, emotion_fear, emotion_joy, emotion_sadness, emotion_surprise,
    emotion_others, misogyny, hate)
  WITH p AS (
    SELECT rowid, author_id, COALESCE(country, '') AS country, platform, lang, sentiment, emotion,
      misogyny, hate, interactions, followers, views
    FROM posts WHERE analyzer_version IS NOT NULL AND created_ms >= @start AND created_ms < @end
  ),
  topics AS (
    SELECT rowid AS r, '${ALL}' AS topic FROM p
    UNION ALL SELECT t.post_rowid, t.topic FROM post_topics t
      WHERE t.created_ms >= @start AND t.created_ms < @end
        AND EXISTS (SELECT 1 FROM posts q WHERE q.rowid = t.post_rowid AND q.analyzer_version IS NOT NULL)
  ),
  campaigns AS (
    SELECT rowid AS r, '${ALL}' AS campaign FROM p
    UNION ALL SELECT c.post_rowid, c.campaign FROM post_campaigns c
      WHERE c.created_ms >= @start AND c.created_ms < @end
        AND EXISTS (SELECT 1 FROM posts q WHERE q.rowid = c.post_rowid AND q.analyzer_version IS NOT NULL)
  ),
  per_author AS (
    SELECT topics.topic, campaigns.campaign, p.country, p.platform, p.lang, ${AUTHOR_AGGREGATE}
    FROM p JOIN topics ON topics.r = p.rowid JOIN campaigns ON campaigns.r = p.rowid
    GROUP BY ${DIMENSIONS}, p.author_id
  )
  SELECT @granularity, @start, ${DIMENSIONS}, ${METRIC_TOTALS.replace(/ AS \w+/g, '')}
  FROM per_author GROUP BY ${DIMENSIONS}`;

/**
 * Posts carrying each hashtag, mention, link and term on one day, per country and for every
 * country ('*'): what top lists and emerging terms read for the default (date and country)
 * filters. Recomputed with the day's rollups.
 */
const ENTITY_DAY = (country: string) => `
  INSERT INTO entity_days (kind, country, day_ms, value, posts, interactions)
  SELECT e.kind, ${country}, @start, e.value, COUNT(*), SUM(p.interactions)
  FROM post_entities e JOIN posts p ON p.rowid = e.post_rowid
  WHERE e.kind IN ('hashtag', 'mention', 'link', 'term') AND e.created_ms >= @start
    AND e.created_ms < @end AND p.analyzer_version IS NOT NULL
  GROUP BY e.kind, ${country}, e.value`;

export class SqliteRollups implements RollupRepository {
  constructor(private readonly db: Db) {}

  async dirtyBuckets(limit: number): Promise<number[]> {
    return this.db
      .prepare<[number], { hour_ms: number }>('SELECT hour_ms FROM dirty_buckets ORDER BY hour_ms LIMIT ?')
      .all(limit)
      .map((row) => row.hour_ms);
  }

  async recompute(hourBuckets: readonly number[]): Promise<number> {
    const days = new Set(hourBuckets.map((hour) => Math.floor(hour / DAY) * DAY));
    const remove = this.db.prepare('DELETE FROM rollups WHERE granularity = ? AND bucket_ms = ?');
    const insert = this.db.prepare(RECOMPUTE);
    const clean = this.db.prepare('DELETE FROM dirty_buckets WHERE hour_ms = ?');
    const removeEntities = this.db.prepare('DELETE FROM entity_days WHERE day_ms = ?');
    const entitiesAll = this.db.prepare(ENTITY_DAY(`'${ALL}'`));
    const entitiesByCountry = this.db.prepare(ENTITY_DAY(`COALESCE(p.country, '')`));
    const run = this.db.transaction(() => {
      let written = 0;
      const rebuild = (granularity: Granularity, start: number, length: number) => {
        remove.run(granularity, start);
        written += insert.run({ granularity, start, end: start + length }).changes;
      };
      for (const hour of hourBuckets) rebuild('hour', hour, HOUR);
      for (const day of days) {
        rebuild('day', day, DAY);
        removeEntities.run(day);
        entitiesAll.run({ start: day, end: day + DAY });
        entitiesByCountry.run({ start: day, end: day + DAY });
      }
      for (const hour of hourBuckets) clean.run(hour);
      return written;
    });
    return run.immediate();
  }

  async list(filter: PostFilter, granularity: Granularity): Promise<Rollup[]> {
    return (await this.cells(filter, granularity)).map(({ bucketMs, ...row }) => ({
      granularity,
      bucket: new Date(bucketMs).toISOString(),
      country: row.country,
      platform: row.platform,
      lang: row.lang,
      topic: row.topic,
      campaign: row.campaign,
      ...rollupMetrics(row),
    }));
  }

  /** Rollup cells matching a filter: '*' cells unless a topic/campaign is named. */
  async cells(filter: PostFilter, granularity: Granularity): Promise<RollupCell[]> {
    const { start, end } = filterRange(filter);
    const where = ['granularity = ?', 'bucket_ms >= ?', 'bucket_ms < ?'];
    const params: unknown[] = [granularity, start, end];
    const dimension = (column: string, values: readonly string[], all: boolean) => {
      if (values.length === 0) {
        if (all) where.push(`${column} = '${ALL}'`);
        return;
      }
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    dimension('topic', filter.topic, true);
    dimension('campaign', filter.campaign, true);
    dimension('country', filter.country, false);
    dimension('platform', filter.platform, false);
    dimension('lang', filter.lang, false);
    return this.db
      .prepare(`SELECT ${CELL_COLUMNS} FROM rollups WHERE ${where.join(' AND ')} ORDER BY bucket_ms`)
      .all(...params) as RollupCell[];
  }
}

export type RollupCell = MetricTotals & {
  bucketMs: number;
  topic: string;
  campaign: string;
  country: string;
  platform: string;
  lang: string;
};

const CELL_COLUMNS = `bucket_ms AS bucketMs, ${DIMENSIONS}, posts, analysed, authors, interactions,
  potential_reach AS potentialReach, impressions, sentiment_p AS sentimentP,
  sentiment_neu AS sentimentNeu, sentiment_n AS sentimentN, emotion_anger AS emotionAnger,
  emotion_disgust AS emotionDisgust, emotion_fear AS emotionFear, emotion_joy AS emotionJoy,
  emotion_sadness AS emotionSadness, emotion_surprise AS emotionSurprise,
  emotion_others AS emotionOthers, misogyny, hate`;
