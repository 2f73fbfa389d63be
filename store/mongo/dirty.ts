import { COLLECTIONS } from './collections.js';
import { isDuplicateKeyError, type MongoDbLike } from './db-like.js';

/**
 * Marks hour buckets for re-aggregation in `dirty_buckets` (`_id: hourMs`). Each mark carries a
 * `version` bumped on every marking, so `recompute` clears only the marks it has seen: a bucket
 * marked again while it was being recomputed stays dirty for the next sweep.
 */
export async function markDirty(db: MongoDbLike, hours: Iterable<number>): Promise<void> {
  const ops = [...new Set(hours)].map((hourMs) => ({
    updateOne: { filter: { _id: hourMs }, update: { $inc: { version: 1 } }, upsert: true },
  }));
  if (ops.length === 0) return;
  try {
    await db.collection(COLLECTIONS.dirtyBuckets).bulkWrite(ops, { ordered: false });
  } catch (error) {
    // Two writers upserting the same new mark: one loses with a duplicate key; the mark
    // exists now, so once more bumps it.
    if (!isDuplicateKeyError(error)) throw error;
    await db.collection(COLLECTIONS.dirtyBuckets).bulkWrite(ops, { ordered: false });
  }
}
