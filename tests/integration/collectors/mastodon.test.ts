import { afterEach, describe, expect, it } from 'vitest';
import { runCollection } from '../../../workers/processors/collect.js';
import { startReplayServer, type ReplayServer, type Scripted } from '../../support/replay-server.js';
import { fakeClock, fakeHttp, fixture, harness } from './harness.js';

const json = (name: string, headers: Record<string, string> = {}): Scripted => ({
  body: fixture('mastodon', name),
  headers: { 'content-type': 'application/json', ...headers },
});
const ID = (n: number) => String(113_500_000_000_000_000n + BigInt(n));

let server: ReplayServer;
afterEach(async () => server?.close());

function threePages(): Scripted[] {
  return [
    { ...json('tag-page-1.json'), headers: { link: `<${server.url}/api/v1/timelines/tag/femicidio?max_id=${ID(298)}>; rel="next"` } },
    { ...json('tag-page-2.json'), headers: { link: `<${server.url}/api/v1/timelines/tag/femicidio?max_id=${ID(295)}>; rel="next"` } },
    json('tag-page-3.json'),
  ];
}

async function setup(script: Scripted[] = []) {
  server = await startReplayServer(script);
  const h = harness();
  const clock = fakeClock();
  const id = await h.addSource({ kind: 'mastodon', baseUrl: server.url, query: { hashtags: ['femicidio', 'NiUnaMenos'] } });
  const run = (options: Parameters<typeof runCollection>[2] = {}) =>
    runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now, since: new Date('2026-10-01T00:00:00Z'), ...options });
  return { h, clock, id, run };
}

describe('mastodon collector through the collect loop', () => {
  it('pages to the end, stores every status once and records the run', async () => {
    const { h, id, run } = await setup();
    server.push(...threePages());
    const summary = await run();
    expect(summary).toMatchObject({ fetched: 8, inserted: 8, duplicates: 0, rejected: 0, status: 'ok', error: null });
    expect(server.requests.map((r) => r.url.searchParams.get('max_id'))).toEqual([null, ID(298), ID(295)]);
    expect(server.requests[0]!.url.pathname).toBe('/api/v1/timelines/tag/femicidio');
    expect(server.requests[0]!.url.searchParams.getAll('any[]')).toEqual(['NiUnaMenos']);
    const source = (await h.store.sources.get(id))!;
    expect(source.cursor).toMatchObject({ position: { high: ID(300), sweep: null } });
    expect(source.status).toBe('ok');
    expect(source.lastSuccessAt).not.toBeNull();
    expect(source.runs).toHaveLength(1);
    expect(source.runs[0]).toMatchObject({ fetched: 8, inserted: 8, error: null });
    expect(await h.store.posts.count()).toBe(8);
    const enrichIds = h.enqueued.filter((j) => j.name === 'enrich').flatMap((j) => (j.data as { postIds: string[] }).postIds);
    expect(enrichIds).toHaveLength(8);
  });

  it('maps statuses: text from HTML, remote handles, hashtags, links, pseudonymous authors', async () => {
    const { h, run } = await setup();
    server.push(json('tag-page-3.json'));
    await run();
    server.push(...threePages());
    await run({ force: true });
    const first = await h.store.posts.get(`mastodon:https://mastodon.social/users/redfeminista/statuses/${ID(300)}`);
    expect(first).toMatchObject({
      text: 'Otro #femicidio en Guatemala. Exigimos justicia. https://www.prensalibre.com/nota/123',
      lang: 'es',
      hashtags: ['femicidio'],
      links: ['https://www.prensalibre.com/nota/123'],
      metrics: { likes: 6, reposts: 0, replies: 0 },
    });
    expect(first!.author.id).toMatch(/^a_/);
    expect(first!.author.handle).toBe('redfeminista@mastodon.social');
    const remote = await h.store.posts.get(`mastodon:https://social.example.org/users/redfeminista/statuses/${ID(298)}`);
    expect(remote).toMatchObject({ mentions: ['colectiva'], author: { handle: 'redfeminista@social.example.org' } });
    const withWarning = await h.store.posts.get(`mastodon:https://mastodon.social/users/ana_gt/statuses/${ID(295)}`);
    expect(withWarning!.text.startsWith('Cifras de violencia\n\n')).toBe(true);
  });

  it('is incremental: the next run asks only for newer statuses (since_id)', async () => {
    const { run } = await setup();
    server.push(...threePages());
    await run();
    server.push(json('tag-newer.json'));
    const second = await run({ force: true });
    expect(second).toMatchObject({ fetched: 1, inserted: 1, duplicates: 0 });
    expect(server.requests[3]!.url.searchParams.get('since_id')).toBe(ID(300));
    expect(server.requests[3]!.url.searchParams.get('max_id')).toBeNull();
  });

  it('resumes after a failure on page 3: nothing lost, nothing duplicated, the gap is recorded', async () => {
    const { h, clock, id, run } = await setup();
    const [p1, p2] = threePages();
    server.push(p1!, p2!, { status: 500 }, { status: 502 }, { status: 503 }, { status: 500 });
    const failed = await run();
    expect(failed).toMatchObject({ inserted: 6, status: 'error' });
    expect(failed.error).toBe('Mastodon falló tras 4 intentos: 500 (server error at Mastodon)');
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
    let source = (await h.store.sources.get(id))!;
    expect(source.status).toBe('error');
    expect(source.lastError).toContain('falló tras 4 intentos');
    expect(source.gaps).toHaveLength(1);
    expect(source.gaps[0]!.reason).toContain('500');
    expect(source.cursor).toMatchObject({ position: { high: null, sweep: { next: ID(295), top: ID(300) } } });

    server.push(json('tag-page-3.json'));
    const resumed = await run();
    expect(resumed).toMatchObject({ fetched: 2, inserted: 2, duplicates: 0, status: 'ok' });
    expect(server.requests.at(-1)!.url.searchParams.get('max_id')).toBe(ID(295));
    expect(await h.store.posts.count()).toBe(8);
    source = (await h.store.sources.get(id))!;
    expect(source.cursor).toMatchObject({ position: { high: ID(300), sweep: null } });
    expect(source.lastError).toBeNull();
    expect(source.runs.map((r) => r.inserted)).toEqual([6, 2]);
  });

  it('resumes after a crash of the store mid-run (the job throws, the rerun re-fetches one page at most)', async () => {
    const { h, run } = await setup();
    const upsert = h.store.posts.upsert.bind(h.store.posts);
    let calls = 0;
    h.store.posts.upsert = async (posts) => {
      calls++;
      if (calls === 3) throw new Error('disk full');
      return upsert(posts);
    };
    server.push(...threePages());
    await expect(run()).rejects.toThrow('disk full');
    expect(await h.store.posts.count()).toBe(6);
    server.push(json('tag-page-3.json'));
    const resumed = await run();
    expect(resumed).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(await h.store.posts.count()).toBe(8);
  });

  it('waits out a short 429 (Retry-After) with the injected clock, no real waiting', async () => {
    const { clock, run } = await setup();
    server.push({ status: 429, headers: { 'retry-after': '30' } }, json('tag-page-3.json'));
    const summary = await run();
    expect(summary).toMatchObject({ inserted: 2, status: 'ok' });
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('ends the run on a long 429, records when to resume and skips until then', async () => {
    const { h, clock, id, run } = await setup();
    const [p1] = threePages();
    server.push(p1!, { status: 429, headers: { 'x-ratelimit-reset': '1800' } });
    const summary = await run();
    expect(summary).toMatchObject({ inserted: 3, status: 'error' });
    expect(summary.error).toMatch(/^Mastodon limitó las solicitudes \(429\); se reanuda después de 2026-11-02 13:00 UTC/);
    const source = (await h.store.sources.get(id))!;
    expect(source.gaps).toHaveLength(1);
    expect(source.cursor).toMatchObject({ resumeAt: '2026-11-02T13:00:00.000Z' });
    const skipped = await run();
    expect(skipped.skipped).toMatch(/rate limited until/);
    clock.advance(31 * 60_000);
    server.push(json('tag-page-3.json'));
    expect(await run()).toMatchObject({ inserted: 2, status: 'ok' });
  });

  it('skips a malformed status with a reason and keeps the rest of the page', async () => {
    const { h, id, run } = await setup();
    server.push(json('tag-page-2-malformed.json'));
    const summary = await run();
    expect(summary).toMatchObject({ fetched: 4, inserted: 2, rejected: 2, status: 'ok' });
    expect((await h.store.sources.get(id))!.runs[0]!.rejected).toBe(2);
  });

  it('retries a truncated page and records an unreadable response after the retries', async () => {
    const { h, id, run } = await setup();
    const truncated = fixture('mastodon', 'tag-page-1.json').slice(0, 500);
    server.push({ body: truncated }, json('tag-page-3.json'));
    expect(await run()).toMatchObject({ inserted: 2, status: 'ok' });

    server.push(...Array.from({ length: 4 }, () => ({ body: truncated })));
    const failed = await run({ force: true });
    expect(failed.status).toBe('error');
    expect(failed.error).toMatch(/^Mastodon devolvió una respuesta ilegible: JSON inválido/);
    expect((await h.store.sources.get(id))!.gaps).toHaveLength(1);
  });

  it('refreshes metrics when a status is fetched again later', async () => {
    const { h, clock, id, run } = await setup();
    server.push(json('tag-page-1.json'));
    await run({ maxPages: 1 });
    const key = `mastodon:https://mastodon.social/users/redfeminista/statuses/${ID(300)}`;
    expect((await h.store.posts.get(key))!.metrics.likes).toBe(6);
    clock.advance(3_600_000);
    const source = (await h.store.sources.get(id))!;
    await h.store.sources.save({ ...source, cursor: null });
    server.push(json('tag-page-1-refetched.json'));
    const again = await run({ maxPages: 1 });
    expect(again).toMatchObject({ inserted: 0, duplicates: 3 });
    const post = (await h.store.posts.get(key))!;
    expect(post.metrics).toMatchObject({ likes: 56, replies: 9, observedAt: '2026-11-02T13:30:00.000Z' });
  });

  it('stops at --max and keeps the rest of the sweep for the next run', async () => {
    const { h, id, run } = await setup();
    server.push(...threePages());
    const summary = await run({ max: 3 });
    expect(summary.fetched).toBe(3);
    expect(server.requests[0]!.url.searchParams.get('limit')).toBe('3');
    expect((await h.store.sources.get(id))!.cursor).toMatchObject({ position: { sweep: { next: ID(298) } } });
  });

  it('keeps the first sweep\'s floor across runs until the sweep ends', async () => {
    const { h, id, run } = await setup();
    const [, p2, p3] = threePages();
    server.push(threePages()[0]!, p2!, p3!);
    await run({ since: null, maxPages: 1 });
    expect((await h.store.sources.get(id))!.cursor).toMatchObject({ floor: '2026-10-30T12:30:00.000Z' });
    await run({ since: null });
    const cursor = (await h.store.sources.get(id))!.cursor;
    expect(cursor).toMatchObject({ floor: null, position: { high: ID(300), sweep: null } });
    expect(await h.store.posts.count()).toBe(8);
  });

  it('reports "sin conexión" (offline) when the instance cannot be reached', async () => {
    const { h, id } = await setup();
    await server.close();
    const clock = fakeClock();
    const summary = await runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now });
    expect(summary.status).toBe('offline');
    expect(summary.error).toMatch(/^sin conexión: no se pudo contactar 127\.0\.0\.1:\d+ \(ECONNREFUSED/);
    expect((await h.store.sources.get(id))!.status).toBe('offline');
    expect(clock.sleeps).toEqual([]);
  });

  it('searches statuses by keyword with /api/v2/search', async () => {
    server = await startReplayServer([json('search-statuses.json')]);
    const h = harness({ MASTODON_TOKEN: 'tok' });
    const clock = fakeClock();
    const id = await h.addSource({ kind: 'mastodon', baseUrl: server.url, query: { keywords: ['extorsión', 'transporte'] } });
    const summary = await runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now, since: new Date('2026-10-01') });
    expect(summary).toMatchObject({ inserted: 2, status: 'ok' });
    const request = server.requests[0]!;
    expect(request.url.pathname).toBe('/api/v2/search');
    expect(request.url.searchParams.get('q')).toBe('extorsión transporte');
    expect(request.url.searchParams.get('type')).toBe('statuses');
    expect(request.headers.authorization).toBe('Bearer tok');
  });
});
