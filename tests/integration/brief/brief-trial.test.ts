import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/config.js';
import type { Store } from '../../../models/store.js';
import type { Analyzer } from '../../../nlp/analyze.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { gatherBriefData } from '../../../workers/brief/gather.js';
import { isoWeekOf, shiftWeek } from '../../../models/iso-week.js';
import type { ProcessorContext } from '../../../workers/jobs.js';
import { PROCESSORS } from '../../../workers/processors/index.js';
import { runCli, tempDir } from '../../support/cli.js';
import { makeEnrichment, makePost } from '../../support/factories.js';
import { seedBriefStore, SEEDED_WEEK } from './seed.js';

const NOW = '2026-11-23T06:00:00.000Z';

/** A campaign running in the seeded week with `posts` posts in it (Guatemala). */
async function addCampaign(store: Store, id: string, name: string, posts: number): Promise<void> {
  await store.campaigns.save({ id, name, description: '', hashtags: [id.replaceAll('-', '')], handles: [], keywords: [], countries: [], startDate: '2026-11-01', endDate: null, launchDate: null, createdAt: NOW, updatedAt: NOW });
  const made = Array.from({ length: posts }, (_, i) =>
    makePost({
      externalId: `${id}-${i}`,
      text: `Publicación de la campaña ${name} ${i}`,
      createdAt: `2026-11-${String(16 + (i % 7)).padStart(2, '0')}T10:00:00.000Z`,
      collectedAt: `2026-11-${String(16 + (i % 7)).padStart(2, '0')}T11:00:00.000Z`,
      author: { id: `a_${id}${i}`, handle: `${id}${i}`, name: null, followers: 50, verified: false, location: null },
      campaignIds: [id],
    }),
  );
  if (made.length === 0) return;
  await store.posts.upsert(made);
  await store.posts.saveEnrichments(made.map((p) => ({ id: `mastodon:${p.externalId}`, enrichment: makeEnrichment({ country: 'GT', campaigns: [id], topics: ['prevencion'] }) })));
  await store.rollups.recompute(await store.rollups.dirtyBuckets(1e5));
}

describe('the trial’s brief defects, on a seeded store', () => {
  const dataDir = tempDir('escucha-brief-trial-');
  let store: Store;
  beforeAll(async () => {
    store = createSqliteStore(dataDir);
    await seedBriefStore(store, { postsPerWeek: 300 });
    // Listed before the busiest one, as in the trial: a test campaign without posts and two small ones.
    await addCampaign(store, 'a-prueba', 'A Prueba', 0);
    await addCampaign(store, 'b-pequena', 'B Pequeña', 2);
    await addCampaign(store, 'c-mediana', 'C Mediana', 5);
    await addCampaign(store, 'z-vidas-libres', 'Z Vidas libres', 60);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('shows the busiest campaigns of the week, names the rest, and gives no estimate without posts', async () => {
    const data = await gatherBriefData(store, SEEDED_WEEK, { countries: [], campaigns: [] });
    const posts = data.campaigns.map((c) => c.week.posts);
    expect(data.campaigns[0]!.name).toBe('Z Vidas libres');
    expect(posts).toEqual([...posts].sort((a, b) => b - a));
    expect(data.campaigns.map((c) => c.name)).toEqual(['Z Vidas libres', 'Ni una menos 2026', 'C Mediana']);
    expect(data.campaignsMore).toEqual([{ name: 'B Pequeña', posts: 2 }, { name: 'A Prueba', posts: 0 }]);

    // Scoped to the silent campaign: shown, but with the reason instead of an estimate.
    const silent = await gatherBriefData(store, SEEDED_WEEK, { countries: [], campaigns: ['a-prueba'] });
    expect(silent.campaigns[0]).toMatchObject({ name: 'A Prueba', impact: null, impactUnavailable: 'no-posts', week: { posts: 0 } });
  });

  it('the CLI refuses a week that does not exist or has not started, in Spanish, without a stack', async () => {
    for (const [week, said] of [
      ['2026-W99', 'la semana "2026-W99" no existe'],
      [shiftWeek(isoWeekOf(new Date()), 2), 'todavía no empezó'],
    ] as const) {
      const result = await runCli(['brief', '--week', week], { ESCUCHA_DATA_DIR: dataDir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(said);
      expect(result.stderr).not.toMatch(/InvalidWeekError|\n\s+at /);
    }
  });

  it('a queued job for a week that does not exist is skipped, not failed and retried', async () => {
    const context = { config: loadConfig({ ESCUCHA_DATA_DIR: dataDir }), logger: pino({ level: 'silent' }), store, analyzer: {} as Analyzer } as unknown as ProcessorContext;
    expect(await PROCESSORS.brief!({ week: '2026-W99' }, context)).toMatchObject({ status: 'skipped', detail: { reason: 'invalid week (nonexistent)' } });
  });
});
