import type { Db } from './database.js';

/**
 * Versioned schema. Each migration runs once, in order, inside a transaction; the applied
 * version is kept in `PRAGMA user_version`. A migration is SQL, or a function when it backfills
 * in steps. Never edit a released migration: add one.
 */
export const MIGRATIONS: readonly (string | ((db: Db) => void))[] = [
  // 1: posts, their facets and text index; rollups; records.
  `
  CREATE TABLE posts (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    platform TEXT NOT NULL,
    external_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    hour_ms INTEGER NOT NULL,
    author_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    observed_ms INTEGER NOT NULL,
    enrichment TEXT,
    analyzer_version TEXT,
    country TEXT,
    admin1 TEXT,
    lang TEXT,
    sentiment TEXT,
    emotion TEXT,
    misogyny INTEGER,
    hate INTEGER,
    interactions INTEGER NOT NULL DEFAULT 0,
    followers INTEGER NOT NULL DEFAULT 0,
    views INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX posts_created ON posts (created_ms) WHERE analyzer_version IS NOT NULL;
  CREATE INDEX posts_country_created ON posts (country, created_ms) WHERE analyzer_version IS NOT NULL;
  CREATE INDEX posts_pending ON posts (created_ms) WHERE analyzer_version IS NULL;
  CREATE INDEX posts_version ON posts (analyzer_version);

  CREATE TABLE post_topics (
    post_rowid INTEGER NOT NULL REFERENCES posts (rowid) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (post_rowid, topic)
  ) WITHOUT ROWID;
  CREATE INDEX post_topics_topic ON post_topics (topic, created_ms);

  CREATE TABLE post_campaigns (
    post_rowid INTEGER NOT NULL REFERENCES posts (rowid) ON DELETE CASCADE,
    campaign TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (post_rowid, campaign)
  ) WITHOUT ROWID;
  CREATE INDEX post_campaigns_campaign ON post_campaigns (campaign, created_ms);

  CREATE VIRTUAL TABLE posts_fts USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
  );

  CREATE TABLE dirty_buckets (hour_ms INTEGER PRIMARY KEY) WITHOUT ROWID;

  CREATE TABLE rollups (
    granularity TEXT NOT NULL,
    bucket_ms INTEGER NOT NULL,
    topic TEXT NOT NULL,
    campaign TEXT NOT NULL,
    country TEXT NOT NULL,
    platform TEXT NOT NULL,
    lang TEXT NOT NULL,
    posts INTEGER NOT NULL,
    analysed INTEGER NOT NULL,
    authors INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    potential_reach INTEGER NOT NULL,
    impressions INTEGER NOT NULL,
    sentiment_p INTEGER NOT NULL,
    sentiment_neu INTEGER NOT NULL,
    sentiment_n INTEGER NOT NULL,
    emotion_anger INTEGER NOT NULL,
    emotion_disgust INTEGER NOT NULL,
    emotion_fear INTEGER NOT NULL,
    emotion_joy INTEGER NOT NULL,
    emotion_sadness INTEGER NOT NULL,
    emotion_surprise INTEGER NOT NULL,
    emotion_others INTEGER NOT NULL,
    misogyny INTEGER NOT NULL,
    hate INTEGER NOT NULL,
    PRIMARY KEY (granularity, topic, campaign, bucket_ms, country, platform, lang)
  ) WITHOUT ROWID;

  CREATE TABLE documents (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    doc TEXT NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (collection, id)
  ) WITHOUT ROWID;

  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    rule_id TEXT NOT NULL,
    bucket TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (rule_id, bucket)
  );
  CREATE INDEX alerts_created ON alerts (created_ms);

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    doc TEXT NOT NULL
  );

  CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX annotations_post ON annotations (post_id);

  CREATE TABLE briefs (
    id TEXT PRIMARY KEY,
    created_ms INTEGER NOT NULL,
    doc TEXT NOT NULL,
    pdf BLOB NOT NULL
  );
  `,
  // 2: analytics — author handle and misogyny category facets, per-post entities (hashtags,
  // mentions, links, terms), their daily counts, and covering indexes for dashboard queries.
  // Posts enriched before this migration get their entities when re-enriched.
  `
  ALTER TABLE posts ADD COLUMN author_handle TEXT;
  ALTER TABLE posts ADD COLUMN misogyny_category TEXT;
  UPDATE posts SET author_handle = json_extract(doc, '$.author.handle');
  UPDATE posts SET misogyny_category = json_extract(enrichment, '$.misogyny.category')
    WHERE misogyny = 1;

  CREATE INDEX posts_range_cover ON posts (created_ms, author_id, country, platform, lang,
    sentiment, emotion, misogyny, hate, interactions, followers, views)
    WHERE analyzer_version IS NOT NULL;
  CREATE INDEX posts_author_created ON posts (author_id, created_ms) WHERE analyzer_version IS NOT NULL;
  -- posts_range_cover leads with created_ms under the same condition, so it serves every range
  -- read; left in place, the planner picked this narrower one and read each post's row.
  DROP INDEX posts_created;
  -- Rollup recomputation reads one bucket's topics and campaigns by time: without these it
  -- scanned both tables for every bucket.
  CREATE INDEX post_topics_created ON post_topics (created_ms);
  CREATE INDEX post_campaigns_created ON post_campaigns (created_ms);

  -- Clustered by (kind, time): range reads need no second index, and a post's rows are found
  -- by (kind, its created_ms, its rowid). No foreign key: posts are never deleted, and a
  -- cascading delete would need an index on post_rowid that every insert would pay for.
  CREATE TABLE post_entities (
    kind TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    post_rowid INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, created_ms, post_rowid, value)
  ) WITHOUT ROWID;

  -- Posts carrying each entity per UTC day, per country and for every country ('*').
  CREATE TABLE entity_days (
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    day_ms INTEGER NOT NULL,
    value TEXT NOT NULL,
    posts INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    PRIMARY KEY (kind, country, day_ms, value)
  ) WITHOUT ROWID;
  CREATE INDEX entity_days_value ON entity_days (kind, country, value, day_ms);
  CREATE INDEX entity_days_day ON entity_days (day_ms);
  -- Recompute replaces a bucket's rollups by (granularity, bucket): without this, a scan.
  CREATE INDEX rollups_bucket ON rollups (granularity, bucket_ms);
  `,
  // 3: distinct authors per day cell, so that distinct authors and potential reach over a range
  // are a union of small per-day sets instead of a pass over every post. `authors` numbers each
  // pseudonymised author id once; `author_days.followers` packs, per day × rollup cell (plus an
  // all-countries/platforms/languages cell '*' per topic × campaign), each distinct author's
  // number (4 bytes) and largest follower count that day (8 bytes), big-endian. Backfilled day
  // by day from the analysed posts. Also an index for campaign KPIs.
  (db: Db) => {
    db.exec(`
      CREATE TABLE authors (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
      CREATE TABLE author_days (
        topic TEXT NOT NULL,
        campaign TEXT NOT NULL,
        day_ms INTEGER NOT NULL,
        country TEXT NOT NULL,
        platform TEXT NOT NULL,
        lang TEXT NOT NULL,
        authors INTEGER NOT NULL,
        potential_reach INTEGER NOT NULL,
        followers BLOB NOT NULL
      );
      CREATE UNIQUE INDEX author_days_cell
        ON author_days (topic, campaign, day_ms, country, platform, lang);
      CREATE INDEX author_days_day ON author_days (day_ms);
      -- With posts_range_cover, every fact campaign KPIs read of a post, by (created_ms, rowid),
      -- without reading the post's row.
      -- Partial on the handle, so that the planner never takes it for a range read (it would
      -- then read each post's row, as with posts_created before migration 2).
      CREATE INDEX posts_created_handle ON posts (created_ms, author_handle)
        WHERE author_handle IS NOT NULL;
      INSERT INTO authors (id)
        SELECT DISTINCT author_id FROM posts WHERE analyzer_version IS NOT NULL ORDER BY author_id;
    `);
    const days = db
      .prepare<[], { day: number }>(
        `SELECT DISTINCT (created_ms / 86400000) * 86400000 AS day
         FROM posts INDEXED BY posts_range_cover WHERE analyzer_version IS NOT NULL ORDER BY day`,
      )
      .all();
    const fill = db.prepare(`
      INSERT INTO author_days (topic, campaign, day_ms, country, platform, lang, authors,
        potential_reach, followers)
      WITH p AS MATERIALIZED (
        SELECT rowid, author_id, COALESCE(country, '') AS country, platform, lang, followers
        FROM posts INDEXED BY posts_range_cover WHERE analyzer_version IS NOT NULL AND created_ms >= @start AND created_ms < @end
      ),
      topics AS (
        SELECT rowid AS r, '*' AS topic FROM p
        UNION ALL SELECT t.post_rowid, t.topic FROM post_topics t
          WHERE t.created_ms >= @start AND t.created_ms < @end AND t.post_rowid IN (SELECT rowid FROM p)
      ),
      campaigns AS (
        SELECT rowid AS r, '*' AS campaign FROM p
        UNION ALL SELECT c.post_rowid, c.campaign FROM post_campaigns c
          WHERE c.created_ms >= @start AND c.created_ms < @end AND c.post_rowid IN (SELECT rowid FROM p)
      ),
      per_author AS (
        SELECT topics.topic, campaigns.campaign, p.country, p.platform, p.lang, a.seq,
          MAX(p.followers) AS followers
        FROM p JOIN topics ON topics.r = p.rowid JOIN campaigns ON campaigns.r = p.rowid
          JOIN authors a ON a.id = p.author_id
        GROUP BY topics.topic, campaigns.campaign, p.country, p.platform, p.lang, a.seq
      ),
      per_author_all AS (
        SELECT topic, campaign, seq, MAX(followers) AS followers FROM per_author
        GROUP BY topic, campaign, seq
      )
      SELECT topic, campaign, @start, country, platform, lang, COUNT(*), SUM(followers),
        unhex(group_concat(printf('%08X%016X', seq, followers), ''))
      FROM per_author GROUP BY topic, campaign, country, platform, lang
      UNION ALL
      SELECT topic, campaign, @start, '*', '*', '*', COUNT(*), SUM(followers),
        unhex(group_concat(printf('%08X%016X', seq, followers), ''))
      FROM per_author_all GROUP BY topic, campaign`);
    for (const { day } of days) fill.run({ start: day, end: day + 86_400_000 });
  },
  // 4: campaign KPIs per day, kept with the rollups: per campaign × UTC day × author, the
  // facts campaign KPIs add up (from the campaign's analysed posts), and per campaign × day ×
  // hashtag, posts and interactions. Campaign KPIs then read a campaign's days, not each of its
  // posts from three indexes. Backfilled day by day from the posts' campaigns.
  (db: Db) => {
    db.exec(`
      CREATE TABLE campaign_author_days (
        campaign TEXT NOT NULL,
        day_ms INTEGER NOT NULL,
        author_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        handle TEXT,
        posts INTEGER NOT NULL,
        analysed INTEGER NOT NULL,
        interactions INTEGER NOT NULL,
        followers INTEGER NOT NULL,
        media INTEGER NOT NULL,
        sentiment_p INTEGER NOT NULL,
        sentiment_neu INTEGER NOT NULL,
        sentiment_n INTEGER NOT NULL,
        misogyny INTEGER NOT NULL,
        PRIMARY KEY (campaign, day_ms, author_id)
      ) WITHOUT ROWID;
      CREATE INDEX campaign_author_days_day ON campaign_author_days (day_ms);
      CREATE TABLE campaign_hashtag_days (
        campaign TEXT NOT NULL,
        day_ms INTEGER NOT NULL,
        value TEXT NOT NULL,
        posts INTEGER NOT NULL,
        interactions INTEGER NOT NULL,
        PRIMARY KEY (campaign, day_ms, value)
      ) WITHOUT ROWID;
      CREATE INDEX campaign_hashtag_days_day ON campaign_hashtag_days (day_ms);
    `);
    const days = db
      .prepare<[], { day: number }>(
        `SELECT DISTINCT (created_ms / 86400000) * 86400000 AS day FROM post_campaigns ORDER BY day`,
      )
      .all();
    const authors = db.prepare(`
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
      GROUP BY c.campaign, p.author_id`);
    const hashtags = db.prepare(`
      INSERT INTO campaign_hashtag_days (campaign, day_ms, value, posts, interactions)
      SELECT c.campaign, @start, e.value, COUNT(*), SUM(p.interactions)
      FROM post_campaigns c INDEXED BY post_campaigns_created
        CROSS JOIN posts p ON p.rowid = c.post_rowid
        CROSS JOIN post_entities e ON e.kind = 'hashtag' AND e.created_ms = c.created_ms
          AND e.post_rowid = c.post_rowid
      WHERE c.created_ms >= @start AND c.created_ms < @end AND p.analyzer_version IS NOT NULL
      GROUP BY c.campaign, e.value`);
    for (const { day } of days) {
      authors.run({ start: day, end: day + 86_400_000 });
      hashtags.run({ start: day, end: day + 86_400_000 });
    }
  },
  // 5: post_entities clustered by post instead of by (kind, time). Every read of it is by post
  // (a post's entries of one kind), and a save appends a batch's posts' entries at the end of
  // the table instead of into pages all over it: on 50k posts of two weeks, 17 MB written
  // instead of 380 MB, half the time. created_ms, only there for the old clustering, goes.
  `
  CREATE TABLE post_entities_by_post (
    post_rowid INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (post_rowid, kind, value)
  ) WITHOUT ROWID;
  INSERT INTO post_entities_by_post (post_rowid, kind, value)
    SELECT post_rowid, kind, value FROM post_entities ORDER BY post_rowid, kind, value;
  DROP TABLE post_entities;
  ALTER TABLE post_entities_by_post RENAME TO post_entities;
  `,
];
