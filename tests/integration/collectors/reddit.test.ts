import { afterEach, describe, expect, it } from 'vitest';
import { runCollection } from '../../../workers/processors/collect.js';
import { startReplayServer, type RecordedRequest, type ReplayServer, type Scripted } from '../../support/replay-server.js';
import { fakeClock, fakeHttp, fixtureJson, harness } from './harness.js';

let server: ReplayServer;
afterEach(async () => server?.close());

describe('reddit collector (app-only OAuth, /r/{sub}/new)', () => {
  it('gets a token, pages with after, stops at known posts on the next run', async () => {
    const pages: Scripted[] = [{ body: fixtureJson('reddit', 'new-page-1.json') }, { body: fixtureJson('reddit', 'new-page-2.json') }];
    server = await startReplayServer((request: RecordedRequest) =>
      request.url.pathname === '/api/v1/access_token' ? { body: fixtureJson('reddit', 'token.json') } : (pages.shift() ?? { status: 599 }),
    );
    const h = harness({ REDDIT_CLIENT_ID: 'cid', REDDIT_CLIENT_SECRET: 'csecret' });
    const clock = fakeClock('2026-11-02T12:30:00Z');
    const id = await h.addSource({ kind: 'reddit', baseUrl: server.url, query: { channel: 'ElSalvador' } });
    const run = () => runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now, force: true, since: new Date('2026-10-01') });

    expect(await run()).toMatchObject({ fetched: 4, inserted: 3, rejected: 1, status: 'ok' });
    const [auth, first, second] = server.requests;
    expect(auth!.method).toBe('POST');
    expect(auth!.headers.authorization).toBe(`Basic ${Buffer.from('cid:csecret').toString('base64')}`);
    expect(auth!.body).toBe('grant_type=client_credentials');
    expect(first!.url.pathname).toBe('/r/ElSalvador/new');
    expect(first!.headers.authorization).toMatch(/^Bearer eyJ/);
    expect(second!.url.searchParams.get('after')).toBe('t3_1gq0c');
    const post = (await h.store.posts.get('reddit:t3_1gq0e'))!;
    expect(post).toMatchObject({
      text: '¿Qué opinan del régimen de excepción y las pandillas?\n\nVivo en Soyapango y la situación ha cambiado mucho.',
      url: 'https://www.reddit.com/r/ElSalvador/comments/1gq0e/slug/',
      metrics: { likes: 42, replies: 17 },
      author: { handle: 'usuario_sv' },
    });
    expect((await h.store.posts.get('reddit:t3_1gq0c'))!.links).toEqual(['https://www.laprensagrafica.com/elsalvador/extorsion-buses']);

    pages.push({ body: fixtureJson('reddit', 'new-page-1.json') });
    expect(await run()).toMatchObject({ fetched: 0, inserted: 0, status: 'ok' });
  });

  it('says the app credentials were rejected', async () => {
    server = await startReplayServer([{ status: 401, body: { message: 'Unauthorized', error: 401 } }]);
    const h = harness({ REDDIT_CLIENT_ID: 'cid', REDDIT_CLIENT_SECRET: 'bad' });
    const clock = fakeClock();
    const id = await h.addSource({ kind: 'reddit', baseUrl: server.url, query: { keywords: ['extorsión'] } });
    const summary = await runCollection(id, h.context, { http: fakeHttp(clock), now: clock.now });
    expect(summary.error).toMatch(/^Reddit rechazó el id o el secreto de la aplicación: 401/);
  });
});
