import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { redisConnection } from '../../../workers/runners/bullmq.js';
import { JOB_NAMES } from '../../../workers/jobs.js';
import { redisForTests } from '../../support/redis.js';
import { call, recordingRunner, startTestServer } from './harness.js';

const redis = await redisForTests();

describe.skipIf(!redis.url)('queue board (bull-board) with Redis', () => {
  it('shows the BullMQ queues to admins only, read-only', async () => {
    const prefix = `escucha-board-${process.pid}-${Date.now()}`;
    const queues = JOB_NAMES.map(
      (name) => new Queue(name, { connection: redisConnection(redis.url!), prefix }),
    );
    // The accessor the API expects from BullmqRunner (see queues.ts).
    const runner = { ...recordingRunner(), kind: 'bullmq' as const, dashboardQueues: () => queues };
    const server = await startTestServer({ seed: false, runner });
    try {
      await queues[0]!.add('collect', { sourceId: 'x' });
      const admin = await server.session('admin');
      const page = await call(server, { path: '/admin/queues', session: admin });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const api = await call(server, { path: '/admin/queues/api/queues', session: admin });
      expect(
        (api.json as { queues: { name: string; readOnlyMode: boolean }[] }).queues.map((q) => [
          q.name,
          q.readOnlyMode,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['collect', true],
          ['brief', true],
        ]),
      );
      expect(
        (await call(server, { path: '/admin/queues', session: await server.session('viewer') }))
          .status,
      ).toBe(403);
      expect(
        (
          await call(server, {
            method: 'PUT',
            path: '/admin/queues/api/queues/collect/clean/waiting',
            session: admin,
          })
        ).status,
      ).toBe(403);
    } finally {
      await server.close();
      await Promise.all(
        queues.map(async (q) => {
          await q.obliterate({ force: true });
          await q.close();
        }),
      );
    }
  });
});
