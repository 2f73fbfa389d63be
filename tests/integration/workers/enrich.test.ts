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

  it('analyses the posts of a campaign\'s days again when it is created, so it counts posts it already has', async () => {
    const store = createSqliteStore(':memory:');
    await store.posts.upsert([
      makePost({ externalId: 'a', text: 'Marchamos hoy en San Salvador #NiUnaMas', hashtags: ['NiUnaMas'], createdAt: '2026-11-02T10:00:00Z' }),
      makePost({ externalId: 'b', text: 'Tráfico en la Roosevelt', createdAt: '2026-11-02T11:00:00Z' }),
      makePost({ externalId: 'c', text: 'Antes de la campaña #NiUnaMas', hashtags: ['NiUnaMas'], createdAt: '2026-10-20T10:00:00Z' }),
    ]);
    const { ctx } = context(store, analyzer);
    await enrich({}, ctx);
    await store.campaigns.save({
      id: 'ni-una-mas', name: 'Ni una más', description: '', hashtags: ['NiUnaMas'], handles: [], keywords: [], countries: [],
      startDate: '2026-11-01', endDate: '2026-11-30', launchDate: null, createdAt: '2026-11-25T00:00:00.000Z', updatedAt: '2026-11-25T00:00:00.000Z',
    });
    expect((await store.posts.get('mastodon:a'))!.enrichment!.campaigns).toEqual([]);
    // Already analysed by this version: a plain sweep does nothing, a rematch of the days does.
    expect(await enrich({}, ctx)).toMatchObject({ status: 'skipped' });
    expect(await enrich({ rematch: { from: '2026-11-01', to: '2026-11-30' } }, ctx)).toMatchObject({ detail: { analysed: 2 } });
    expect((await store.posts.get('mastodon:a'))!.enrichment!.campaigns.map((c) => c.id)).toEqual(['ni-una-mas']);
    expect((await store.posts.get('mastodon:c'))!.enrichment!.campaigns).toEqual([]);
    // A long rematch goes on where the previous job stopped.
    const after = { createdMs: Date.parse('2026-11-02T10:00:00Z'), id: 'mastodon:a' };
    expect(await enrich({ rematch: { from: '2026-11-01', to: '2026-11-30', after } }, ctx)).toMatchObject({ detail: { analysed: 1 } });
    await aggregate({}, ctx);
    expect((await store.analytics.campaignKpis({ campaignId: 'ni-una-mas' })).total.posts).toBe(1);
    await store.close();
  });
});
