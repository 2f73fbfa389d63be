import { postEntities } from '../../analytics/entities.js';
import type { Enrichment } from '../../models/enrichment.js';
import { postFacets } from '../../models/facets.js';
import { interactionsOf, postKey, type Post } from '../../models/post.js';
import type { PostRepository, StoredPost, UpsertResult } from '../../models/store.js';
import type { Db } from './database.js';

const HOUR = 3_600_000;

interface PostRow {
  rowid: number;
  id: string;
  doc: string;
  enrichment: string | null;
}

export function rowToPost(row: PostRow): StoredPost {
  const post = JSON.parse(row.doc) as Post;
  return {
    ...post,
    id: row.id,
    enrichment: row.enrichment ? (JSON.parse(row.enrichment) as Enrichment) : null,
  };
}

export class SqlitePosts implements PostRepository {
  private readonly insert;
  private readonly insertText;
  private readonly findExisting;
  private readonly refreshMetrics;
  private readonly markDirty;
  private readonly selectById;
  private readonly selectForAnalysis;
  private readonly saveAnalysis;
  private readonly clearTopics;
  private readonly clearCampaigns;
  private readonly addTopic;
  private readonly addCampaign;
  private readonly clearEntities;
  private readonly addEntities;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO posts (id, platform, external_id, created_ms, hour_ms, author_id, doc, observed_ms,
         interactions, followers, views, author_handle)
       VALUES (@id, @platform, @externalId, @createdMs, @hourMs, @authorId, @doc, @observedMs,
         @interactions, @followers, @views, @authorHandle)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.insertText = db.prepare('INSERT INTO posts_fts (rowid, text) VALUES (?, ?)');
    this.findExisting = db.prepare<[string], { rowid: number; observed_ms: number; doc: string; hour_ms: number; analyzer_version: string | null }>(
      'SELECT rowid, observed_ms, doc, hour_ms, analyzer_version FROM posts WHERE id = ?',
    );
    this.refreshMetrics = db.prepare(
      `UPDATE posts SET doc = @doc, observed_ms = @observedMs, interactions = @interactions,
         followers = @followers, views = @views WHERE rowid = @rowid`,
    );
    this.markDirty = db.prepare('INSERT OR IGNORE INTO dirty_buckets (hour_ms) VALUES (?)');
    this.selectById = db.prepare<[string], PostRow>(
      'SELECT rowid, id, doc, enrichment FROM posts WHERE id = ?',
    );
    this.selectForAnalysis = db.prepare<[string], { rowid: number; doc: string; analyzed: number }>(
      'SELECT rowid, doc, analyzer_version IS NOT NULL AS analyzed FROM posts WHERE id = ?',
    );
    this.saveAnalysis = db.prepare(
      `UPDATE posts SET enrichment = @enrichment, analyzer_version = @version, country = @country,
         admin1 = @admin1, lang = @lang, sentiment = @sentiment, emotion = @emotion,
         misogyny = @misogyny, hate = @hate, misogyny_category = @misogynyCategory
       WHERE rowid = @rowid`,
    );
    this.clearTopics = db.prepare('DELETE FROM post_topics WHERE post_rowid = ?');
    this.clearCampaigns = db.prepare('DELETE FROM post_campaigns WHERE post_rowid = ?');
    this.addTopic = db.prepare(
      'INSERT OR IGNORE INTO post_topics (post_rowid, topic, created_ms) VALUES (?, ?, ?)',
    );
    this.addCampaign = db.prepare(
      'INSERT OR IGNORE INTO post_campaigns (post_rowid, campaign, created_ms) VALUES (?, ?, ?)',
    );
    this.clearEntities = db.prepare(
      `DELETE FROM post_entities WHERE kind IN ('hashtag', 'mention', 'link', 'term')
       AND created_ms = ? AND post_rowid = ?`,
    );
    // A post's entities in one statement: @entities is a JSON object of kind → values.
    this.addEntities = db.prepare(
      `INSERT OR IGNORE INTO post_entities (kind, created_ms, post_rowid, value)
       SELECT k.key, @createdMs, @rowid, v.value FROM json_each(@entities) k, json_each(k.value) v`,
    );
  }

  async upsert(posts: readonly Post[]): Promise<UpsertResult> {
    const run = this.db.transaction((batch: readonly Post[]) => {
      const result: UpsertResult = { inserted: 0, duplicates: 0, insertedIds: [] };
      for (const post of batch) {
        const id = postKey(post);
        const createdMs = Date.parse(post.createdAt);
        const observedMs = Date.parse(post.metrics.observedAt);
        const info = this.insert.run({
          id,
          platform: post.platform,
          externalId: post.externalId,
          createdMs,
          hourMs: Math.floor(createdMs / HOUR) * HOUR,
          authorId: post.author.id,
          doc: JSON.stringify(post),
          observedMs,
          interactions: interactionsOf(post.metrics),
          followers: post.author.followers ?? 0,
          views: post.metrics.views ?? 0,
          authorHandle: post.author.handle,
        });
        if (info.changes === 1) {
          this.insertText.run(info.lastInsertRowid, post.text);
          result.inserted++;
          result.insertedIds.push(id);
          continue;
        }
        result.duplicates++;
        const existing = this.findExisting.get(id);
        if (!existing || existing.observed_ms >= observedMs) continue;
        const stored = JSON.parse(existing.doc) as Post;
        stored.metrics = post.metrics;
        stored.author = { ...stored.author, followers: post.author.followers ?? stored.author.followers };
        this.refreshMetrics.run({
          rowid: existing.rowid,
          doc: JSON.stringify(stored),
          observedMs,
          interactions: interactionsOf(post.metrics),
          followers: stored.author.followers ?? 0,
          views: post.metrics.views ?? 0,
        });
        if (existing.analyzer_version !== null) this.markDirty.run(existing.hour_ms);
      }
      return result;
    });
    return run.immediate(posts);
  }

  async get(id: string): Promise<StoredPost | null> {
    const row = this.selectById.get(id);
    return row ? rowToPost(row) : null;
  }

  async getMany(ids: readonly string[]): Promise<StoredPost[]> {
    if (ids.length === 0) return [];
    const rows: PostRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      rows.push(
        ...(this.db
          .prepare(`SELECT rowid, id, doc, enrichment FROM posts WHERE id IN (${chunk.map(() => '?').join(',')})`)
          .all(...chunk) as PostRow[]),
      );
    }
    const byId = new Map(rows.map((row) => [row.id, rowToPost(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async pendingEnrichment(limit: number, version: string): Promise<StoredPost[]> {
    const fresh = this.db
      .prepare<[number], PostRow>(
        `SELECT rowid, id, doc, enrichment FROM posts WHERE analyzer_version IS NULL
         ORDER BY created_ms LIMIT ?`,
      )
      .all(limit);
    if (fresh.length >= limit) return fresh.map(rowToPost);
    const stale = this.db
      .prepare<[string, number], PostRow>(
        `SELECT rowid, id, doc, enrichment FROM posts
         WHERE analyzer_version IS NOT NULL AND analyzer_version <> ? LIMIT ?`,
      )
      .all(version, limit - fresh.length);
    return [...fresh, ...stale].map(rowToPost);
  }

  async saveEnrichments(items: readonly { id: string; enrichment: Enrichment }[]): Promise<void> {
    const run = this.db.transaction(() => {
      for (const { id, enrichment } of items) {
        const row = this.selectForAnalysis.get(id);
        if (!row) continue;
        const post = JSON.parse(row.doc) as Post;
        const facets = postFacets(post, enrichment);
        this.saveAnalysis.run({
          rowid: row.rowid,
          enrichment: JSON.stringify(enrichment),
          version: enrichment.version,
          country: facets.country,
          admin1: facets.admin1,
          lang: facets.lang,
          sentiment: facets.sentiment,
          emotion: facets.emotion,
          misogyny: facets.misogyny,
          hate: facets.hate,
          misogynyCategory: facets.misogyny ? enrichment.misogyny.category : null,
        });
        // A post never analysed has no topics, campaigns or entities yet.
        if (row.analyzed) {
          this.clearTopics.run(row.rowid);
          this.clearCampaigns.run(row.rowid);
          this.clearEntities.run(facets.createdMs, row.rowid);
        }
        for (const topic of facets.topics) this.addTopic.run(row.rowid, topic, facets.createdMs);
        for (const campaign of facets.campaigns) {
          this.addCampaign.run(row.rowid, campaign, facets.createdMs);
        }
        this.addEntities.run({
          createdMs: facets.createdMs,
          rowid: row.rowid,
          entities: JSON.stringify(postEntities(post)),
        });
        this.markDirty.run(facets.hourMs);
      }
    });
    run.immediate();
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM posts').get() as { n: number }).n;
  }

  async countPendingEnrichment(version: string): Promise<number> {
    return (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM posts WHERE analyzer_version IS NULL OR analyzer_version <> ?')
        .get(version) as { n: number }
    ).n;
  }
}
