import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openStore } from '../../store/index.js';
import { loadAnalyzer } from '../../nlp/analyze.js';
import { generateDemo } from '../../workers/demo/generate.js';
import { analysisInput } from '../../workers/processors/enrich.js';
import { runCli, tempDir } from '../support/cli.js';
import { makePost } from '../support/factories.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('escucha demo', () => {
  test('the generator is deterministic, pseudonymises authors and has a spike and a launch', () => {
    const options = {
      posts: 600,
      days: 60,
      today: new Date('2026-11-28T12:00:00Z'),
      secret: 's'.repeat(32),
    };
    const a = generateDemo(options);
    const b = generateDemo(options);
    expect(a.posts.map((p) => p.text)).toEqual(b.posts.map((p) => p.text));
    expect(a.posts.every((p) => /^a_[A-Za-z0-9_-]{22}$/.test(p.author.id))).toBe(true);
    expect(a.posts.filter((p) => p.createdAt.startsWith(a.spikeDay)).length).toBeGreaterThan(
      (600 / 60) * 2,
    );
    expect(a.campaigns.find((c) => c.id === 'vidas-libres')!.startDate).toBe(a.launchDay);
    expect(
      a.posts.every(
        (p) => p.createdAt >= '2026-09-30' && p.createdAt <= '2026-11-28T12:00:00.000Z',
      ),
    ).toBe(true);
  });

  test('its posts carry the emotions the dashboard charts, grief and disbelief included', async () => {
    const analyzer = await loadAnalyzer();
    const { posts } = generateDemo({
      posts: 600,
      days: 60,
      today: new Date('2026-11-28T12:00:00Z'),
      secret: 's'.repeat(32),
    });
    const counts = new Map<string, number>();
    for (const post of posts) {
      const label = analyzer.analyze(
        analysisInput({ ...post, id: post.externalId, enrichment: null }, []),
      ).emotions.label;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    for (const emotion of ['anger', 'fear', 'joy', 'sadness', 'surprise', 'others']) {
      expect(counts.get(emotion) ?? 0, emotion).toBeGreaterThanOrEqual(10);
    }
  });

  test('fills and marks a separate directory, and refuses one with real posts', async () => {
    const demoDir = tempDir('escucha-demo-');
    const realDir = tempDir('escucha-real-');
    dirs.push(demoDir, realDir);
    const ok = await runCli(['demo', '--posts', '300', '--days', '30', '--data-dir', demoDir], {});
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.summary).toMatchObject({ posts: 300, inserted: 300, campaigns: 3 });
    expect(ok.stderr).toContain(`ESCUCHA_DATA_DIR=${demoDir}`);
    expect(JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8'))).toMatchObject({
      demo: true,
      posts: 300,
    });

    const store = await openStore({ dataDir: realDir, mongodbUri: null, mongodbDb: 'x' });
    await store.posts.upsert([makePost({ externalId: 'real-1' })]);
    await store.close();
    const refused = await runCli(['demo', '--posts', '300', '--data-dir', realDir], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds real posts/);
    expect(existsSync(join(realDir, 'demo.json'))).toBe(false);
  }, 60_000);
});
