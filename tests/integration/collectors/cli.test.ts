import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import { fixture, SECRET } from './harness.js';

let server: ReplayServer;
afterEach(async () => server?.close());

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** The CLI through main; the replay servers listen on 127.0.0.1, which production refuses. */
async function escucha(args: string[], env: Record<string, string>) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, env: { LOG_LEVEL: 'silent', ESCUCHA_SECRET: SECRET, ESCUCHA_ALLOW_PRIVATE_WEBHOOKS: 'true', ...env } });
  return { code, stdout: stdout.text(), stderr: stderr.text(), last: stdout.text().trim().split('\n').at(-1) ?? '' };
}

describe('escucha collect (end to end through main)', () => {
  it('collects a Mastodon hashtag from a replay server, enriches the posts and resumes on the next pass', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'escucha-cli-collect-'));
    server = await startReplayServer([
      { body: fixture('mastodon', 'tag-page-1.json'), headers: { link: `<http://127.0.0.1/api/v1/timelines/tag/femicidio?max_id=113500000000000298>; rel="next"` } },
      { body: fixture('mastodon', 'tag-page-2.json') },
      { body: fixture('mastodon', 'tag-newer.json') },
    ]);
    const args = ['collect', 'mastodon', '--once', '--base-url', server.url, '--hashtag', 'femicidio', '--since', '2026-10-01T00:00:00Z'];
    const first = await escucha(args, { ESCUCHA_DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.last)).toEqual({ source: 'mastodon', fetched: 6, inserted: 6, duplicates: 0, rejected: 0 });

    const second = await escucha(args, { ESCUCHA_DATA_DIR: dataDir });
    expect(JSON.parse(second.last)).toEqual({ source: 'mastodon', fetched: 1, inserted: 1, duplicates: 0, rejected: 0 });
    expect(server.requests[2]!.url.searchParams.get('since_id')).toBe('113500000000000300');

    const store = createSqliteStore(dataDir);
    try {
      expect(await store.posts.count()).toBe(7);
      const sources = await store.sources.list();
      expect(sources).toHaveLength(1);
      expect(sources[0]!.id).toMatch(/^cli-mastodon-[0-9a-f]{12}$/);
      expect(sources[0]!.runs).toHaveLength(2);
      const posts = await store.posts.getMany(sources.length ? [`mastodon:https://mastodon.social/users/redfeminista/statuses/113500000000000300`] : []);
      expect(posts[0]!.enrichment).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 60_000);

  it('names the missing credential and makes no request', async () => {
    const result = await escucha(['collect', 'x', '--once', '--query', 'extorsión'], { ESCUCHA_DATA_DIR: mkdtempSync(join(tmpdir(), 'escucha-cli-x-')) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('falta la credencial X_BEARER_TOKEN');
  });

  it('manages sources: add, list, pause, remove', async () => {
    const env = { ESCUCHA_DATA_DIR: mkdtempSync(join(tmpdir(), 'escucha-cli-sources-')) };
    const added = await escucha(['sources', 'add', 'telegram', '--id', 'canal-pnc', '--channel', 'pncgt_oficial', '--every', '30'], env);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.last)).toEqual({ id: 'canal-pnc', kind: 'telegram', status: 'idle' });
    const bad = await escucha(['sources', 'add', 'rss', '--id', 'malo', '--channel', 'no-es-url'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no es una URL http(s)');
    expect(await escucha(['sources', 'pause', 'canal-pnc'], env)).toMatchObject({ code: 0 });
    const listed = JSON.parse((await escucha(['sources', 'list', '--json'], env)).last) as { id: string; status: string }[];
    expect(listed).toMatchObject([{ id: 'canal-pnc', status: 'paused', everyMinutes: 30 }]);
    expect(await escucha(['sources', 'remove', 'canal-pnc'], env)).toMatchObject({ code: 0 });
    expect((await escucha(['sources', 'remove', 'canal-pnc'], env)).code).toBe(1);
  });
});
