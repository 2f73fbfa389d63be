import type { Processor } from '../jobs.js';

const BATCH = 200;

/**
 * Recomputes the rollups of every dirty hour bucket (and their days) from posts. Idempotent:
 * a crash leaves the marks in place and the next run recomputes the same buckets.
 */
export const aggregate: Processor<'aggregate'> = async (_data, { store, queue }) => {
  let buckets = 0;
  let rows = 0;
  for (;;) {
    const dirty = await store.rollups.dirtyBuckets(BATCH);
    if (dirty.length === 0) break;
    rows += await store.rollups.recompute(dirty);
    buckets += dirty.length;
  }
  if (buckets === 0) return { status: 'skipped', detail: { reason: 'no dirty buckets' } };
  await queue.enqueue('alert', {}, { jobId: 'alert', delayMs: 1_000 });
  return { status: 'success', detail: { buckets, rows } };
};
