import { afterEach, describe, expect, it } from 'vitest';
import { pseudonymize } from '../../../models/pseudonym.js';
import { runCollection } from '../../../workers/processors/collect.js';
import { startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import { fakeClock, fakeHttp, fixtureJson, harness, SECRET } from './harness.js';

let server: ReplayServer;
afterEach(async () => server?.close());

async function setup(env: Record<string, string> = { X_BEARER_TOKEN: 'AAAA-test-token' }) {
  server = await startReplayServer([]);
  const h = harness(env);
  const clock = fakeClock();
  const id = await h.addSource({ kind: 'x', baseUrl: server.url, query: { keywords: ['femicidio', 'extorsión'], hashtags: ['NiUnaMenos'], language: 'es' } });
  const run = (options: Parameters<typeof runCollection>[2] = {}) =>
    runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now, force: true, ...options });
  return { h, clock, id, run };
}

describe('x collector (API v2 recent search)', () => {
  it('pages with next_token, expands authors, skips a malformed tweet, then asks since_id', async () => {
    const { h, id, run } = await setup();
    server.push({ body: fixtureJson('x', 'search-page-1.json') }, { body: fixtureJson('x', 'search-page-2.json') });
    expect(await run()).toMatchObject({ fetched: 4, inserted: 3, rejected: 1, status: 'ok' });
    const [first, second] = server.requests;
    expect(first!.headers.authorization).toBe('Bearer AAAA-test-token');
    expect(first!.url.pathname).toBe('/2/tweets/search/recent');
    expect(first!.url.searchParams.get('query')).toBe('(femicidio OR extorsión OR #NiUnaMenos) lang:es -is:retweet');
    expect(first!.url.searchParams.get('tweet.fields')).toContain('created_at,lang,public_metrics,geo');
    expect(first!.url.searchParams.get('expansions')).toBe('author_id');
    expect(first!.url.searchParams.get('user.fields')).toBe('public_metrics,location,verified');
    expect(first!.url.searchParams.get('start_time')).toBe('2026-10-30T12:30:00.000Z');
    expect(second!.url.searchParams.get('next_token')).toBe('b26v89c19zqg8o3fpzbkk9rjpcpb9y0ccp3b8tc2r7q0x');

    const post = (await h.store.posts.get('x:1853000000000000030'))!;
    expect(post).toMatchObject({
      url: 'https://x.com/colectiva_gt/status/1853000000000000030',
      hashtags: ['NiUnaMenos'],
      mentions: ['PNCdeGuatemala'],
      links: ['https://www.prensalibre.com/nota/1'],
      metrics: { likes: 15, reposts: 4, replies: 2, quotes: 1, views: 1320 },
      author: { handle: 'colectiva_gt', followers: 5400, location: 'Ciudad de Guatemala', verified: false },
    });
    expect(post.author.id).toBe(pseudonymize(SECRET, 'x', '2244994945'));
    expect((await h.store.sources.get(id))!.cursor).toMatchObject({ position: { high: '1853000000000000030', sweep: null } });

    server.push({ body: { meta: { result_count: 0 } } });
    expect(await run()).toMatchObject({ fetched: 0, status: 'ok' });
    expect(server.requests[2]!.url.searchParams.get('since_id')).toBe('1853000000000000030');
    expect(server.requests[2]!.url.searchParams.get('start_time')).toBeNull();
  });

  it('says the token was rejected, in Spanish first', async () => {
    const { h, id, run } = await setup();
    server.push({ status: 401, body: fixtureJson('x', 'unauthorized.json') });
    const summary = await run();
    expect(summary.status).toBe('error');
    expect(summary.error).toBe('X rechazó el token: 401 (token rejected by X) — Unauthorized');
    expect((await h.store.sources.get(id))!.lastError).toMatch(/^X rechazó el token: 401 \(token rejected by X\)/);
  });

  it('ends the run at a 429 with x-rate-limit-reset (epoch seconds) and records when to resume', async () => {
    const { h, clock, id, run } = await setup();
    const reset = Math.floor(clock.nowMs() / 1000) + 900;
    server.push({ status: 429, headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' } });
    const summary = await run();
    expect(summary.status).toBe('error');
    expect(summary.error).toContain('X limitó las solicitudes (429)');
    expect((await h.store.sources.get(id))!.cursor).toMatchObject({ resumeAt: new Date(reset * 1000).toISOString() });
    expect(clock.sleeps).toEqual([]);
  });

  it('records a missing token as the source error without calling the API', async () => {
    const { h, id, run } = await setup({});
    const summary = await run();
    expect(summary.error).toBe('falta la credencial X_BEARER_TOKEN: defínala en el entorno');
    expect(server.requests).toHaveLength(0);
    expect((await h.store.sources.get(id))!.status).toBe('error');
  });
});
