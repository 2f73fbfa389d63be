import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/config.js';
import { PostFilter } from '../../../models/filter.js';
import { loadAnalyzer, type Analyzer } from '../../../nlp/analyze.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import type { JobQueue, ProcessorContext } from '../../../workers/jobs.js';
import { aggregate } from '../../../workers/processors/aggregate.js';
import { enrich } from '../../../workers/processors/enrich.js';
import { tempDir } from '../../support/cli.js';
import { makePost } from '../../support/factories.js';

const analyzer = await loadAnalyzer();

function context(store: ReturnType<typeof createSqliteStore>, withAnalyzer: Analyzer) {
  const queued: string[] = [];
  const queue: JobQueue = { enqueue: async (name) => void queued.push(name) };
  const ctx: ProcessorContext = {
    config: loadConfig({ ESCUCHA_DATA_DIR: tempDir() }),
    logger: pino({ level: 'silent' }),
    store,
    analyzer: withAnalyzer,
    queue,
  };
  return { ctx, queued };
}

describe('enrich processor', () => {
  it('analyses pending posts once, queues aggregation, and keeps analysts\' corrections across re-analysis', async () => {
    const store = createSqliteStore(':memory:');
    await store.posts.upsert([
      makePost({ externalId: '1', text: 'Qué alegría ver el parque lleno de familias en Tegucigalpa', place: { country: 'HN', admin1: null } }),
      makePost({ externalId: '2', text: 'Asesinaron a otra mujer en Guatemala, basta de feminicidios' }),
    ]);
    const first = context(store, analyzer);
    expect(await enrich({}, first.ctx)).toMatchObject({ status: 'success', detail: { analysed: 2 } });
    expect(first.queued).toEqual(['aggregate']);
    expect(await enrich({}, first.ctx)).toMatchObject({ status: 'skipped' });

    await store.annotations.add({
      id: 'n1', postId: 'mastodon:1', userId: 'u1', note: null, createdAt: '2026-11-03T00:00:00.000Z',
      labels: { sentiment: 'N', country: 'SV' },
    });
    const nextVersion: Analyzer = { ...analyzer, version: `${analyzer.version}-next`, analyze: analyzer.analyze, analyzeBatch: (inputs) => analyzer.analyzeBatch(inputs) };
    const second = context(store, nextVersion);
    expect(await enrich({}, second.ctx)).toMatchObject({ detail: { analysed: 2 } });
    const corrected = await store.posts.get('mastodon:1');
    expect(corrected?.enrichment?.version).toBe(nextVersion.version);
    expect(corrected?.enrichment?.sentiment).toMatchObject({ label: 'N', confidence: 1 });
    expect(corrected?.enrichment?.sentiment.explanation[0]?.feature).toBe('corrección de analista');

    await aggregate({}, second.ctx);
    const day = PostFilter.parse({ from: '2026-11-02', to: '2026-11-02' });
    expect((await store.analytics.kpis({ ...day, country: ['SV'] })).posts).toBe(1);
    expect((await store.analytics.kpis({ ...day, country: ['HN'] })).posts).toBe(0);
    await store.close();
  });
});
