import { Socket } from 'node:net';

/**
 * The Redis URL for tests that need one. Locally, a missing Redis skips those tests (with a
 * printed reason); in CI (CI=true) it fails them, because .ci/run starts Redis.
 */
export async function redisForTests(): Promise<{ url: string | null; reason: string }> {
  const url = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
    socket.connect(Number(port || 6379), hostname);
  });
  if (reachable) return { url, reason: '' };
  const reason = `Redis is not reachable at ${url}`;
  if (process.env.CI === 'true') throw new Error(`${reason}: CI must provide Redis (see .ci/run)`);
  console.log(`${reason}: BullMQ tests skipped`);
  return { url: null, reason };
}
