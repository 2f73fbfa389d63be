import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BreakdownDimension, EntityKind } from '../../../models/analytics.js';
import { PostFilter } from '../../../models/filter.js';
import type { Store } from '../../../models/store.js';
import { createMongoStore } from '../../../store/mongo/index.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { makeEnrichment, makePost } from '../../support/factories.js';
import { MingoDb } from '../../support/mingo-db.js';

const H = 3_600_000;
const START = Date.parse('2026-11-01T00:00:00Z');
const WORDS = [
  'Policía',
  'policia',
  'JOVEN',
  'desaparecida',
  'búsqueda',
  'niña',
  'nina',
  'la',
  'extorsión',
  'buses',
];
const FILTERS = [
  {},
  { country: 'GT' },
  { country: 'GT,HN' },
  { platform: 'x' },
  { topic: 'femicidio' },
  { lang: 'es' },
];

/** Random texts, hashtags and analyses give the same query answers on both adapters. */
describe('analytics queries agree across adapters', () => {
  const postArb = fc.record({
    id: fc.integer({ min: 1, max: 40 }),
    platform: fc.constantFrom('mastodon' as const, 'x' as const, 'rss' as const),
    author: fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5'),
    followers: fc.integer({ min: 0, max: 30_000 }),
    hour: fc.integer({ min: 0, max: 3 * 24 }),
    words: fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }),
    hashtags: fc.subarray(['NiUnaMenos', 'niunamenos', 'Búsqueda', 'extorsion']),
    likes: fc.integer({ min: 0, max: 5 }),
    country: fc.constantFrom('GT' as const, 'HN' as const, null),
    topics: fc.subarray(['femicidio', 'robo']),
    lang: fc.constantFrom('es' as const, 'other' as const),
    misogyny: fc.boolean(),
  });

  async function answers(store: Store) {
    const out: Record<string, unknown> = {};
    for (const [i, overrides] of FILTERS.entries()) {
      const f = PostFilter.parse({ from: '2026-11-01', to: '2026-11-03', ...overrides });
      for (const d of BreakdownDimension.options)
        out[`b${i}${d}`] = await store.analytics.breakdown(f, d, 5);
      for (const k of EntityKind.options)
        out[`e${i}${k}`] = await store.analytics.topEntities(f, k, 5);
      out[`ar${i}`] = await store.analytics.topAuthors(f, 'reach', 3);
      out[`ai${i}`] = await store.analytics.topAuthors(f, 'interactions', 3);
      out[`p${i}`] = await store.analytics.topPosts(f, 4);
      for (const q of ['policia', 'niña joven', 'la']) {
        out[`s${i}${q}`] = await store.analytics.search({ filter: f, q, limit: 3, cursor: null });
      }
    }
    return out;
  }

  it('on random posts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(postArb, { minLength: 1, maxLength: 25 }), async (specs) => {
        const results = [];
        for (const store of [
          createSqliteStore(':memory:'),
          await createMongoStore({ db: new MingoDb() }),
        ]) {
          const posts = specs.map((s) =>
            makePost({
              externalId: String(s.id),
              platform: s.platform,
              author: {
                id: s.author,
                handle: s.author,
                name: null,
                followers: s.followers,
                verified: false,
                location: null,
              },
              createdAt: new Date(START + s.hour * H).toISOString(),
              text: `${s.words.join(' ')} #${s.hashtags[0] ?? 'x'}`,
              hashtags: s.hashtags,
              metrics: {
                likes: s.likes,
                reposts: 0,
                replies: 0,
                quotes: 0,
                views: null,
                observedAt: '2026-11-05T00:00:00Z',
              },
            }),
          );
          await store.posts.upsert(posts);
          await store.posts.saveEnrichments(
            specs.map((s) => ({
              id: `${s.platform}:${s.id}`,
              enrichment: makeEnrichment({
                country: s.country,
                topics: s.topics,
                lang: s.lang,
                misogyny: s.misogyny,
              }),
            })),
          );
          await store.rollups.recompute(await store.rollups.dirtyBuckets(10_000));
          results.push(await answers(store));
          await store.close();
        }
        expect(results[1]).toEqual(results[0]);
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
