import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostFilter } from '../../../models/filter.js';
import type { Post } from '../../../models/post.js';
import type { Rollup } from '../../../models/rollup.js';
import type { Store } from '../../../models/store.js';
import { createMongoStore } from '../../../store/mongo/index.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { makeEnrichment, makePost, type EnrichmentFacts } from '../../support/factories.js';
import { MingoDb } from '../../support/mingo-db.js';

const H = 3_600_000;
const filter = (overrides: Record<string, unknown> = {}) =>
  PostFilter.parse({ from: '2026-11-01', to: '2026-11-04', ...overrides });

/** Random posts, analyses and re-observations, applied to both adapters, must read the same. */
describe('MongoDB adapter agrees with SQLite', () => {
  const START = Date.parse('2026-11-01T00:00:00Z');
  const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
  const subset = <T>(values: readonly T[]) => fc.subarray([...values]);
  const iso = (ms: number) => new Date(ms).toISOString();

  const postArb = fc.record({
    externalId: fc.integer({ min: 1, max: 25 }).map(String),
    platform: pick(['mastodon', 'bluesky', 'x'] as const),
    author: fc.record({
      id: pick(['a1', 'a2', 'a3', 'a4']),
      followers: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
    }),
    createdMs: fc.integer({ min: START - 6 * H, max: START + 4 * 24 * H }),
    likes: fc.integer({ min: 0, max: 20 }),
    views: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
    observedHour: fc.integer({ min: 0, max: 5 }),
    place: fc.option(pick(['GT', 'SV'] as const), { nil: null }),
    campaignIds: subset(['c1', 'c2']),
  });
  const factsArb: fc.Arbitrary<EnrichmentFacts> = fc.record({
    lang: pick(['es', 'en', 'other'] as const),
    sentiment: pick(['P', 'NEU', 'N'] as const),
    emotion: pick(['anger', 'joy', 'fear', 'others'] as const),
    topics: subset(['femicidio', 'robo', 'trata']),
    misogyny: fc.boolean(),
    hate: fc.boolean(),
    country: fc.option(pick(['GT', 'HN'] as const), { nil: null }),
    campaigns: subset(['c2', 'c3']),
    version: pick(['v1', 'v2']),
  });
  type PostSpec = typeof postArb extends fc.Arbitrary<infer T> ? T : never;
  const toPost = (p: PostSpec): Post =>
    makePost({
      externalId: p.externalId,
      platform: p.platform,
      author: {
        id: p.author.id,
        handle: null,
        name: null,
        followers: p.author.followers,
        verified: false,
        location: null,
      },
      createdAt: iso(p.createdMs),
      metrics: {
        likes: p.likes,
        reposts: 1,
        replies: 0,
        quotes: 0,
        views: p.views,
        observedAt: iso(START + p.observedHour * H),
      },
      place: p.place ? { country: p.place, admin1: 'X' } : null,
      campaignIds: p.campaignIds,
    });

  const FILTERS = [
    {},
    { country: 'GT' },
    { country: 'GT,HN', platform: 'x' },
    { topic: 'femicidio' },
    { topic: 'femicidio,robo' },
    { campaign: 'c2' },
    { campaign: 'c1,c3', lang: 'es' },
    { lang: 'other' },
    { from: '2026-11-02', to: '2026-11-02' },
  ];
  const sortRollups = (rows: Rollup[]) =>
    [...rows].sort((a, b) =>
      [a.bucket, a.topic, a.campaign, a.country, a.platform, a.lang].join('|') <
      [b.bucket, b.topic, b.campaign, b.country, b.platform, b.lang].join('|')
        ? -1
        : 1,
    );

  async function snapshot(store: Store, ids: string[]) {
    const out: Record<string, unknown> = {
      count: await store.posts.count(),
      pendingV1: await store.posts.countPendingEnrichment('v1'),
      pendingIds: (await store.posts.pendingEnrichment(100, 'v1')).map((p) => p.id).sort(),
      posts: await store.posts.getMany(ids),
      dirty: await store.rollups.dirtyBuckets(10_000),
    };
    await store.rollups.recompute(out.dirty as number[]);
    for (const [i, overrides] of FILTERS.entries()) {
      const f = filter(overrides);
      out[`kpis${i}`] = await store.analytics.kpis(f);
      out[`day${i}`] = await store.analytics.series(f, 'day');
      out[`hour${i}`] = await store.analytics.series(f, 'hour');
      out[`rollDay${i}`] = sortRollups(await store.rollups.list(f, 'day'));
      out[`rollHour${i}`] = sortRollups(await store.rollups.list(f, 'hour'));
    }
    return out;
  }

  it('on random histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(postArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), factsArb), { maxLength: 30 }),
        fc.array(postArb, { maxLength: 15 }),
        fc.array(fc.tuple(fc.nat(), factsArb), { maxLength: 10 }),
        async (first, enrich, second, reenrich) => {
          const stores = [
            createSqliteStore(':memory:'),
            await createMongoStore({ db: new MingoDb() }),
          ];
          const results = [];
          for (const store of stores) {
            const inserted = await store.posts.upsert(first.map(toPost));
            const ids = [...new Set(first.map((p) => `${p.platform}:${p.externalId}`))];
            const analyses = (items: [number, EnrichmentFacts][]) =>
              items.map(([n, facts]) => ({
                id: ids[n % ids.length]!,
                enrichment: makeEnrichment(facts),
              }));
            await store.posts.saveEnrichments(analyses(enrich));
            const a = await snapshot(store, ids);
            const again = await store.posts.upsert([...second, ...first.slice(0, 5)].map(toPost));
            await store.posts.saveEnrichments(analyses(reenrich));
            const b = await snapshot(store, ids);
            results.push({ inserted, again, a, b });
            await store.close();
          }
          expect(results[1]).toEqual(results[0]);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
