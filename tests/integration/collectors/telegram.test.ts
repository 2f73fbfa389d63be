import { afterEach, describe, expect, it } from 'vitest';
import { runCollection } from '../../../workers/processors/collect.js';
import { startReplayServer, type ReplayServer, type Scripted } from '../../support/replay-server.js';
import { fakeClock, fakeHttp, fixture, harness } from './harness.js';

let server: ReplayServer;
afterEach(async () => server?.close());

const html = (name: string): Scripted => ({ body: fixture('telegram', name), headers: { 'content-type': 'text/html; charset=utf-8' } });

async function setup(query: { channel: string; keywords?: string[] } = { channel: 'pncgt_oficial' }) {
  server = await startReplayServer([]);
  const h = harness();
  const clock = fakeClock();
  const id = await h.addSource({ kind: 'telegram', baseUrl: server.url, query });
  const run = (options: Parameters<typeof runCollection>[2] = {}) =>
    runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now, force: true, since: new Date('2026-10-01'), ...options });
  return { h, clock, id, run };
}

describe('telegram collector (public channel previews)', () => {
  it('reads text, date and views, pages with ?before=, skips media-only and undated messages', async () => {
    const { h, id, run } = await setup();
    server.push(html('channel-page-1.html'), html('channel-page-2.html'));
    expect(await run()).toMatchObject({ fetched: 5, inserted: 3, rejected: 2, status: 'ok' });
    expect(server.requests.map((r) => r.path)).toEqual(['/s/pncgt_oficial', '/s/pncgt_oficial?before=1230']);
    const post = (await h.store.posts.get('telegram:pncgt_oficial/1230'))!;
    expect(post).toMatchObject({
      url: 'https://t.me/pncgt_oficial/1230',
      text: 'Capturan a presunto extorsionador en zona 18 #extorsión\nMás información: pnc.gob.gt/nota/1230',
      createdAt: '2026-11-02T09:00:00.000Z',
      hashtags: ['extorsión'],
      links: ['https://pnc.gob.gt/nota/1230'],
      metrics: { views: 12_400 },
      author: { handle: 'pncgt_oficial', name: 'PNC Guatemala', followers: 48_200, verified: true },
    });
    expect((await h.store.posts.get('telegram:pncgt_oficial/1229'))!.metrics.views).toBe(5312);
    expect((await h.store.sources.get(id))!.cursor).toMatchObject({ position: { high: '1232', sweep: null } });
  });

  it('refreshes views and adds only new messages on the next run', async () => {
    const { h, clock, run } = await setup();
    server.push(html('channel-page-1.html'), html('channel-page-2.html'));
    await run();
    clock.advance(600_000);
    server.push(html('channel-page-newer.html'));
    expect(await run()).toMatchObject({ inserted: 1, duplicates: 0, status: 'ok' });
    expect(server.requests).toHaveLength(3);
    // The stored high mark (1232) ends the sweep: 1232 itself is not re-read here.
    expect((await h.store.posts.get('telegram:pncgt_oficial/1233'))!.metrics.views).toBe(1200);
  });

  it('filters messages locally by keywords', async () => {
    const { h, run } = await setup({ channel: 'pncgt_oficial', keywords: ['desaparecida'] });
    server.push(html('channel-page-1.html'), html('channel-page-2.html'));
    expect(await run()).toMatchObject({ inserted: 1 });
    expect(await h.store.posts.get('telegram:pncgt_oficial/1232')).not.toBeNull();
  });

  it('reports a changed page layout as an unreadable response, after retries', async () => {
    const { h, id, run } = await setup();
    server.push(...Array.from({ length: 4 }, () => html('layout-changed.html')));
    const summary = await run();
    expect(summary.status).toBe('error');
    expect(summary.error).toContain('Telegram devolvió una respuesta ilegible: la página no tiene el formato de t.me/s');
    expect((await h.store.sources.get(id))!.gaps).toHaveLength(1);
  });

  it('says when a channel has no public preview (redirect away from /s/)', async () => {
    const { run } = await setup({ channel: 'privado_123' });
    server.push({ status: 302, headers: { location: '/privado_123' } }, html('not-public.html'));
    expect((await run()).error).toBe('Telegram: el canal "privado_123" no es público o no existe (channel not public or not found)');
  });
});
