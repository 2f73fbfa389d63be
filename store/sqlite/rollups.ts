import { DAY_MS, HOUR_MS, type PostFilter } from '../../models/filter.js';
import { ALL, type Granularity, type Rollup } from '../../models/rollup.js';
import type { RollupRepository } from '../../models/store.js';
import type { Db } from './database.js';
import { rollupMetrics, type MetricTotals } from '../totals.js';
import { AUTHOR_AGGREGATE, METRIC_TOTALS } from './filter-sql.js';
import { rollupCellsSql } from './rollup-totals.js';

const DIMENSIONS = 'topic, campaign, country, platform, lang';

/**
 * The analysed posts of [@start, @end) (and of a `condition`), and the topic and campaign cells
 * each counts in.
 */
const CELLS = (columns: string, condition = '') => `
  p AS MATERIALIZED (
    SELECT rowid, ${columns}
    FROM posts INDEXED BY posts_range_cover
    WHERE analyzer_version IS NOT NULL AND created_ms >= @start AND created_ms < @end${condition}
  ),
  topics AS (
    SELECT rowid AS r, '${ALL}' AS topic FROM p
    UNION ALL SELECT t.post_rowid, t.topic FROM post_topics t
      WHERE t.created_ms >= @start AND t.created_ms < @end AND t.post_rowid IN (SELECT rowid FROM p)
  ),
  campaigns AS (
    SELECT rowid AS r, '${ALL}' AS campaign FROM p
    UNION ALL SELECT c.post_rowid, c.campaign FROM post_campaigns c
      WHERE c.created_ms >= @start AND c.created_ms < @end AND c.post_rowid IN (SELECT rowid FROM p)
  )`;

const ROLLUP_COLUMNS = `${DIMENSIONS}, posts, analysed, authors, interactions, potential_reach,
  impressions, sentiment_p, sentiment_neu, sentiment_n, emotion_anger, emotion_disgust,
  emotion_fear, emotion_joy, emotion_sadness, emotion_surprise, emotion_others, misogyny, hate`;

/**
 * Hour cells of the hours listed in @hours (a JSON array) within [@start, @end), from their
 * posts. Every post counts in the cell of its own dimensions and in the '*' (all) cell of topic
 * and campaign, so a filter on at most one topic and one campaign reads rollups directly.
 */
const RECOMPUTE_HOURS = `
  INSERT INTO rollups (granularity, bucket_ms, ${ROLLUP_COLUMNS})
  WITH ${CELLS(
    `(created_ms / ${HOUR_MS}) * ${HOUR_MS} AS hour_ms, author_id, COALESCE(country, '') AS country,
      platform, lang, sentiment, emotion, misogyny, hate, interactions, followers, views`,
    ` AND (created_ms / ${HOUR_MS}) * ${HOUR_MS} IN (SELECT value FROM json_each(@hours))`,
  )},
  per_author AS (
    SELECT p.hour_ms, topics.topic, campaigns.campaign, p.country, p.platform, p.lang,
      ${AUTHOR_AGGREGATE}
    FROM p JOIN topics ON topics.r = p.rowid JOIN campaigns ON campaigns.r = p.rowid
    GROUP BY p.hour_ms, ${DIMENSIONS}, p.author_id
  )
  SELECT 'hour', hour_ms, ${DIMENSIONS}, ${METRIC_TOTALS.replace(/ AS \w+/g, '')}
  FROM per_author GROUP BY hour_ms, ${DIMENSIONS}`;

/** Numbers every author of the day's analysed posts (once, ever) for `author_days`. */
const NUMBER_AUTHORS = `
  INSERT OR IGNORE INTO authors (id)
  SELECT DISTINCT author_id FROM posts INDEXED BY posts_range_cover
  WHERE analyzer_version IS NOT NULL AND created_ms >= @start AND created_ms < @end`;

/**
 * Each day cell's distinct authors with their largest follower count that day, packed as
 * 12-byte big-endian (author number, followers) entries (read by ./author-days.ts), plus their
 * count and sum: the day cell's authors and potential reach. Each topic × campaign also gets an
 * every-country, platform and language cell ('*' in all three), which filters on neither read
 * instead of all the day's cells.
 */
const RECOMPUTE_AUTHOR_DAY = `
  INSERT INTO author_days (${DIMENSIONS}, day_ms, authors, potential_reach, followers)
  WITH ${CELLS(`author_id, COALESCE(country, '') AS country, platform, lang, followers`)},
  per_author AS (
    SELECT topics.topic, campaigns.campaign, p.country, p.platform, p.lang, a.seq,
      MAX(p.followers) AS followers
    FROM p JOIN topics ON topics.r = p.rowid JOIN campaigns ON campaigns.r = p.rowid
      JOIN authors a ON a.id = p.author_id
    GROUP BY ${DIMENSIONS}, a.seq
  ),
  per_author_all AS (
    SELECT topic, campaign, seq, MAX(followers) AS followers FROM per_author
    GROUP BY topic, campaign, seq
  )
  SELECT ${DIMENSIONS}, @start, COUNT(*), SUM(followers),
    unhex(group_concat(printf('%08X%016X', seq, followers), ''))
  FROM per_author GROUP BY ${DIMENSIONS}
  UNION ALL
  SELECT topic, campaign, '${ALL}', '${ALL}', '${ALL}', @start, COUNT(*), SUM(followers),
    unhex(group_concat(printf('%08X%016X', seq, followers), ''))
  FROM per_author_all GROUP BY topic, campaign`;

const sums = (columns: string) =>
  columns
    .split(',')
    .map((c) => `SUM(h.${c.trim()})`)
    .join(', ');

/**
 * Day cells without re-reading the day's posts: additive metrics are the sums of the day's
 * (fresh) hour cells, distinct authors and reach come from the day's `author_days` cell.
 */
const RECOMPUTE_DAY = `
  INSERT INTO rollups (granularity, bucket_ms, ${ROLLUP_COLUMNS})
  SELECT 'day', @start, h.topic, h.campaign, h.country, h.platform, h.lang,
    ${sums('posts, analysed')}, a.authors, SUM(h.interactions), a.potential_reach,
    ${sums(`impressions, sentiment_p, sentiment_neu, sentiment_n, emotion_anger, emotion_disgust,
      emotion_fear, emotion_joy, emotion_sadness, emotion_surprise, emotion_others, misogyny, hate`)}
  FROM rollups h INDEXED BY rollups_bucket
    JOIN author_days a ON a.topic = h.topic AND a.campaign = h.campaign AND a.day_ms = @start
    AND a.country = h.country AND a.platform = h.platform AND a.lang = h.lang
  WHERE h.granularity = 'hour' AND h.bucket_ms >= @start AND h.bucket_ms < @end
  GROUP BY h.topic, h.campaign, h.country, h.platform, h.lang`;

/**
 * Posts carrying each hashtag, mention, link and term on one day, per country: what top lists
 * and emerging terms read for the default (date and country) filters. The day's posts from the
 * covering index, then each one's entries by primary key: never the posts' rows.
 */
const ENTITY_DAY = `
  INSERT INTO entity_days (kind, country, day_ms, value, posts, interactions)
  SELECT e.kind, COALESCE(p.country, ''), @start, e.value, COUNT(*), SUM(p.interactions)
  FROM posts p INDEXED BY posts_range_cover
    CROSS JOIN post_entities e ON e.post_rowid = p.rowid
      AND e.kind IN ('hashtag', 'mention', 'link', 'term')
  WHERE p.analyzer_version IS NOT NULL AND p.created_ms >= @start AND p.created_ms < @end
  GROUP BY e.kind, COALESCE(p.country, ''), e.value`;

/** The every-country ('*') rows of a day: each post has one country, so they add up. */
const ENTITY_DAY_ALL = `
  INSERT INTO entity_days (kind, country, day_ms, value, posts, interactions)
  SELECT kind, '${ALL}', day_ms, value, SUM(posts), SUM(interactions) FROM entity_days
  WHERE day_ms = @start AND country <> '${ALL}'
  GROUP BY kind, value`;

/**
 * Per campaign × day × author, the facts campaign KPIs add up over the campaign's analysed
 * posts of [@start, @end) (analytics/campaign.ts: MAX as SQL takes it, NULLs ignored).
 */
const CAMPAIGN_AUTHOR_DAY = `
  INSERT INTO campaign_author_days (campaign, day_ms, author_id, platform, handle, posts,
    analysed, interactions, followers, media, sentiment_p, sentiment_neu, sentiment_n, misogyny)
  SELECT c.campaign, @start, p.author_id, MAX(p.platform), MAX(p.author_handle), COUNT(*),
    COUNT(*) FILTER (WHERE p.lang IS NOT 'other'), SUM(p.interactions), MAX(p.followers),
    COUNT(*) FILTER (WHERE p.platform = 'rss'), COUNT(*) FILTER (WHERE p.sentiment = 'P'),
    COUNT(*) FILTER (WHERE p.sentiment = 'NEU'), COUNT(*) FILTER (WHERE p.sentiment = 'N'),
    COALESCE(SUM(p.misogyny), 0)
  FROM post_campaigns c INDEXED BY post_campaigns_created
    CROSS JOIN posts p ON p.rowid = c.post_rowid
  WHERE c.created_ms >= @start AND c.created_ms < @end AND p.analyzer_version IS NOT NULL
  GROUP BY c.campaign, p.author_id`;

/** Per campaign × day × hashtag, the campaign's analysed posts carrying it and their interactions. */
const CAMPAIGN_HASHTAG_DAY = `
  INSERT INTO campaign_hashtag_days (campaign, day_ms, value, posts, interactions)
  SELECT c.campaign, @start, e.value, COUNT(*), SUM(p.interactions)
  FROM post_campaigns c INDEXED BY post_campaigns_created
    CROSS JOIN posts p ON p.rowid = c.post_rowid
    CROSS JOIN post_entities e ON e.post_rowid = c.post_rowid AND e.kind = 'hashtag'
  WHERE c.created_ms >= @start AND c.created_ms < @end AND p.analyzer_version IS NOT NULL
  GROUP BY c.campaign, e.value`;

export class SqliteRollups implements RollupRepository {
  constructor(private readonly db: Db) {}

  async dirtyBuckets(limit: number): Promise<number[]> {
    return this.db
      .prepare<[number], { hour_ms: number }>('SELECT hour_ms FROM dirty_buckets ORDER BY hour_ms LIMIT ?')
      .all(limit)
      .map((row) => row.hour_ms);
  }

  async recompute(hourBuckets: readonly number[]): Promise<number> {
    const days = [...new Set(hourBuckets.map((hour) => Math.floor(hour / DAY_MS) * DAY_MS))];
    const dirtyOfDay = this.db.prepare<[number, number], { hour_ms: number }>(
      'SELECT hour_ms FROM dirty_buckets WHERE hour_ms >= ? AND hour_ms < ?',
    );
    // Without INDEXED BY the planner walks the primary key by granularity alone: every hour row.
    const remove = this.db.prepare(
      'DELETE FROM rollups INDEXED BY rollups_bucket WHERE granularity = ? AND bucket_ms = ?',
    );
    const insertHours = this.db.prepare(RECOMPUTE_HOURS);
    const insertDay = this.db.prepare(RECOMPUTE_DAY);
    const numberAuthors = this.db.prepare(NUMBER_AUTHORS);
    const removeAuthorDay = this.db.prepare('DELETE FROM author_days WHERE day_ms = ?');
    const insertAuthorDay = this.db.prepare(RECOMPUTE_AUTHOR_DAY);
    const clean = this.db.prepare('DELETE FROM dirty_buckets WHERE hour_ms = ?');
    const removeEntities = this.db.prepare('DELETE FROM entity_days WHERE day_ms = ?');
    const entitiesByCountry = this.db.prepare(ENTITY_DAY);
    const entitiesAll = this.db.prepare(ENTITY_DAY_ALL);
    const removeCampaignAuthors = this.db.prepare(
      'DELETE FROM campaign_author_days INDEXED BY campaign_author_days_day WHERE day_ms = ?',
    );
    const campaignAuthors = this.db.prepare(CAMPAIGN_AUTHOR_DAY);
    const removeCampaignHashtags = this.db.prepare(
      'DELETE FROM campaign_hashtag_days INDEXED BY campaign_hashtag_days_day WHERE day_ms = ?',
    );
    const campaignHashtags = this.db.prepare(CAMPAIGN_HASHTAG_DAY);
    const run = this.db.transaction(() => {
      // Day cells add up their hour cells, so every dirty hour of a touched day is rebuilt too.
      const hours = new Set(hourBuckets);
      for (const day of days) for (const row of dirtyOfDay.all(day, day + DAY_MS)) hours.add(row.hour_ms);
      let written = 0;
      // Hour cells one statement per day (its dirty hours at once), not per hour.
      const byDay = new Map<number, number[]>();
      for (const hour of hours) {
        const day = Math.floor(hour / DAY_MS) * DAY_MS;
        const dayHours = byDay.get(day);
        if (dayHours) dayHours.push(hour);
        else byDay.set(day, [hour]);
        remove.run('hour', hour);
      }
      for (const [day, dayHours] of byDay) {
        const range = { start: day, end: day + DAY_MS, hours: JSON.stringify(dayHours) };
        written += insertHours.run(range).changes;
      }
      for (const day of days) {
        const range = { start: day, end: day + DAY_MS };
        numberAuthors.run(range);
        removeAuthorDay.run(day);
        insertAuthorDay.run(range);
        remove.run('day', day);
        written += insertDay.run(range).changes;
        removeEntities.run(day);
        entitiesByCountry.run(range);
        entitiesAll.run({ start: day });
        removeCampaignAuthors.run(day);
        campaignAuthors.run(range);
        removeCampaignHashtags.run(day);
        campaignHashtags.run(range);
      }
      for (const hour of hours) clean.run(hour);
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
    const { where, params } = rollupCellsSql(filter, granularity);
    return this.db
      .prepare(`SELECT ${CELL_COLUMNS} FROM rollups WHERE ${where} ORDER BY bucket_ms`)
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
