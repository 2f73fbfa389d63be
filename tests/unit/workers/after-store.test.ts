import { describe, expect, it } from 'vitest';
import { queueAfterStore } from '../../../workers/after-store.js';
import type { JobQueue } from '../../../workers/jobs.js';

function recorder() {
  const jobs: { name: string; data: unknown; jobId?: string }[] = [];
  const queue: JobQueue = { enqueue: async (name, data, options) => void jobs.push({ name, data, jobId: options?.jobId }) };
  return { queue, jobs };
}

describe('queueAfterStore', () => {
  it('analyses the new posts and re-aggregates when duplicates refreshed metrics', async () => {
    const { queue, jobs } = recorder();
    await queueAfterStore(queue, { inserted: 2, duplicates: 1, insertedIds: ['x:1', 'x:2'] }, 'collect-s1');
    expect(jobs).toEqual([
      { name: 'enrich', data: { postIds: ['x:1', 'x:2'] }, jobId: expect.stringMatching(/^collect-s1-[0-9a-f]{16}$/) },
      { name: 'aggregate', data: {}, jobId: 'aggregate' },
    ]);
  });

  it('queues nothing for an empty batch, and the same id for the same posts', async () => {
    const { queue, jobs } = recorder();
    await queueAfterStore(queue, { inserted: 0, duplicates: 0, insertedIds: [] }, 'import');
    expect(jobs).toEqual([]);
    await queueAfterStore(queue, { inserted: 1, duplicates: 0, insertedIds: ['a:1'] }, 'import');
    await queueAfterStore(queue, { inserted: 1, duplicates: 0, insertedIds: ['a:1'] }, 'import');
    expect(jobs[0]!.jobId).toBe(jobs[1]!.jobId);
  });
});
