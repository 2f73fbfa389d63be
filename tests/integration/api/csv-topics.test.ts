import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type Session, type TestServer } from './harness.js';

let server: TestServer;
let viewer: Session;
beforeAll(async () => {
  server = await startTestServer();
  viewer = await server.session('viewer');
});
afterAll(() => server.close());

const RANGE = 'from=2026-11-02&to=2026-11-03';

/** The first column of a CSV answer, without its header. */
async function firstColumn(path: string, language: string): Promise<string[]> {
  const res = await call(server, { path, session: viewer, headers: { 'accept-language': language } });
  expect(res.status).toBe(200);
  return res.text
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(',')[0]!);
}

describe('CSV exports of topics', () => {
  it('name topics as the dashboard does, in the reader’s language', async () => {
    const path = `/api/breakdowns/topic?${RANGE}&format=csv`;
    expect((await firstColumn(path, 'es-HN,es;q=0.9')).sort()).toEqual(['Femicidio', 'Policía y justicia']);
    expect((await firstColumn(path, 'en-BZ,en;q=0.9')).sort()).toEqual(['Femicide', 'Police and justice']);
  });

  it('keep the ids in the JSON answer, which API clients read', async () => {
    const res = await call(server, { path: `/api/breakdowns/topic?${RANGE}`, session: viewer, headers: { 'accept-language': 'es' } });
    expect((res.json as { value: string }[]).map((row) => row.value).sort()).toEqual(['femicidio', 'policia_justicia']);
  });
});
