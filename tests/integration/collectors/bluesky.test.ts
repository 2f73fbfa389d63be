import { afterEach, describe, expect, it } from 'vitest';
import { runCollection } from '../../../workers/processors/collect.js';
import { startReplayServer, startStreamServer, type RecordedRequest, type ReplayServer, type Scripted, type StreamServer } from '../../support/replay-server.js';
import { fakeClock, fakeHttp, fixtureJson, harness } from './harness.js';

let server: ReplayServer | undefined;
let stream: StreamServer | undefined;
afterEach(async () => {
  await server?.close();
  await stream?.close();
  server = stream = undefined;
});

const EVENTS = fixtureJson('bluesky', 'jetstream-events.json') as { time_us: number }[];
const KEYWORDS = ['feminicidio', 'extorsión', 'violencia de género'];

describe('bluesky search (app.bsky.feed.searchPosts with an app password)', () => {
  it('creates a session, pages with cursor, skips a broken postView', async () => {
    const pages: Scripted[] = [{ body: fixtureJson('bluesky', 'search-page-1.json') }, { body: fixtureJson('bluesky', 'search-page-2.json') }];
    server = await startReplayServer((request: RecordedRequest) =>
      request.url.pathname.endsWith('createSession') ? { body: fixtureJson('bluesky', 'session.json') } : (pages.shift() ?? { status: 599 }),
    );
    const h = harness({ BLUESKY_HANDLE: 'escucha.bsky.social', BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop' });
    const clock = fakeClock();
    const id = await h.addSource({ kind: 'bluesky', baseUrl: server.url, query: { hashtags: ['NiUnaMenos'], language: 'es' } });
    const summary = await runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now, since: new Date('2026-10-01T00:00:00Z') });
    expect(summary).toMatchObject({ fetched: 4, inserted: 3, rejected: 1, status: 'ok' });
    const [session, first, second] = server.requests;
    expect(JSON.parse(session!.body)).toEqual({ identifier: 'escucha.bsky.social', password: 'abcd-efgh-ijkl-mnop' });
    expect(Object.fromEntries(first!.url.searchParams)).toMatchObject({ q: '#NiUnaMenos', sort: 'latest', lang: 'es', since: '2026-10-01T00:00:00.000Z' });
    expect(first!.headers.authorization).toBe('Bearer eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NksifQ.access');
    expect(second!.url.searchParams.get('cursor')).toBe('2');
    const post = (await h.store.posts.get('bluesky:at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3l6oveex3ii2l'))!;
    expect(post).toMatchObject({
      url: 'https://bsky.app/profile/periodista.bsky.social/post/3l6oveex3ii2l',
      hashtags: ['NiUnaMenos'],
      metrics: { likes: 12, reposts: 5, replies: 1 },
      author: { handle: 'periodista.bsky.social', name: 'Periodista SV' },
    });
    expect((await h.store.sources.get(id))!.cursor).toMatchObject({ position: { high: '2026-11-02T11:40:00.000Z' } });
  });
});

describe('bluesky Jetstream (bounded pass over the firehose)', () => {
  async function setup() {
    const h = harness();
    const id = await h.addSource({ kind: 'bluesky', baseUrl: stream!.url, query: { keywords: KEYWORDS, channel: 'jetstream', language: 'es' } });
    const run = (options: Parameters<typeof runCollection>[2] = {}) =>
      runCollection(id, h.context, { force: true, stream: { ms: 2_000, events: 1_000 }, ...options });
    return { h, id, run };
  }

  it('keeps only matching Spanish posts, skips the undated one, saves the last time_us', async () => {
    stream = await startStreamServer(EVENTS);
    const { h, id, run } = await setup();
    expect(await run()).toMatchObject({ fetched: 4, inserted: 3, rejected: 1, status: 'ok' });
    expect(stream.connections[0]!.searchParams.get('wantedCollections')).toBe('app.bsky.feed.post');
    expect(stream.connections[0]!.searchParams.get('cursor')).toBeNull();
    const post = (await h.store.posts.get('bluesky:at://did:plc:jetuser1/app.bsky.feed.post/3mf1a'))!;
    expect(post).toMatchObject({ lang: 'es', url: 'https://bsky.app/profile/did:plc:jetuser1/post/3mf1a', author: { handle: null } });
    expect(await h.store.posts.get('bluesky:at://did:plc:jetuser1/app.bsky.feed.post/3mf1d')).toBeNull();
    expect((await h.store.sources.get(id))!.cursor).toMatchObject({ position: { timeUs: 1793620800000008 } });
  });

  it('resumes from its cursor after a pass cut short, without duplicates', async () => {
    stream = await startStreamServer(EVENTS);
    const { h, run } = await setup();
    expect(await run({ stream: { ms: 2_000, events: 2 } })).toMatchObject({ inserted: 1 });
    const resumed = await run();
    expect(stream.connections[1]!.searchParams.get('cursor')).toBe('1793620800000002');
    expect(resumed).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(await h.store.posts.count()).toBe(3);
  });

  it('ends a quiet pass after its time window', async () => {
    stream = await startStreamServer([], { keepOpen: true });
    const { run } = await setup();
    const started = Date.now();
    expect(await run({ stream: { ms: 150, events: 1_000 } })).toMatchObject({ fetched: 0, status: 'ok' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('counts an unreadable event as rejected and keeps reading', async () => {
    stream = await startStreamServer(EVENTS, { raw: ['{"did":"did:plc:x","time_us":1,'] });
    const { run } = await setup();
    expect(await run()).toMatchObject({ inserted: 3, rejected: 2 });
  });

  it('is offline, not crashed, when the stream cannot be reached', async () => {
    stream = await startStreamServer([]);
    const url = stream.url;
    const { h, id } = await setup();
    await stream.close();
    stream = undefined;
    const summary = await runCollection(id, h.context, { force: true, stream: { ms: 1_000, events: 10 } });
    expect(summary.status).toBe('offline');
    expect(summary.error).toContain(`sin conexión: no se pudo contactar ${new URL(url).host}`);
  });
});
