import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/config.js';
import { Campaign } from '../../../models/campaign.js';
import type { Enrichment } from '../../../models/enrichment.js';
import type { Store } from '../../../models/store.js';
import { loadAnalyzer } from '../../../nlp/analyze.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { EnrichPool } from '../../../workers/enrich-pool.js';
import { preparedEnrichmentsOf, type Enricher } from '../../../workers/enrichment.js';
import type { JobQueue, ProcessorContext } from '../../../workers/jobs.js';
import { enrich } from '../../../workers/processors/enrich.js';
import { tempDir } from '../../support/cli.js';
import { makePost } from '../../support/factories.js';
import { jsonl } from '../../support/jsonl.js';

const analyzer = await loadAnalyzer();
const logger = pino({ level: 'silent' });
const BIN = fileURLToPath(new URL('../../../bin/escucha.js', import.meta.url));
const TEXTS = [
  'Otra mujer asesinada en San Pedro Sula, basta de feminicidios #NiUnaMenos',
  'Qué alegría ver el parque lleno de familias en Tegucigalpa',
  'Belize City police report a robbery on Albert Street last night',
  'Las maras cobran extorsión a los buses de la capital, nadie hace nada',
];

const pools: EnrichPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

async function startedPool(entry?: URL): Promise<EnrichPool> {
  const pool = new EnrichPool({ threads: 1, analyzer, analyzerOptions: {}, logger, entry });
  pools.push(pool);
  expect(await pool.start()).toBe(true);
  return pool;
}

/** An in-memory store with `n` posts p0..p(n-1), some of them with an analyst's correction. */
async function storeWith(n: number, text = (i: number) => `${TEXTS[i % TEXTS.length]} ${i}`) {
  const store = createSqliteStore(':memory:');
  await store.campaigns.save(
    Campaign.parse({
      id: 'niunamenos',
      name: 'Ni una menos',
      hashtags: ['NiUnaMenos'],
      startDate: '2026-01-01',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }),
  );
  await store.posts.upsert(
    Array.from({ length: n }, (_, i) =>
      makePost({
        externalId: `p${i}`,
        text: text(i),
        createdAt: new Date(Date.UTC(2026, 10, 1, i % 24)).toISOString(),
        hashtags: i % 4 === 0 ? ['NiUnaMenos'] : [],
      }),
    ),
  );
  await store.annotations.add({
    id: 'n1', postId: 'mastodon:p1', userId: 'u1', note: null, createdAt: '2026-11-03T00:00:00.000Z',
    labels: { sentiment: 'N', country: 'SV' },
  });
  return store;
}

function context(store: Store, enricher?: Enricher) {
  const queued: string[] = [];
  const queue: JobQueue = { enqueue: async (name) => void queued.push(name) };
  const ctx: ProcessorContext = {
    config: loadConfig({ ESCUCHA_DATA_DIR: tempDir() }),
    logger,
    store,
    analyzer,
    enricher,
    queue,
  };
  return { ctx, queued };
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `mastodon:p${from + i}`);

async function enrichments(store: Store, n: number): Promise<Omit<Enrichment, 'enrichedAt'>[]> {
  const posts = await store.posts.getMany(ids(0, n));
  expect(posts).toHaveLength(n);
  return posts.map((post) => {
    const { enrichedAt: _enrichedAt, ...rest } = post.enrichment!;
    return rest;
  });
}

describe('enrich processor with enrichment threads', () => {
  it('stores what the in-thread path stores, for listed posts and for a sweep', async () => {
    const N = 1_700;
    const inline = await storeWith(N);
    expect(await enrich({ postIds: ids(0, N) }, context(inline).ctx)).toMatchObject({ detail: { analysed: N } });

    const pool = await startedPool();
    const threaded = await storeWith(N);
    const { ctx, queued } = context(threaded, pool);
    expect(await enrich({ postIds: ids(0, 1_200) }, ctx)).toMatchObject({ detail: { analysed: 1_200 } });
    expect(await enrich({}, ctx)).toMatchObject({ detail: { analysed: N - 1_200 } });
    expect(await enrich({}, ctx)).toMatchObject({ status: 'skipped' });
    expect(queued).toEqual(['aggregate', 'aggregate']);
    expect(pool.stats.inline).toBe(0);
    expect(pool.stats.threaded).toBeGreaterThanOrEqual(4);

    expect(await enrichments(threaded, N)).toEqual(await enrichments(inline, N));
    expect((await threaded.posts.get('mastodon:p1'))?.enrichment?.sentiment.label).toBe('N');
    expect(await threaded.posts.countPendingEnrichment(analyzer.version)).toBe(0);
    expect(await threaded.rollups.dirtyBuckets(100)).toHaveLength(24);
    await Promise.all([inline.close(), threaded.close()]);
  });

  it('fails the job when a thread fails; the batches stored before stay, a retry does the rest', async () => {
    const store = await storeWith(1_200, (i) => (i === 700 ? 'crash' : `${TEXTS[i % TEXTS.length]} ${i}`));
    const faulty = await startedPool(new URL('../../unit/workers/fixtures/faulty-thread.ts', import.meta.url));
    await expect(enrich({ postIds: ids(0, 1_200) }, context(store, faulty).ctx)).rejects.toThrow(/exited/);
    expect(await store.posts.countPendingEnrichment(analyzer.version)).toBe(700);
    expect(await enrich({ postIds: ids(0, 1_200) }, context(store).ctx)).toMatchObject({ detail: { analysed: 700 } });
    await store.close();
  });

  it('stores batches already analysed together, with what the in-thread path stores', async () => {
    const N = 1_200;
    const inline = await storeWith(N);
    await enrich({ postIds: ids(0, N) }, context(inline).ctx);
    const store = await storeWith(N);
    // Results at once: every batch is analysed by the time the first one is stored.
    const eager: Enricher = {
      version: analyzer.version,
      enrich: () => Promise.reject(new Error('must not be used')),
      enrichPrepared: (inputs, posts, at) => preparedEnrichmentsOf(analyzer, inputs, posts, at),
    };
    const saved: number[] = [];
    const save = store.posts.saveEnrichments.bind(store.posts);
    store.posts.saveEnrichments = (items) => {
      saved.push(items.length);
      return save(items);
    };
    expect(await enrich({ postIds: ids(0, N) }, context(store, eager).ctx)).toMatchObject({ detail: { analysed: N } });
    // Three batches (500, 500, 200), stored in fewer calls.
    expect(saved.reduce((sum, n) => sum + n, 0)).toBe(N);
    expect(saved.length).toBeLessThan(3);
    expect(await enrichments(store, N)).toEqual(await enrichments(inline, N));
    expect((await store.posts.get('mastodon:p1'))?.enrichment?.sentiment.label).toBe('N');
    await Promise.all([inline.close(), store.close()]);
  });

  it('analyses in-thread when the enricher has another analyser version', async () => {
    const store = await storeWith(3);
    const other: Enricher = {
      version: 'another-version',
      enrich: () => Promise.reject(new Error('must not be used')),
    };
    expect(await enrich({}, context(store, other).ctx)).toMatchObject({ detail: { analysed: 3 } });
    await store.close();
  });
});

describe('escucha import with enrichment threads', () => {
  it('starts threads for a large import, analyses every post and exits by itself', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'posts.jsonl');
    writeFileSync(file, jsonl(2_500));
    const child = spawn(process.execPath, [BIN, 'import', file], {
      env: { ...process.env, ESCUCHA_DATA_DIR: dataDir, ESCUCHA_ENRICH_THREADS: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).not.toMatch(/"level":(40|50|60)/);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ read: 2_500, inserted: 2_500, duplicates: 0, rejected: 0 });
    const store = createSqliteStore(dataDir);
    try {
      expect(await store.posts.countPendingEnrichment(analyzer.version)).toBe(0);
      expect(await store.rollups.dirtyBuckets(1)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
