import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../app/config.js';
import { loadAnalyzer, type AnalysisInput } from '../../../nlp/analyze.js';
import { decodeEnrichment, encodeEnrichment } from '../../../store/enrichment-codec.js';
import { EnrichPool, type EnrichPoolOptions } from '../../../workers/enrich-pool.js';
import { enrichmentsOf, preparedEnrichmentsOf } from '../../../workers/enrichment.js';
import { makeCampaign, makePost } from '../../support/factories.js';
import { tempDir } from '../../support/cli.js';

const analyzer = await loadAnalyzer();
const logger = pino({ level: 'silent' });
const AT = '2026-11-28T12:00:00.000Z';

const CAMPAIGNS: AnalysisInput['campaigns'] = [makeCampaign()];

/** Varied inputs: the hand-written NLP fixtures, with hashtags, places, languages and a campaign. */
function inputs(n: number): AnalysisInput[] {
  const texts = readFileSync(new URL('../../fixtures/nlp/handwritten.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text);
  texts.push(
    'Otra mujer asesinada en San Pedro Sula, basta de feminicidios #NiUnaMenos',
    'Belize City police report a robbery on Albert Street last night',
    'Bom dia a todos, que lindo dia',
  );
  return Array.from({ length: n }, (_, i) => ({
    text: `${texts[i % texts.length]} ${i}`,
    hashtags: i % 4 === 0 ? ['#NiUnaMenos'] : [],
    mentions: [],
    authorHandle: `user${i % 7}`,
    authorLocation: i % 5 === 0 ? 'Tegucigalpa, Honduras' : null,
    platformLang: i % 3 === 0 ? 'es' : null,
    createdAt: '2026-11-02T10:00:00.000Z',
    campaigns: CAMPAIGNS,
  }));
}

const pools: EnrichPool[] = [];
function pool(options: Partial<EnrichPoolOptions> = {}): EnrichPool {
  const created = new EnrichPool({ threads: 1, analyzer, analyzerOptions: {}, logger, ...options });
  pools.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

describe('EnrichPool', () => {
  it('gives the enrichments of the in-thread path, in order, split between threads', async () => {
    const p = pool({ threads: 2 });
    expect(await p.start()).toBe(true);
    expect(p.readyThreads).toBe(2);
    expect(p.version).toBe(analyzer.version);
    const batch = inputs(450);
    const threaded = await p.enrich(batch, AT);
    expect(p.stats).toEqual({ threaded: 1, inline: 0 });
    expect(threaded).toEqual(await enrichmentsOf(analyzer, batch, AT));
    expect(threaded.every((e) => e.version === analyzer.version && e.enrichedAt === AT)).toBe(true);
    expect(new Set(threaded.map((e) => e.language.code))).toEqual(new Set(['es', 'en']));
    expect(threaded.some((e) => e.campaigns.length > 0)).toBe(true);
  });

  it('prepares results for storing in threads exactly as on the calling thread', async () => {
    const p = pool({ threads: 2 });
    expect(await p.start()).toBe(true);
    const batch = inputs(450);
    const posts = batch.map((input, i) =>
      makePost({
        externalId: `p${i}`,
        text: input.text,
        hashtags: input.hashtags ?? [],
        createdAt: input.createdAt!,
        links: i % 6 === 0 ? ['https://example.org/nota/'] : [],
        place: i % 9 === 0 ? { country: 'GT', admin1: 'Guatemala' } : null,
        campaignIds: i % 10 === 0 ? ['importada'] : [],
      }),
    );
    const threaded = await p.enrichPrepared(batch, posts, AT);
    expect(p.stats).toEqual({ threaded: 1, inline: 0 });
    expect(threaded).toEqual(await preparedEnrichmentsOf(analyzer, batch, posts, AT));
    expect(threaded.map((prepared) => decodeEnrichment(prepared.json))).toEqual(
      await enrichmentsOf(analyzer, batch, AT),
    );
    // Both kinds of batch can be in flight at once.
    const [plain, prepared] = await Promise.all([p.enrich(batch, AT), p.enrichPrepared(batch, posts, AT)]);
    expect(prepared.map((result) => result.json)).toEqual(plain.map(encodeEnrichment));
    await expect(p.enrichPrepared(batch, posts.slice(1), AT)).rejects.toThrow(RangeError);
  });

  it('analyses on the calling thread until enough posts came to start threads', async () => {
    const p = pool({ startAfterPosts: 50 });
    expect(await p.enrich(inputs(50), AT)).toHaveLength(50);
    expect(p.readyThreads).toBe(0);
    await p.enrich(inputs(10), AT);
    await vi.waitFor(() => expect(p.readyThreads).toBe(1), { timeout: 20_000 });
    await p.enrich(inputs(10), AT);
    expect(p.stats).toEqual({ threaded: 1, inline: 2 });
  });

  it('rejects a batch that throws in a thread and keeps serving the next ones', async () => {
    const p = pool();
    await p.start();
    const bad = { text: null } as unknown as AnalysisInput;
    await expect(enrichmentsOf(analyzer, [bad], AT)).rejects.toThrow();
    await expect(p.enrich([...inputs(3), bad], AT)).rejects.toThrow();
    expect(p.stats.threaded).toBe(1);
    expect(await p.enrich(inputs(3), AT)).toEqual(await enrichmentsOf(analyzer, inputs(3), AT));
    expect(p.stats.threaded).toBe(2);
  });

  it('rejects the batches of a thread that dies, replaces it, and rejects errors thrown outside a batch', async () => {
    const p = pool({ entry: fixture('faulty-thread.ts') });
    expect(await p.start()).toBe(true);
    await expect(p.enrich([{ text: 'crash' }], AT)).rejects.toThrow(/exited \(code 3\)/);
    await vi.waitFor(() => expect(p.readyThreads).toBe(1), { timeout: 20_000 });
    expect(await p.enrich(inputs(2), AT)).toEqual(await enrichmentsOf(analyzer, inputs(2), AT));
    await expect(p.enrich([{ text: 'uncaught' }], AT)).rejects.toThrow('uncaught in thread');
  });

  it('analyses on the calling thread when threads cannot start or load another analyser', async () => {
    for (const entry of [fixture('missing-thread.ts'), fixture('other-version-thread.ts')]) {
      const p = pool({ entry });
      expect(await p.start()).toBe(false);
      expect(p.readyThreads).toBe(0);
      expect(await p.enrich(inputs(5), AT)).toEqual(await enrichmentsOf(analyzer, inputs(5), AT));
      expect(p.stats).toEqual({ threaded: 0, inline: 1 });
    }
    const none = pool({ threads: 0 });
    expect(await none.start()).toBe(false);
    expect(await none.enrich(inputs(2), AT)).toHaveLength(2);
  });

  it('rejects batches still in a thread when closed, and analyses later ones on the calling thread', async () => {
    const p = pool();
    await p.start();
    const rejected = expect(p.enrich(inputs(300), AT)).rejects.toThrow('enrichment pool closed');
    await p.close();
    await rejected;
    expect(p.readyThreads).toBe(0);
    expect(await p.enrich(inputs(2), AT)).toHaveLength(2);
    expect(await p.start()).toBe(false);
  });
});

describe('ESCUCHA_ENRICH_THREADS', () => {
  it('is automatic unless set; 0 turns threads off', () => {
    const dir = tempDir();
    expect(loadConfig({ ESCUCHA_DATA_DIR: dir }).enrichThreads).toBeNull();
    expect(loadConfig({ ESCUCHA_DATA_DIR: dir, ESCUCHA_ENRICH_THREADS: '3' }).enrichThreads).toBe(3);
    expect(loadConfig({ ESCUCHA_DATA_DIR: dir, ESCUCHA_ENRICH_THREADS: '0' }).enrichThreads).toBe(0);
    expect(() => loadConfig({ ESCUCHA_DATA_DIR: dir, ESCUCHA_ENRICH_THREADS: 'dos' })).toThrow(
      /ESCUCHA_ENRICH_THREADS="dos"/,
    );
  });
});
