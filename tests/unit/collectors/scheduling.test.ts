import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { buildSource } from '../../../workers/collectors/sources.js';
import { defaultSources, googleNewsSearchUrl, seedDefaultSources } from '../../../workers/default-sources.js';
import type { JobName } from '../../../workers/jobs.js';
import { isDue, Scheduler } from '../../../workers/scheduler.js';

const NOW = new Date('2026-11-02T12:00:00Z');
const base = buildSource({ id: 's1', name: 's1', kind: 'mastodon', query: { hashtags: ['femicidio'] }, everyMinutes: 10 }, NOW);

describe('isDue', () => {
  it.each([
    ['never run', {}, true],
    ['ran 5 min ago', { lastRunAt: '2026-11-02T11:55:00Z', status: 'ok' }, false],
    ['ran 10 min ago', { lastRunAt: '2026-11-02T11:50:00Z', status: 'ok' }, true],
    ['on demand only', { everyMinutes: 0 }, false],
    ['paused', { enabled: false }, false],
    ['running now', { status: 'running', lastRunAt: '2026-11-02T11:58:00Z' }, false],
    ['running but its process died', { status: 'running', lastRunAt: '2026-11-02T11:00:00Z' }, true],
    ['rate limited', { cursor: { position: null, resumeAt: '2026-11-02T12:30:00Z' } }, false],
  ] as const)('%s → %s', (_label, changes, due) => {
    expect(isDue({ ...base, ...changes } as typeof base, NOW)).toBe(due);
  });
});

describe('Scheduler with a store', () => {
  it('enqueues collect for due sources with a stable job id per source', async () => {
    const store = createSqliteStore(':memory:');
    await store.sources.save(base);
    await store.sources.save({ ...base, id: 's2', enabled: false });
    const jobs: { name: JobName; data: unknown; jobId?: string }[] = [];
    const scheduler = new Scheduler({
      store,
      logger: pino({ level: 'silent' }),
      now: () => NOW,
      queue: { enqueue: async (name, data, options) => void jobs.push({ name, data, jobId: options?.jobId }) },
    });
    await scheduler.tick();
    expect(jobs.filter((j) => j.name === 'collect')).toEqual([{ name: 'collect', data: { sourceId: 's1' }, jobId: 'source-s1' }]);
    expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining(['enrich', 'aggregate', 'collect']));
    await store.close();
  });
});

describe('default sources', () => {
  it('need no keys: Mastodon hashtags, Bluesky Jetstream, news per country', () => {
    const sources = defaultSources();
    expect(new Set(sources.map((s) => s.kind))).toEqual(new Set(['mastodon', 'bluesky', 'rss']));
    expect(sources.filter((s) => s.kind === 'rss')).toHaveLength(7);
    for (const input of sources) expect(() => buildSource(input, NOW)).not.toThrow();
    const gt = new URL(googleNewsSearchUrl('GT'));
    expect(Object.fromEntries(gt.searchParams)).toMatchObject({ hl: 'es-419', gl: 'GT', ceid: 'GT:es-419' });
    expect(new URL(googleNewsSearchUrl('BZ')).searchParams.get('ceid')).toBe('BZ:en');
  });

  it('are seeded once; a deleted default is not created again; off means none', async () => {
    const store = createSqliteStore(':memory:');
    expect(await seedDefaultSources(store, { enabled: false })).toEqual([]);
    const created = await seedDefaultSources(store, { enabled: true, now: NOW });
    expect(created.length).toBe(defaultSources().length);
    await store.sources.delete('default-news-gt');
    expect(await seedDefaultSources(store, { enabled: true })).toEqual([]);
    expect(await store.sources.get('default-news-gt')).toBeNull();
    await store.close();
  });
});
