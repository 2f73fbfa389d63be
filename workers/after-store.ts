import { createHash } from 'node:crypto';
import type { UpsertResult } from '../models/store.js';
import type { JobQueue } from './jobs.js';

/**
 * What follows storing a batch of posts, for every writer (import, collectors): the new posts
 * are analysed, and duplicates — whose newer metrics dirtied their buckets — are re-aggregated.
 * `origin` names the writer in the job id (e.g. `import`, `collect-<source>`).
 */
export async function queueAfterStore(queue: JobQueue, result: UpsertResult, origin: string): Promise<void> {
  if (result.insertedIds.length > 0) {
    const digest = createHash('sha1').update(result.insertedIds.join('\n')).digest('hex').slice(0, 16);
    await queue.enqueue('enrich', { postIds: result.insertedIds }, { jobId: `${origin}-${digest}` });
  }
  if (result.duplicates > 0) await queue.enqueue('aggregate', {}, { jobId: 'aggregate' });
}
