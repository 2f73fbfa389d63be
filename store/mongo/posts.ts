import { interactionsOf, postKey, type Post } from '../../models/post.js';
import type { EnrichmentItem, PostRepository, StoredPost, UpsertResult } from '../../models/store.js';
import { decodeEnrichment } from '../enrichment-codec.js';
import { preparedOf } from '../prepare.js';
import { COLLECTIONS, DAY, HOUR, plain, toStoredPost, type PostDocument } from './collections.js';
import {
  duplicateIndexes,
  isDuplicateKeyError,
  type BulkOperation,
  type Doc,
  type MongoDbLike,
} from './db-like.js';
import { markDirty } from './dirty.js';

const STORED_FIELDS = { _id: 1, doc: 1, enrichment: 1 } as const;
const CHUNK = 500;

/**
 * Posts, keyed `platform:externalId` (`_id`). MongoDB has no multi-document transaction without a
 * replica set, so "save the analysis and mark its bucket dirty" is two writes, in this order:
 *
 * 1. the post, with `dirty: true` set in the same single-document (atomic) update;
 * 2. the bucket's mark in `dirty_buckets`.
 *
 * A crash between 1 and 2 leaves a post enriched but its bucket unmarked; `dirtyBuckets` also
 * returns the hour buckets of posts still flagged `dirty`, so the sweep heals it. `recompute`
 * first makes sure each of its buckets has a mark, clears the buckets' post flags *before*
 * aggregating (a post flagged after that keeps its flag, and is recomputed next time) and
 * deletes only the marks it read (by version) *after* writing the rollups. At every point a
 * changed post's bucket is marked, flagged or already aggregated with the change, so neither a
 * crash nor a concurrent writer can lose a rollup update (tests/unit/store/mongo-adapter).
 */
export class MongoPosts implements PostRepository {
  constructor(private readonly db: MongoDbLike) {}

  private get posts() {
    return this.db.collection(COLLECTIONS.posts);
  }

  async upsert(batch: readonly Post[]): Promise<UpsertResult> {
    const result: UpsertResult = { inserted: 0, duplicates: 0, insertedIds: [] };
    if (batch.length === 0) return result;
    const ids = batch.map(postKey);
    const existing = new Map<
      string,
      Pick<PostDocument, 'observedMs' | 'analyzerVersion' | 'hourMs'>
    >();
    for (const chunk of chunks([...new Set(ids)])) {
      const rows = await this.posts
        .find(
          { _id: { $in: chunk } },
          { projection: { _id: 1, observedMs: 1, analyzerVersion: 1, hourMs: 1 } },
        )
        .toArray();
      for (const row of rows) existing.set(row._id as string, row as PostDocument);
    }

    // First occurrence of each new key is inserted; everything else is a duplicate.
    const fresh: number[] = [];
    const claimed = new Set<string>();
    ids.forEach((id, i) => {
      if (existing.has(id) || claimed.has(id)) return;
      claimed.add(id);
      fresh.push(i);
    });
    const rejected = await this.insertNew(fresh.map((i) => newDocument(batch[i]!, ids[i]!)));
    const inserted = new Set(fresh.filter((_, n) => !rejected.has(n)));

    const ops: BulkOperation[] = [];
    const dirtyHours = new Set<number>();
    const observed = new Map<string, number>();
    for (const [i, post] of batch.entries()) {
      const id = ids[i]!;
      const observedMs = Date.parse(post.metrics.observedAt);
      if (inserted.has(i)) {
        result.inserted++;
        result.insertedIds.push(id);
        observed.set(id, observedMs);
        continue;
      }
      result.duplicates++;
      const stored = existing.get(id);
      const latest = observed.get(id) ?? stored?.observedMs ?? -Infinity;
      if (latest >= observedMs) continue;
      observed.set(id, observedMs);
      const enriched = stored !== undefined && stored.analyzerVersion != null;
      if (enriched) dirtyHours.add(stored.hourMs);
      ops.push({
        updateOne: {
          filter: { _id: id, observedMs: { $lt: observedMs } },
          update: { $set: refreshedMetrics(post, observedMs, enriched) },
        },
      });
    }
    if (ops.length > 0) await this.posts.bulkWrite(ops, { ordered: true });
    await markDirty(this.db, dirtyHours);
    return result;
  }

  /** Inserts new posts; returns the positions of those another writer inserted first. */
  private async insertNew(documents: PostDocument[]): Promise<Set<number>> {
    if (documents.length === 0) return new Set();
    try {
      await this.posts.insertMany(documents, { ordered: false });
      return new Set();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return new Set(duplicateIndexes(error));
    }
  }

  async get(id: string): Promise<StoredPost | null> {
    const row = await this.posts.findOne({ _id: id }, { projection: STORED_FIELDS });
    return row ? toStoredPost(row as PostDocument) : null;
  }

  async getMany(ids: readonly string[]): Promise<StoredPost[]> {
    const byId = new Map<string, StoredPost>();
    for (const chunk of chunks([...new Set(ids)])) {
      const rows = await this.posts
        .find({ _id: { $in: chunk } }, { projection: STORED_FIELDS })
        .toArray();
      for (const row of rows) byId.set(row._id as string, toStoredPost(row as PostDocument));
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async analysedIdsBetween(
    startMs: number,
    endMs: number,
    after: { createdMs: number; id: string } | null,
    limit: number,
  ): Promise<{ id: string; createdMs: number }[]> {
    const from = after ?? { createdMs: startMs, id: '' };
    const rows = await this.posts
      .find(
        {
          analyzerVersion: { $ne: null },
          createdMs: { $gte: startMs, $lt: endMs },
          $or: [{ createdMs: { $gt: from.createdMs } }, { createdMs: from.createdMs, _id: { $gt: from.id } }],
        },
        { sort: { createdMs: 1, _id: 1 }, limit, projection: { _id: 1, createdMs: 1 } },
      )
      .toArray();
    return rows.map((row) => ({ id: row._id as string, createdMs: row.createdMs as number }));
  }

  async pendingEnrichment(limit: number, version: string): Promise<StoredPost[]> {
    if (limit <= 0) return [];
    const sort = { createdMs: 1, _id: 1 } as const;
    const fresh = await this.posts
      .find({ analyzerVersion: null }, { sort, limit, projection: STORED_FIELDS })
      .toArray();
    const stale =
      fresh.length >= limit
        ? []
        : await this.posts
            .find(
              { analyzerVersion: { $nin: [null, version] } },
              { sort, limit: limit - fresh.length, projection: STORED_FIELDS },
            )
            .toArray();
    return [...fresh, ...stale].map((row) => toStoredPost(row as PostDocument));
  }

  async saveEnrichments(items: readonly EnrichmentItem[]): Promise<void> {
    if (items.length === 0) return;
    // Which posts exist; their documents only when some analysis comes unprepared.
    const projection: Record<string, 0 | 1> = items.every((item) => item.prepared)
      ? { _id: 1 }
      : { _id: 1, doc: 1 };
    const docs = new Map<string, Post>();
    for (const chunk of chunks([...new Set(items.map((item) => item.id))])) {
      const rows = await this.posts.find({ _id: { $in: chunk } }, { projection }).toArray();
      for (const row of rows) docs.set(row._id as string, row.doc as Post);
    }
    const ops: BulkOperation[] = [];
    const hours = new Set<number>();
    for (const item of items) {
      if (!docs.has(item.id)) continue;
      const { json, facets, entities } = preparedOf(item, () => docs.get(item.id)!);
      // Metric facets (interactions, followers, views) are left to upsert, which owns them:
      // rewriting them from the doc read above could undo a concurrent metrics refresh.
      ops.push({
        updateOne: {
          filter: { _id: item.id },
          update: {
            $set: {
              // The analysis as a plain document (the SQLite adapter stores its compact text).
              enrichment: decodeEnrichment(json),
              analyzerVersion: facets.version,
              country: facets.country,
              admin1: facets.admin1,
              lang: facets.lang,
              topics: facets.topics,
              campaigns: facets.campaigns,
              sentiment: facets.sentiment,
              emotion: facets.emotion,
              misogyny: facets.misogyny,
              hate: facets.hate,
              misogynyCategory: facets.misogynyCategory,
              entities,
              dirty: true,
            },
          },
        },
      });
      hours.add(facets.hourMs);
    }
    if (ops.length === 0) return;
    await this.posts.bulkWrite(ops, { ordered: true });
    await markDirty(this.db, hours);
  }

  async count(): Promise<number> {
    return this.posts.countDocuments({});
  }

  async countPendingEnrichment(version: string): Promise<number> {
    return this.posts.countDocuments({ analyzerVersion: { $ne: version } });
  }
}

function newDocument(post: Post, id: string): PostDocument {
  const createdMs = Date.parse(post.createdAt);
  return {
    _id: id,
    platform: post.platform,
    externalId: post.externalId,
    doc: plain(post),
    observedMs: Date.parse(post.metrics.observedAt),
    createdMs,
    hourMs: Math.floor(createdMs / HOUR) * HOUR,
    dayMs: Math.floor(createdMs / DAY) * DAY,
    authorId: post.author.id,
    interactions: interactionsOf(post.metrics),
    followers: post.author.followers ?? 0,
    views: post.metrics.views ?? 0,
    enrichment: null,
    analyzerVersion: null,
  };
}

/** The `$set` of a newer observation: metrics, and the author's followers when reported. */
function refreshedMetrics(post: Post, observedMs: number, enriched: boolean): Doc {
  const set: Doc = {
    'doc.metrics': plain(post.metrics),
    observedMs,
    interactions: interactionsOf(post.metrics),
    views: post.metrics.views ?? 0,
  };
  if (post.author.followers != null) {
    set['doc.author.followers'] = post.author.followers;
    set.followers = post.author.followers;
  }
  if (enriched) set.dirty = true;
  return set;
}

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}
