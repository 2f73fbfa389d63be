import { afterEach, describe, expect, it } from 'vitest';
import { runCollection } from '../../../workers/processors/collect.js';
import { startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import { fakeClock, fakeHttp, fixture, harness } from './harness.js';

let server: ReplayServer;
afterEach(async () => server?.close());

const FEED = 'https://news.google.com/rss/search?q=femicidio&hl=es-419&gl=GT&ceid=GT:es-419';
const xml = (name: string, headers: Record<string, string> = {}) => ({
  body: fixture('rss', name),
  headers: { 'content-type': 'application/rss+xml; charset=utf-8', ...headers },
});

async function setup() {
  server = await startReplayServer([]);
  const h = harness();
  const clock = fakeClock();
  const id = await h.addSource({ kind: 'rss', baseUrl: server.url, query: { channel: FEED, countries: ['GT'] } });
  const run = (options: Parameters<typeof runCollection>[2] = {}) =>
    runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now, force: true, ...options });
  return { h, clock, id, run };
}

describe('rss collector through the collect loop', () => {
  it('stores the items, skips the undated one, and asks conditionally next time', async () => {
    const { h, id, run } = await setup();
    server.push(xml('google-news-gt.xml', { etag: '"v1"', 'last-modified': 'Mon, 02 Nov 2026 12:00:00 GMT' }));
    expect(await run()).toMatchObject({ fetched: 4, inserted: 3, rejected: 1, status: 'ok' });
    expect(server.requests[0]!.path).toBe('/rss/search?q=femicidio&hl=es-419&gl=GT&ceid=GT:es-419');

    server.push({ status: 304 });
    expect(await run()).toMatchObject({ fetched: 0, inserted: 0, status: 'ok' });
    expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[1]!.headers['if-modified-since']).toBe('Mon, 02 Nov 2026 12:00:00 GMT');

    server.push(xml('google-news-gt.xml', { etag: '"v2"' }));
    expect(await run()).toMatchObject({ inserted: 0, duplicates: 3 });
    expect((await h.store.sources.get(id))!.runs).toHaveLength(3);
  });

  it('retries a truncated feed, then records the error and a gap', async () => {
    const { h, clock, id, run } = await setup();
    server.push(...Array.from({ length: 4 }, () => xml('truncated.xml')));
    const summary = await run();
    expect(summary.status).toBe('error');
    expect(summary.error).toMatch(/^RSS devolvió una respuesta ilegible: XML inválido/);
    expect(clock.sleeps).toHaveLength(3);
    const source = (await h.store.sources.get(id))!;
    expect(source.gaps[0]!.reason).toMatch(/XML inválido/);
  });

  it('refuses a source on a private address unless the operator allows it', async () => {
    server = await startReplayServer([]);
    server.push(xml('google-news-gt.xml'));
    const h = harness({ ESCUCHA_ALLOW_PRIVATE_WEBHOOKS: 'false' });
    const id = await h.addSource({ kind: 'rss', baseUrl: server.url, query: { channel: FEED, countries: ['GT'] } });
    // The production HTTP client (no `http` option): 127.0.0.1 is loopback.
    const summary = await runCollection(id, h.context, { force: true });
    expect(summary.status).toBe('error');
    expect(summary.error).toMatch(/^no se contacta 127\.0\.0\.1/);
    expect(server.requests).toHaveLength(0);
  });

  it('survives a connection cut mid-body by retrying', async () => {
    const { run } = await setup();
    server.push({ ...xml('google-news-gt.xml'), cut: true }, xml('google-news-gt.xml'));
    expect(await run()).toMatchObject({ inserted: 3, status: 'ok' });
  });
});
