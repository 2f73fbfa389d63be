import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../app/errors.js';
import { PostFilter } from '../../models/filter.js';
import type { Store } from '../../models/store.js';
import { makeEnrichment, makePost, type EnrichmentFacts } from '../support/factories.js';

const filter = (overrides: Record<string, unknown> = {}) =>
  PostFilter.parse({ from: '2026-11-01', to: '2026-11-07', ...overrides });

/**
 * The behaviour every Store adapter must have. Each adapter's test file calls this with a
 * factory giving a fresh, empty store.
 */
export function storeContract(name: string, createStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Stores posts, enriches them with the given facts and aggregates everything dirty. */
    async function seed(rows: { post: Parameters<typeof makePost>[0]; facts?: EnrichmentFacts }[]) {
      await store.posts.upsert(rows.map((r) => makePost(r.post)));
      await store.posts.saveEnrichments(
        rows.map((r) => ({
          id: `${r.post.platform ?? 'mastodon'}:${r.post.externalId}`,
          enrichment: makeEnrichment(r.facts),
        })),
      );
      await store.rollups.recompute(await store.rollups.dirtyBuckets(10_000));
    }

    const author = (id: string, followers: number) => ({
      id,
      handle: id,
      name: null,
      followers,
      verified: false,
      location: null,
    });

    /** A small week: two countries, two platforms, repeat authors, topics and a campaign. */
    const WEEK = [
      { post: { externalId: '1', author: author('a1', 100), createdAt: '2026-11-02T10:05:00Z' }, facts: { sentiment: 'N', country: 'HN', topics: ['femicidio'], misogyny: true } },
      { post: { externalId: '2', author: author('a1', 150), createdAt: '2026-11-02T10:40:00Z' }, facts: { sentiment: 'N', country: 'HN', topics: ['femicidio', 'homicidios'] } },
      { post: { externalId: '3', author: author('a2', 1000), createdAt: '2026-11-02T11:00:00Z', metrics: { likes: 10, reposts: 5, replies: 2, quotes: 1, views: 500, observedAt: '2026-11-02T12:00:00Z' } }, facts: { sentiment: 'P', country: 'GT', campaigns: ['nounamenos'] } },
      { post: { externalId: '4', platform: 'bluesky' as const, author: author('b1', 20), createdAt: '2026-11-03T08:00:00Z' }, facts: { sentiment: 'NEU', country: 'GT', topics: ['extorsion'], hate: true } },
      { post: { externalId: '5', author: author('a3', 5), createdAt: '2026-11-05T23:59:59Z' }, facts: { lang: 'other', sentiment: 'NEU' } },
      { post: { externalId: '6', author: author('a2', 900), createdAt: '2026-10-30T12:00:00Z' }, facts: { sentiment: 'P', country: 'GT' } },
    ] satisfies { post: Parameters<typeof makePost>[0]; facts: EnrichmentFacts }[];

    describe('posts', () => {
      it('is idempotent by platform and externalId', async () => {
        const posts = [makePost({ externalId: '1' }), makePost({ externalId: '2' }), makePost({ externalId: '1', platform: 'bluesky' })];
        const first = await store.posts.upsert(posts);
        expect(first).toMatchObject({ inserted: 3, duplicates: 0 });
        expect(first.insertedIds).toEqual(['mastodon:1', 'mastodon:2', 'bluesky:1']);
        const second = await store.posts.upsert(posts);
        expect(second).toMatchObject({ inserted: 0, duplicates: 3, insertedIds: [] });
        expect(await store.posts.count()).toBe(3);
      });

      it('refreshes metrics only from a newer observation and keeps text and analysis', async () => {
        await store.posts.upsert([makePost({ externalId: '1', text: 'original' })]);
        await store.posts.saveEnrichments([{ id: 'mastodon:1', enrichment: makeEnrichment({ sentiment: 'P' }) }]);
        await store.rollups.recompute(await store.rollups.dirtyBuckets(100));
        const newer = makePost({
          externalId: '1',
          text: 'edited',
          metrics: { likes: 50, reposts: 3, replies: 0, quotes: 0, views: 10, observedAt: '2026-11-03T00:00:00.000Z' },
        });
        await store.posts.upsert([newer]);
        const stored = await store.posts.get('mastodon:1');
        expect(stored?.text).toBe('original');
        expect(stored?.metrics.likes).toBe(50);
        expect(stored?.enrichment?.sentiment.label).toBe('P');
        expect(await store.rollups.dirtyBuckets(10)).toEqual([Date.parse('2026-11-02T10:00:00Z')]);
        const older = makePost({
          externalId: '1',
          metrics: { likes: 2, reposts: 0, replies: 0, quotes: 0, views: null, observedAt: '2026-11-02T00:00:00.000Z' },
        });
        await store.posts.upsert([older]);
        expect((await store.posts.get('mastodon:1'))?.metrics.likes).toBe(50);
      });

      it('lists posts pending enrichment oldest first, including other analyser versions', async () => {
        await store.posts.upsert([
          makePost({ externalId: 'late', createdAt: '2026-11-04T00:00:00Z' }),
          makePost({ externalId: 'early', createdAt: '2026-11-01T00:00:00Z' }),
          makePost({ externalId: 'done', createdAt: '2026-11-02T00:00:00Z' }),
        ]);
        await store.posts.saveEnrichments([{ id: 'mastodon:done', enrichment: makeEnrichment({ version: 'v1' }) }]);
        expect((await store.posts.pendingEnrichment(10, 'v1')).map((p) => p.id)).toEqual(['mastodon:early', 'mastodon:late']);
        expect(await store.posts.countPendingEnrichment('v1')).toBe(2);
        expect((await store.posts.pendingEnrichment(10, 'v2')).map((p) => p.id)).toContain('mastodon:done');
        expect(await store.posts.countPendingEnrichment('v2')).toBe(3);
        expect(await store.posts.getMany(['mastodon:late', 'missing', 'mastodon:early'])).toMatchObject([
          { id: 'mastodon:late' },
          { id: 'mastodon:early' },
        ]);
      });
    });

    describe('rollups', () => {
      it('recomputes touched buckets from posts, idempotently, and clears the dirty marks', async () => {
        await seed(WEEK);
        expect(await store.rollups.dirtyBuckets(10)).toEqual([]);
        const day = filter({ from: '2026-11-02', to: '2026-11-02' });
        const before = await store.rollups.list(day, 'day');
        await store.rollups.recompute([Date.parse('2026-11-02T10:00:00Z')]);
        const after = await store.rollups.list(day, 'day');
        expect(after).toEqual(before);
        const hn = before.find((r) => r.country === 'HN' && r.platform === 'mastodon' && r.lang === 'es');
        expect(hn).toMatchObject({ posts: 2, authors: 1, potentialReach: 150, misogyny: 1, sentimentN: 2, analysed: 2 });
        const femicidio = await store.rollups.list(filter({ from: '2026-11-02', to: '2026-11-02', topic: 'femicidio' }), 'hour');
        expect(femicidio).toHaveLength(1);
        expect(femicidio[0]).toMatchObject({ bucket: '2026-11-02T10:00:00.000Z', topic: 'femicidio', campaign: '*', posts: 2 });
      });

      it('re-aggregates when a post is re-enriched with other labels', async () => {
        await seed(WEEK);
        await store.posts.saveEnrichments([{ id: 'mastodon:1', enrichment: makeEnrichment({ sentiment: 'P', country: 'HN' }) }]);
        await store.rollups.recompute(await store.rollups.dirtyBuckets(100));
        const series = await store.analytics.series(filter({ from: '2026-11-02', to: '2026-11-02', topic: 'femicidio' }), 'day');
        expect(series[0]).toMatchObject({ posts: 1, sentiment: { P: 0, NEU: 0, N: 1 } });
      });
    });

    describe('analytics', () => {
      it('computes exact KPIs with distinct authors and reach', async () => {
        await seed(WEEK);
        const kpis = await store.analytics.kpis(filter());
        expect(kpis).toMatchObject({
          posts: 5,
          authors: 4,
          interactions: 4 + 18,
          potentialReach: 150 + 1000 + 20 + 5,
          impressions: 500,
          sentiment: { P: 1, NEU: 2, N: 2 },
          analysed: 4,
          misogyny: 1,
          hate: 1,
          misogynyRate: 25,
          hateRate: 25,
          netSentiment: -33.3,
        });
      });

      it.each([
        [{ country: 'GT' }, 2],
        [{ country: 'GT,HN' }, 4],
        [{ platform: 'bluesky' }, 1],
        [{ topic: 'femicidio' }, 2],
        [{ topic: ['femicidio', 'extorsion'] }, 3],
        [{ campaign: 'nounamenos' }, 1],
        [{ lang: 'other' }, 1],
        [{ from: '2026-10-30', to: '2026-10-30' }, 1],
      ])('filters KPIs by %o', async (overrides, posts) => {
        await seed(WEEK);
        expect((await store.analytics.kpis(filter(overrides))).posts).toBe(posts);
      });

      it('returns a daily series with every day of the range, from rollups or posts alike', async () => {
        await seed(WEEK);
        const series = await store.analytics.series(filter(), 'day');
        expect(series.map((p) => p.posts)).toEqual([0, 3, 1, 0, 1, 0, 0]);
        expect(series[1]).toMatchObject({ bucket: '2026-11-02T00:00:00.000Z', authors: 2, potentialReach: 1150, netSentiment: -33.3 });
        const single = await store.analytics.series(filter({ topic: 'femicidio' }), 'day');
        const multi = await store.analytics.series(filter({ topic: 'femicidio,homicidios' }), 'day');
        expect(multi).toEqual(single);
        const hourly = await store.analytics.series(filter({ from: '2026-11-02', to: '2026-11-02' }), 'hour');
        expect(hourly).toHaveLength(24);
        expect(hourly[10]?.posts).toBe(2);
        expect(hourly[11]?.posts).toBe(1);
      });
    });

    describe('records', () => {
      const now = '2026-11-02T00:00:00.000Z';
      it('keeps sources, campaigns and settings', async () => {
        const source = {
          id: 'masto-femicidio', name: 'Mastodon #femicidio', kind: 'mastodon' as const,
          query: { hashtags: ['femicidio'], keywords: [], handles: [], channel: null, language: null, countries: [] },
          baseUrl: null, everyMinutes: 15, enabled: true, credential: null, cursor: { sinceId: '42' },
          status: 'ok' as const, lastRunAt: now, lastSuccessAt: now, lastError: null, runs: [], gaps: [],
          quotaUsed: 0, createdAt: now, updatedAt: now,
        };
        await store.sources.save(source);
        await store.sources.save({ ...source, cursor: { sinceId: '43' } });
        expect(await store.sources.list()).toEqual([{ ...source, cursor: { sinceId: '43' } }]);
        expect(await store.sources.delete('masto-femicidio')).toBe(true);
        expect(await store.sources.get('masto-femicidio')).toBeNull();
        const campaign = {
          id: 'nounamenos', name: 'Ni una menos', description: '', hashtags: ['NiUnaMenos'], handles: [],
          keywords: [], countries: ['HN' as const], startDate: '2026-11-01', endDate: null, launchDate: null,
          createdAt: now, updatedAt: now,
        };
        await store.campaigns.save(campaign);
        expect(await store.campaigns.get('nounamenos')).toEqual(campaign);
        await store.settings.set('lexicon.version', { n: 3 });
        expect(await store.settings.get('lexicon.version')).toEqual({ n: 3 });
        expect(await store.settings.get('missing')).toBeNull();
      });

      it('de-duplicates alerts by rule and bucket', async () => {
        const alert = {
          id: 'al1', ruleId: 'hn-misogyny', bucket: now, severity: 'high' as const, observed: 40,
          expected: 10, score: 5, message: 'Pico', createdAt: now, acknowledgedAt: null, delivered: false,
        };
        expect(await store.alerts.insert(alert)).toBe(true);
        expect(await store.alerts.insert({ ...alert, id: 'al2' })).toBe(false);
        await store.alerts.update({ ...alert, delivered: true });
        expect(await store.alerts.list(10)).toEqual([{ ...alert, delivered: true }]);
      });

      it('finds users by e-mail regardless of case, and keeps annotations and briefs', async () => {
        const user = {
          id: 'u1', email: 'Ana@Example.org', name: 'Ana', role: 'analyst' as const, passwordHash: 'x',
          locale: 'es' as const, createdAt: now, lastLoginAt: null,
        };
        await store.users.save(user);
        expect(await store.users.getByEmail('ana@example.org')).toEqual(user);
        await expect(store.users.save({ ...user, id: 'u2', email: 'ANA@example.org' })).rejects.toThrow(ConflictError);
        await store.users.save({ ...user, name: 'Ana María' });
        expect((await store.users.get('u1'))?.name).toBe('Ana María');
        await store.annotations.add({ id: 'n1', postId: 'mastodon:1', userId: 'u1', labels: { sentiment: 'N' }, note: null, createdAt: now });
        expect(await store.annotations.listForPost('mastodon:1')).toHaveLength(1);
        const brief = {
          id: 'b1', week: '2026-W45', from: '2026-11-02', to: '2026-11-08', locale: 'es' as const,
          scope: { countries: [], campaigns: [] }, bytes: 4, createdAt: now,
        };
        await store.briefs.save(brief, Buffer.from('%PDF'));
        const stored = await store.briefs.get('b1');
        expect(stored?.brief).toEqual(brief);
        expect(Buffer.from(stored!.pdf).toString()).toBe('%PDF');
      });
    });
  });
}
