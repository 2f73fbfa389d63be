import { afterEach, describe, expect, it } from 'vitest';
import { runCollection } from '../../../workers/processors/collect.js';
import { startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import { fakeClock, fakeHttp, fixtureJson, harness } from './harness.js';

let server: ReplayServer;
afterEach(async () => server?.close());

async function setup(query: Parameters<ReturnType<typeof harness>['addSource']>[0]['query'], env: Record<string, string> = {}) {
  server = await startReplayServer([]);
  const h = harness({ YOUTUBE_API_KEY: 'AIza-test', ...env });
  const clock = fakeClock('2026-11-02T12:30:00Z');
  const id = await h.addSource({ kind: 'youtube', baseUrl: server.url, query });
  const run = () => runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now, force: true, since: new Date('2026-10-01') });
  return { h, clock, id, run };
}

describe('youtube collector (Data API v3)', () => {
  it('searches videos, reads their statistics and counts quota units', async () => {
    const { h, id, run } = await setup({ keywords: ['femicidio'], countries: ['HN'], language: 'es' });
    server.push(
      { body: fixtureJson('youtube', 'search-page-1.json') },
      { body: fixtureJson('youtube', 'videos-page-1.json') },
      { body: fixtureJson('youtube', 'search-page-2.json') },
      { body: fixtureJson('youtube', 'videos-page-2.json') },
    );
    expect(await run()).toMatchObject({ fetched: 4, inserted: 3, rejected: 1, status: 'ok' });
    const search = server.requests[0]!.url;
    expect(search.pathname).toBe('/youtube/v3/search');
    expect(Object.fromEntries(search.searchParams)).toMatchObject({ part: 'snippet', type: 'video', order: 'date', q: 'femicidio', regionCode: 'HN', relevanceLanguage: 'es', key: 'AIza-test' });
    expect(server.requests[1]!.url.searchParams.get('id')).toBe('dQw4w9WgXcQ,aBcDeFgHiJk');
    expect(server.requests[2]!.url.searchParams.get('pageToken')).toBe('CAUQAA');
    const video = (await h.store.posts.get('youtube:dQw4w9WgXcQ'))!;
    expect(video.text.startsWith('Femicidios en Honduras: "no hay justicia"\n\n')).toBe(true);
    expect(video.metrics).toMatchObject({ views: 10500, likes: 120, replies: 33 });
    const source = (await h.store.sources.get(id))!;
    expect(source.quotaUsed).toBe(202);
    expect(source.cursor).toMatchObject({ position: { high: '2026-11-02T11:00:00.000Z' } });
  });

  it('stops before passing the daily quota and resumes after the Pacific midnight reset', async () => {
    const { h, id, run } = await setup({ keywords: ['femicidio'] }, { YOUTUBE_DAILY_QUOTA: '150' });
    server.push({ body: fixtureJson('youtube', 'search-page-1.json') }, { body: fixtureJson('youtube', 'videos-page-1.json') });
    const summary = await run();
    expect(summary).toMatchObject({ inserted: 2, status: 'error' });
    expect(summary.error).toContain('YouTube agotó la cuota diaria (101/150 unidades)');
    const source = (await h.store.sources.get(id))!;
    expect(source.quotaUsed).toBe(101);
    expect(source.cursor).toMatchObject({ resumeAt: '2026-11-03T08:00:00.000Z' });
  });

  it('maps a quotaExceeded 403 to a wait until the reset, not to a bad key', async () => {
    const { run } = await setup({ keywords: ['femicidio'] });
    server.push({ status: 403, body: fixtureJson('youtube', 'quota-exceeded.json') });
    expect((await run()).error).toContain('YouTube agotó la cuota diaria (quotaExceeded)');
  });

  it('reads the comments of a video (channel = video id), one unit a page', async () => {
    const { h, id, run } = await setup({ channel: 'dQw4w9WgXcQ' });
    server.push({ body: fixtureJson('youtube', 'comment-threads.json') });
    expect(await run()).toMatchObject({ fetched: 2, inserted: 1, rejected: 1 });
    expect(server.requests[0]!.url.pathname).toBe('/youtube/v3/commentThreads');
    expect((await h.store.posts.get('youtube:UgzDE2tasfmrYLyNkGt4AaABAg'))!).toMatchObject({
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzDE2tasfmrYLyNkGt4AaABAg',
      author: { handle: 'mariahn' },
      metrics: { likes: 25, replies: 3 },
    });
    expect((await h.store.sources.get(id))!.quotaUsed).toBe(1);
  });
});
