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

      it('lists the analysed posts of a time range, oldest first, a page after another', async () => {
        await store.posts.upsert([
          makePost({ externalId: 'b', createdAt: '2026-11-02T10:00:00Z' }),
          makePost({ externalId: 'a', createdAt: '2026-11-02T10:00:00Z' }),
          makePost({ externalId: 'c', createdAt: '2026-11-03T00:00:00Z' }),
          makePost({ externalId: 'out', createdAt: '2026-11-05T00:00:00Z' }),
          makePost({ externalId: 'pending', createdAt: '2026-11-02T12:00:00Z' }),
        ]);
        await store.posts.saveEnrichments(['a', 'b', 'c', 'out'].map((id) => ({ id: `mastodon:${id}`, enrichment: makeEnrichment() })));
        const start = Date.parse('2026-11-01T00:00:00Z');
        const end = Date.parse('2026-11-04T00:00:00Z');
        const first = await store.posts.analysedIdsBetween(start, end, null, 2);
        expect(first.map((r) => r.id)).toEqual(['mastodon:a', 'mastodon:b']);
        const rest = await store.posts.analysedIdsBetween(start, end, first[1]!, 2);
        expect(rest).toEqual([{ id: 'mastodon:c', createdMs: Date.parse('2026-11-03T00:00:00Z') }]);
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

      it('breaks down by department within its country: same-named departments stay apart', async () => {
        await seed([
          { post: { externalId: 'd1', author: author('d', 10), createdAt: '2026-11-01T09:00:00Z' }, facts: { country: 'SV', admin1: 'La Paz' } },
          { post: { externalId: 'd2', author: author('e', 10), createdAt: '2026-11-01T10:00:00Z' }, facts: { country: 'SV', admin1: 'La Paz' } },
          { post: { externalId: 'd3', author: author('d', 10), createdAt: '2026-11-02T09:00:00Z' }, facts: { country: 'HN', admin1: 'La Paz' } },
          { post: { externalId: 'd4', author: author('f', 10), createdAt: '2026-11-02T10:00:00Z' }, facts: { country: 'HN' } },
        ]);
        const rows = await store.analytics.breakdown(filter(), 'admin1');
        expect(rows.map((r) => [r.value, r.posts, r.authors])).toEqual([['SV:La Paz', 2, 2], ['', 1, 1], ['HN:La Paz', 1, 1]]);
        expect((await store.analytics.breakdown(filter({ country: 'HN' }), 'admin1')).map((r) => r.value)).toEqual(['', 'HN:La Paz']);
      });

      it('counts an author once over days, countries and topics, with their largest follower count', async () => {
        await seed([
          { post: { externalId: 'm1', author: author('m', 100), createdAt: '2026-11-01T09:00:00Z' }, facts: { country: 'HN', topics: ['robo'] } },
          { post: { externalId: 'm2', author: author('m', 300), createdAt: '2026-11-03T09:00:00Z' }, facts: { country: 'GT', topics: ['robo', 'trata'] } },
          { post: { externalId: 'm3', author: author('m', 200), createdAt: '2026-11-06T09:00:00Z' }, facts: { country: 'GT' } },
          { post: { externalId: 'n1', author: author('n', 7), createdAt: '2026-11-06T10:00:00Z' }, facts: { country: 'GT', campaigns: ['c1'] } },
          { post: { externalId: 'o1', author: author('o', 5000), createdAt: '2026-10-31T10:00:00Z' }, facts: { country: 'GT' } },
        ]);
        expect(await store.analytics.kpis(filter())).toMatchObject({ posts: 4, authors: 2, potentialReach: 307 });
        expect(await store.analytics.kpis(filter({ country: 'GT' }))).toMatchObject({ posts: 3, authors: 2, potentialReach: 307 });
        expect(await store.analytics.kpis(filter({ topic: 'robo' }))).toMatchObject({ posts: 2, authors: 1, potentialReach: 300 });
        expect(await store.analytics.kpis(filter({ campaign: 'c1' }))).toMatchObject({ posts: 1, authors: 1, potentialReach: 7 });
        expect(await store.analytics.kpis(filter({ from: '2026-10-31', to: '2026-11-01' }))).toMatchObject({ authors: 2, potentialReach: 5100 });
        const byCountry = await store.analytics.breakdown(filter(), 'country');
        expect(byCountry.map((r) => [r.value, r.posts, r.authors, r.potentialReach])).toEqual([['GT', 3, 2, 307], ['HN', 1, 1, 100]]);
        const byTopic = await store.analytics.breakdown(filter(), 'topic');
        expect(byTopic.map((r) => [r.value, r.posts, r.authors, r.potentialReach])).toEqual([['robo', 2, 1, 300], ['trata', 1, 1, 300]]);
        // Re-analysed into another country: the next aggregation moves the author.
        await store.posts.saveEnrichments([{ id: 'mastodon:m1', enrichment: makeEnrichment({ country: 'GT' }) }]);
        await store.rollups.recompute(await store.rollups.dirtyBuckets(100));
        expect((await store.analytics.breakdown(filter(), 'country')).map((r) => [r.value, r.authors, r.potentialReach])).toEqual([['GT', 2, 307]]);
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

    describe('analytics queries', () => {
      const TEXTS = [
        { post: { externalId: 't1', author: author('a1', 100), createdAt: '2026-11-02T10:00:00Z', text: 'Otra mujer desaparecida en San Pedro Sula #NiUnaMenos', hashtags: ['NiUnaMenos'], mentions: ['PNC_SV'], links: ['https://example.org/nota/'], metrics: { likes: 5, reposts: 0, replies: 0, quotes: 0, views: null, observedAt: '2026-11-02T12:00:00Z' } }, facts: { sentiment: 'N', country: 'HN', topics: ['desapariciones'], misogyny: true, campaigns: ['nounamenos'] } },
        { post: { externalId: 't2', author: author('a2', 20_000), createdAt: '2026-11-02T11:00:00Z', text: 'Búsqueda de la joven desaparecida: la policía pide ayuda #niunamenos #Búsqueda', hashtags: ['niunamenos', 'Búsqueda'], metrics: { likes: 50, reposts: 10, replies: 0, quotes: 0, views: 900, observedAt: '2026-11-02T12:00:00Z' } }, facts: { sentiment: 'NEU', country: 'HN', topics: ['desapariciones', 'policia_justicia'], campaigns: ['nounamenos'] } },
        { post: { externalId: 't3', platform: 'rss' as const, author: author('laprensa', 50), createdAt: '2026-11-03T09:00:00Z', text: 'La policía encontró a la joven', hashtags: [], metrics: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null, observedAt: '2026-11-03T12:00:00Z' } }, facts: { sentiment: 'P', country: 'HN', campaigns: ['nounamenos'] } },
        { post: { externalId: 't4', author: author('a3', 10), createdAt: '2026-11-04T09:00:00Z', text: 'Extorsión a buses en Guatemala, otra vez la policía', hashtags: ['extorsion'] }, facts: { sentiment: 'N', country: 'GT', topics: ['extorsion'], hate: true } },
        { post: { externalId: 't5', platform: 'bluesky' as const, author: author('b1', 300), createdAt: '2026-11-04T09:00:00Z', text: 'Nada que ver: receta de pupusas', hashtags: [] }, facts: { sentiment: 'P', lang: 'other' } },
      ] satisfies { post: Parameters<typeof makePost>[0]; facts: EnrichmentFacts }[];
      const rssAuthor = { ...author('laprensa', 50), handle: 'LaPrensa.hn' };
      const rows = TEXTS.map((r) => (r.post.externalId === 't3' ? { ...r, post: { ...r.post, author: rssAuthor } } : r));
      const campaign = {
        id: 'nounamenos', name: 'Ni una menos', description: '', hashtags: ['NiUnaMenos'], handles: [], keywords: [],
        countries: [], startDate: '2026-11-02', endDate: '2026-11-04', launchDate: null,
        createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
      };

      it("spells a hashtag the newest posts do not carry from its own posts", async () => {
        const old = Array.from({ length: 10 }, (_, i) => ({
          post: { externalId: `k${i}`, author: author(`k${i}`, 10), createdAt: `2026-11-02T0${i % 10}:00:00Z`, text: `Exigimos justicia #JusticiaParaKarla ${i}`, hashtags: ['JusticiaParaKarla'] },
          facts: { country: 'HN' as const },
        }));
        // 300 newer posts (the sample read to learn spellings) without it.
        const newer = Array.from({ length: 300 }, (_, i) => ({
          post: { externalId: `n${i}`, author: author(`n${i % 50}`, 10), createdAt: new Date(Date.parse('2026-11-03T00:00:00Z') + i * 60_000).toISOString(), text: `Tráfico en la ciudad número ${i}`, hashtags: [] },
          facts: { country: 'HN' as const },
        }));
        // More than 200 later posts elsewhere carry it too (lower-case): the lookup reads the
        // filter's own posts, not only the value's latest matches.
        const elsewhere = Array.from({ length: 210 }, (_, i) => ({
          post: { externalId: `e${i}`, author: author(`e${i % 50}`, 10), createdAt: new Date(Date.parse('2026-11-04T00:00:00Z') + i * 60_000).toISOString(), text: `Compartan #justiciaparakarla ${i}`, hashtags: ['justiciaparakarla'] },
          facts: { country: 'SV' as const },
        }));
        await seed([...old, ...newer, ...elsewhere]);
        expect(await store.analytics.topEntities(filter({ country: 'HN' }), 'hashtag', 3)).toEqual([{ value: 'JusticiaParaKarla', posts: 10, interactions: 10 }]);
      });

      it('breaks KPIs down by any dimension, exactly', async () => {
        await seed(rows);
        const byCountry = await store.analytics.breakdown(filter(), 'country');
        expect(byCountry.map((r) => [r.value, r.posts, r.authors])).toEqual([['HN', 3, 3], ['', 1, 1], ['GT', 1, 1]]);
        expect(byCountry[0]).toMatchObject({ misogyny: 1, misogynyRate: 33.3, netSentiment: 0, interactions: 65 });
        const byTopic = await store.analytics.breakdown(filter(), 'topic');
        expect(byTopic.map((r) => [r.value, r.posts])).toEqual([['desapariciones', 2], ['extorsion', 1], ['policia_justicia', 1]]);
        expect((await store.analytics.breakdown(filter(), 'misogynyCategory')).map((r) => [r.value, r.posts])).toEqual([['stereotyping-dominance', 1]]);
        expect((await store.analytics.breakdown(filter({ country: 'HN' }), 'platform', 1)).map((r) => r.value)).toEqual(['mastodon']);
        expect((await store.analytics.breakdown(filter(), 'campaign')).map((r) => [r.value, r.posts])).toEqual([['nounamenos', 3]]);
        expect((await store.analytics.breakdown(filter(), 'emotion'))[0]).toMatchObject({ value: 'others', posts: 5, emotions: { others: 5 } });
        expect((await store.analytics.breakdown(filter(), 'admin1')).map((r) => [r.value, r.posts])).toEqual([['', 5]]);
      });

      it('lists top hashtags, mentions, links and terms, counted folded and shown as people spell them, with default and other filters', async () => {
        await seed(rows);
        expect(await store.analytics.topEntities(filter(), 'hashtag', 2)).toEqual([
          // "#NiUnaMenos" and "#niunamenos" once each: the tie goes to the careful spelling.
          { value: 'NiUnaMenos', posts: 2, interactions: 65 },
          { value: 'Búsqueda', posts: 1, interactions: 60 },
        ]);
        expect(await store.analytics.topEntities(filter(), 'mention', 5)).toEqual([{ value: 'pnc_sv', posts: 1, interactions: 5 }]);
        expect(await store.analytics.topEntities(filter(), 'link', 5)).toEqual([{ value: 'https://example.org/nota', posts: 1, interactions: 5 }]);
        const terms = await store.analytics.topEntities(filter(), 'term', 3);
        expect(terms.map((t) => [t.value, t.posts])).toEqual([['policía', 3], ['desaparecida', 2], ['joven', 2]]);
        const hn = await store.analytics.topEntities(filter({ country: 'HN' }), 'term', 1);
        const rssHn = await store.analytics.topEntities(filter({ country: 'HN', platform: 'rss' }), 'term', 1);
        expect(hn).toEqual([{ value: 'desaparecida', posts: 2, interactions: 65 }]);
        expect(rssHn).toEqual([{ value: 'encontró', posts: 1, interactions: 0 }]);
        // A hashtag no text spells (the collector gave it apart from the text) stays as stored.
        expect(await store.analytics.topEntities(filter({ topic: 'extorsion' }), 'hashtag', 5)).toEqual([{ value: 'extorsion', posts: 1, interactions: 1 }]);
      });

      it('ranks authors and posts; only allow-listed accounts show their handle', async () => {
        await seed(rows);
        const byReach = await store.analytics.topAuthors(filter(), 'reach', 2);
        expect(byReach).toEqual([
          { id: 'a2', platform: 'mastodon', public: false, handle: null, name: null, kind: null, posts: 1, interactions: 60, followers: 20_000 },
          { id: 'b1', platform: 'bluesky', public: false, handle: null, name: null, kind: null, posts: 1, interactions: 1, followers: 300 },
        ]);
        const all = await store.analytics.topAuthors(filter(), 'interactions', 10);
        expect(all.map((a) => a.id)).toEqual(['a2', 'a1', 'b1', 'a3', 'laprensa']);
        expect(all.at(-1)).toMatchObject({ public: true, handle: 'LaPrensa.hn', name: 'La Prensa (Honduras)', kind: 'media' });
        const posts = await store.analytics.topPosts(filter(), 3);
        expect(posts.map((p) => p.id)).toEqual(['mastodon:t2', 'mastodon:t1', 'bluesky:t5']);
        expect(posts[0]).toMatchObject({ createdAt: '2026-11-02T11:00:00.000Z', interactions: 60, views: 900, country: 'HN', sentiment: 'NEU', misogyny: false, author: { id: 'a2', public: false, handle: null } });
      });

      it('searches posts by the labels of their analysis, alone or with words', async () => {
        await seed(rows);
        const q = async (labels: Record<string, unknown>, text = '') =>
          (await store.analytics.search({ filter: filter(), labels: { sentiment: [], emotion: [], ...labels }, q: text, limit: 20, cursor: null })).posts.map((p) => p.id);
        expect(await q({ sentiment: ['N'] })).toEqual(['mastodon:t4', 'mastodon:t1']);
        expect(await q({ sentiment: ['P', 'NEU'] })).toEqual(['bluesky:t5', 'rss:t3', 'mastodon:t2']);
        expect(await q({ misogyny: true })).toEqual(['mastodon:t1']);
        expect(await q({ misogyny: false })).toEqual(['mastodon:t4', 'bluesky:t5', 'rss:t3', 'mastodon:t2']);
        expect(await q({ hate: true }, 'policia')).toEqual(['mastodon:t4']);
        expect(await q({ hate: true, sentiment: ['P'] })).toEqual([]);
        expect(await q({ emotion: ['others'], misogyny: true })).toEqual(['mastodon:t1']);
        expect(await q({ emotion: ['fear'] })).toEqual([]);
      });

      it('searches posts by words (case and accents folded, plurals and prefixes, quotes exact) with a stable cursor', async () => {
        await seed(rows);
        const q = async (text: string, overrides = {}) =>
          (await store.analytics.search({ filter: filter(overrides), q: text, limit: 20, cursor: null })).posts.map((p) => p.id);
        expect(await q('POLICIA')).toEqual(['mastodon:t4', 'rss:t3', 'mastodon:t2']);
        expect(await q('policía joven')).toEqual(['rss:t3', 'mastodon:t2']);
        expect(await q('niunamenos')).toEqual(['mastodon:t2', 'mastodon:t1']);
        // A word also finds the longer words it begins and a plural its singular; quotes and
        // short words ask for the whole word.
        expect(await q('desapareci')).toEqual(['mastodon:t2', 'mastodon:t1']);
        expect(await q('MUJERES')).toEqual(['mastodon:t1']);
        expect(await q('jóvenes policías')).toEqual(['rss:t3', 'mastodon:t2']);
        expect(await q('"desapareci"')).toEqual([]);
        expect(await q('"desaparecida" "joven"')).toEqual(['mastodon:t2']);
        expect(await q('pup')).toEqual([]);
        // A short word (its forms) together with another word: both must occur.
        expect(await q('la joven')).toEqual(['rss:t3', 'mastodon:t2']);
        expect(await q('joven la policia')).toEqual(['rss:t3', 'mastodon:t2']);
        expect(await q('policia', { country: 'GT' })).toEqual(['mastodon:t4']);
        const pages: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<Store['analytics']['search']>> = await store.analytics.search({ filter: filter(), q: '', limit: 2, cursor });
          pages.push(...page.posts.map((p) => p.id));
          cursor = page.next;
        } while (cursor);
        expect(pages).toEqual(['mastodon:t4', 'bluesky:t5', 'rss:t3', 'mastodon:t2', 'mastodon:t1']);
      });

      it('computes campaign KPIs per day and in total', async () => {
        await seed(rows);
        await store.campaigns.save(campaign);
        const kpis = await store.analytics.campaignKpis({ campaignId: 'nounamenos' });
        expect(kpis.total).toMatchObject({ posts: 3, authors: 3, interactions: 65, potentialReach: 20_150, influencers: 2, mediaMentions: 1, hashtags: 2, misogyny: 1, misogynyRate: 33.3, netSentiment: 0 });
        expect(kpis.days.map((d) => [d.day, d.posts, d.influencers])).toEqual([['2026-11-02', 2, 1], ['2026-11-03', 1, 1], ['2026-11-04', 0, 0]]);
        expect(kpis.topHashtags[0]).toEqual({ value: 'NiUnaMenos', posts: 2, interactions: 65 });
      });

      it('finds emerging terms and narratives, the same on every adapter', async () => {
        const burst = Array.from({ length: 12 }, (_, i) => ({
          post: { externalId: `b${i}`, author: author(`u${i}`, 10), createdAt: `2026-11-0${1 + (i % 7)}T0${i % 10}:00:00Z`, text: `Apagón masivo en Tegucigalpa barrio ${i} sin energía`, hashtags: ['apagon'] },
          facts: { country: 'HN' as const },
        }));
        const base = Array.from({ length: 12 }, (_, i) => ({
          post: { externalId: `o${i}`, author: author(`u${i}`, 10), createdAt: `2026-10-${String(5 + i).padStart(2, '0')}T08:00:00Z`, text: `Tráfico lento en bulevar número ${i} hoy`, hashtags: ['trafico'] },
          facts: { country: 'HN' as const },
        }));
        await seed([...burst, ...base]);
        const emerging = await store.analytics.emergingTerms({ filter: filter() });
        expect(emerging.map((e) => `${e.kind}:${e.value}`).slice(0, 2).sort()).toEqual(['hashtag:apagon', 'term:apagón']);
        expect(emerging[0]).toMatchObject({ count: 12, expected: 0 });
        const { narratives, sampled, other } = await store.analytics.narratives({ filter: filter() });
        expect(narratives.length).toBeGreaterThan(0);
        expect(sampled).toBe(12);
        expect(other).toBe(0);
        expect(narratives[0]!.terms).toContain('apagon');
        expect(narratives[0]!.size).toBe(12);
        expect(narratives[0]!.samples[0]!.id).toBe('mastodon:b6');
      });

      it('estimates the impact of a campaign launch on a daily metric', async () => {
        const days = Array.from({ length: 28 }, (_, d) => d);
        const posts = days.flatMap((d) =>
          Array.from({ length: 10 }, (_, i) => ({
            post: { externalId: `d${d}-${i}`, author: author(`u${i}`, 10), createdAt: new Date(Date.parse('2026-10-01T12:00:00Z') + d * 86_400_000).toISOString() },
            facts: { misogyny: i < (d < 14 ? 4 + (d % 2) : 1 + (d % 2)) },
          })),
        );
        await seed(posts);
        await store.campaigns.save({ ...campaign, startDate: '2026-10-15', endDate: null });
        const impact = await store.analytics.campaignImpact({ campaignId: 'nounamenos', metric: 'misogynyRate', daysBefore: 14, daysAfter: 14 });
        expect(impact.n).toEqual({ before: 14, after: 14 });
        expect(impact.levelChange).toBeGreaterThan(-35);
        expect(impact.levelChange).toBeLessThan(-25);
        expect(impact.ci95![1]).toBeLessThan(0);
        expect(impact.summary).toMatch(/^Tras el lanzamiento, la tasa de misoginia bajó \d+\.\d puntos \(IC 95 %: −\d+\.\d a −\d+\.\d\); es poco probable que sea casualidad, aunque otros hechos del mismo momento también pueden explicarlo\.$/);
        const short = await store.analytics.campaignImpact({ campaignId: 'nounamenos', metric: 'misogynyRate', launchDate: '2026-10-25', daysBefore: 14, daysAfter: 14 });
        expect(short.levelChange).toBeNull();
        expect(short.summary).toMatch(/^No hay datos suficientes/);
      });

      it("measures a campaign's impact on the conversation of its countries, unless asked for others", async () => {
        // Honduras: misogyny drops at the launch; Guatemala: a flat 50 %.
        const posts = Array.from({ length: 28 }, (_, d) => d).flatMap((d) =>
          Array.from({ length: 10 }, (_, i) => [
            { post: { externalId: `hn${d}-${i}`, author: author(`h${i}`, 10), createdAt: new Date(Date.parse('2026-10-01T12:00:00Z') + d * 86_400_000).toISOString() }, facts: { country: 'HN' as const, misogyny: i < (d < 14 ? 6 : 1) } },
            { post: { externalId: `gt${d}-${i}`, author: author(`g${i}`, 10), createdAt: new Date(Date.parse('2026-10-01T13:00:00Z') + d * 86_400_000).toISOString() }, facts: { country: 'GT' as const, misogyny: i < 5 } },
          ]).flat(),
        );
        await seed(posts);
        await store.campaigns.save({ ...campaign, countries: ['GT'], startDate: '2026-10-15', endDate: null });
        const query = { campaignId: 'nounamenos', metric: 'misogynyRate' as const, daysBefore: 14, daysAfter: 14 };
        const guatemala = await store.analytics.campaignImpact(query);
        expect(Math.abs(guatemala.levelChange!)).toBeLessThan(1);
        const honduras = await store.analytics.campaignImpact({ ...query, filter: filter({ country: 'HN' }) });
        expect(honduras.levelChange).toBeLessThan(-45);
        await store.campaigns.save({ ...campaign, countries: [], startDate: '2026-10-15', endDate: null });
        const region = await store.analytics.campaignImpact(query);
        expect(region.levelChange).toBeLessThan(-20);
        expect(region.levelChange).toBeGreaterThan(-30);
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
