import { interactionsOf, postKey, type Post } from '../../models/post.js';
import type {
  EnrichmentItem,
  PostRepository,
  PreparedEnrichment,
  StoredPost,
  UpsertResult,
} from '../../models/store.js';
import { decodeEnrichment } from '../enrichment-codec.js';
import { preparedOf } from '../prepare.js';
import type { Db } from './database.js';

const HOUR = 3_600_000;
/** Posts read by one statement in `getMany`. */
const GET_MANY_CHUNK = 500;
/** Entity rows written by one statement in `saveEnrichments` (3 parameters each). */
const ENTITY_ROWS_PER_INSERT = 100;
const ENTITY_KINDS = ['hashtag', 'mention', 'link', 'term'] as const;

interface PostRow {
  rowid: number;
  id: string;
  doc: string;
  enrichment: string | null;
}

/** The analysis columns of `posts`, in the order of the UPDATE statements. */
type AnalysisColumns = [
  enrichment: string,
  version: string,
  country: string,
  admin1: string | null,
  lang: string,
  sentiment: string,
  emotion: string,
  misogyny: number,
  hate: number,
  misogynyCategory: string | null,
];

function analysisColumns({ json, facets }: PreparedEnrichment): AnalysisColumns {
  return [
    json,
    facets.version,
    facets.country,
    facets.admin1,
    facets.lang,
    facets.sentiment,
    facets.emotion,
    facets.misogyny,
    facets.hate,
    facets.misogynyCategory,
  ];
}

export function rowToPost(row: PostRow): StoredPost {
  const post = JSON.parse(row.doc) as Post;
  return {
    ...post,
    id: row.id,
    enrichment: row.enrichment ? decodeEnrichment(row.enrichment) : null,
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
  private readonly selectState;
  private readonly saveFirstAnalysis;
  private readonly addEntityRow;
  private readonly addEntityRows;
  private readonly selectMany;

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
    this.selectState = db.prepare<[string], { rowid: number; analyzed: number }>(
      'SELECT rowid, analyzer_version IS NOT NULL AS analyzed FROM posts WHERE id = ?',
    );
    const setAnalysis = `UPDATE posts SET enrichment = ?, analyzer_version = ?, country = ?,
         admin1 = ?, lang = ?, sentiment = ?, emotion = ?, misogyny = ?, hate = ?,
         misogyny_category = ?`;
    this.saveAnalysis = db.prepare<[...AnalysisColumns, number]>(`${setAnalysis} WHERE rowid = ?`);
    this.saveFirstAnalysis = db.prepare<[...AnalysisColumns, string], { rowid: number }>(
      `${setAnalysis} WHERE id = ? AND analyzer_version IS NULL RETURNING rowid`,
    );
    this.clearTopics = db.prepare('DELETE FROM post_topics WHERE post_rowid = ?');
    this.clearCampaigns = db.prepare('DELETE FROM post_campaigns WHERE post_rowid = ?');
    this.addTopic = db.prepare(
      'INSERT OR IGNORE INTO post_topics (post_rowid, topic, created_ms) VALUES (?, ?, ?)',
    );
    this.addCampaign = db.prepare(
      'INSERT OR IGNORE INTO post_campaigns (post_rowid, campaign, created_ms) VALUES (?, ?, ?)',
    );
    this.clearEntities = db.prepare('DELETE FROM post_entities WHERE post_rowid = ?');
    const entityInsert = 'INSERT OR IGNORE INTO post_entities (post_rowid, kind, value) VALUES ';
    this.addEntityRow = db.prepare(`${entityInsert}(?, ?, ?)`);
    this.addEntityRows = db.prepare(
      entityInsert + Array.from({ length: ENTITY_ROWS_PER_INSERT }, () => '(?, ?, ?)').join(', '),
    );
    this.selectMany = db.prepare<string[], PostRow>(
      `SELECT rowid, id, doc, enrichment FROM posts WHERE id IN (${Array.from({ length: GET_MANY_CHUNK }, () => '?').join(',')})`,
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
    for (let i = 0; i < ids.length; i += GET_MANY_CHUNK) {
      const chunk = ids.slice(i, i + GET_MANY_CHUNK);
      const select =
        chunk.length === GET_MANY_CHUNK
          ? this.selectMany
          : this.db.prepare<string[], PostRow>(
              `SELECT rowid, id, doc, enrichment FROM posts WHERE id IN (${chunk.map(() => '?').join(',')})`,
            );
      rows.push(...select.all(...chunk));
    }
    const byId = new Map(rows.map((row) => [row.id, rowToPost(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async analysedIdsBetween(
    startMs: number,
    endMs: number,
    after: { createdMs: number; id: string } | null,
    limit: number,
  ): Promise<{ id: string; createdMs: number }[]> {
    const from = after ?? { createdMs: startMs, id: '' };
    return this.db
      .prepare<[number, number, number, number, string, number], { id: string; createdMs: number }>(
        `SELECT id, created_ms AS createdMs FROM posts INDEXED BY posts_range_cover
         WHERE analyzer_version IS NOT NULL AND created_ms >= ? AND created_ms < ?
           AND (created_ms > ? OR (created_ms = ? AND id > ?))
         ORDER BY created_ms, id LIMIT ?`,
      )
      .all(startMs, endMs, from.createdMs, from.createdMs, from.id, limit);
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

  async saveEnrichments(items: readonly EnrichmentItem[]): Promise<void> {
    const run = this.db.transaction(() => {
      const hours = new Set<number>();
      /** Entity rows of the whole batch (rowid, kind, value), inserted at the end. */
      const entities: (string | number)[] = [];
      for (const item of items) {
        let rowid: number;
        let analyzed: boolean;
        let prepared: PreparedEnrichment;
        if (item.prepared) {
          prepared = item.prepared;
          // A first analysis (the usual case) finds and updates the post in one statement.
          const first = this.saveFirstAnalysis.get(...analysisColumns(prepared), item.id);
          if (first) {
            ({ rowid } = first);
            analyzed = false;
          } else {
            const row = this.selectState.get(item.id);
            if (!row) continue;
            ({ rowid } = row);
            analyzed = row.analyzed === 1;
            this.saveAnalysis.run(...analysisColumns(prepared), rowid);
          }
        } else {
          const row = this.selectForAnalysis.get(item.id);
          if (!row) continue;
          prepared = preparedOf(item, () => JSON.parse(row.doc) as Post);
          ({ rowid } = row);
          analyzed = row.analyzed === 1;
          this.saveAnalysis.run(...analysisColumns(prepared), rowid);
        }
        const { facets, entities: values } = prepared;
        // A post never analysed has no topics, campaigns or entities yet.
        if (analyzed) {
          this.clearTopics.run(rowid);
          this.clearCampaigns.run(rowid);
          this.clearEntities.run(rowid);
        }
        for (const topic of facets.topics) this.addTopic.run(rowid, topic, facets.createdMs);
        for (const campaign of facets.campaigns) {
          this.addCampaign.run(rowid, campaign, facets.createdMs);
        }
        for (const kind of ENTITY_KINDS) {
          for (const value of values[kind]) entities.push(rowid, kind, value);
        }
        hours.add(facets.hourMs);
      }
      const width = ENTITY_ROWS_PER_INSERT * 3;
      let at = 0;
      for (; at + width <= entities.length; at += width) {
        this.addEntityRows.run(entities.slice(at, at + width));
      }
      for (; at < entities.length; at += 3) this.addEntityRow.run(entities.slice(at, at + 3));
      for (const hour of hours) this.markDirty.run(hour);
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
