import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostFilter } from '../../../models/filter.js';
import type { Store } from '../../../models/store.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { makeEnrichment, makePost } from '../../support/factories.js';

const filter = (overrides: Record<string, unknown> = {}) =>
  PostFilter.parse({ from: '2026-11-01', to: '2026-11-07', ...overrides });

/**
 * A word in over a thousand posts is searched by walking the filter's range on the covering
 * index (not by reading every match's row): same order, filters and cursor as a rare word.
 */
describe('SQLite search of a common word', () => {
  let store: Store;
  beforeEach(async () => {
    store = await createSqliteStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('pages newest first, filtered, like a rare word', async () => {
    // Two posts every 14 minutes from Oct 28 (a part before the filter); a third in GT, the
    // rest in HN; 'policía' in all but every fifth (1,040 matches).
    const many = Array.from({ length: 1_300 }, (_, i) => ({
      externalId: `c${String(i).padStart(4, '0')}`,
      text: i % 5 === 0 ? 'Tráfico lento en el centro' : `La Policía informa del caso ${i}`,
      createdAt: new Date(
        Date.parse('2026-10-28T00:00:00Z') + Math.floor(i / 2) * 14 * 60_000,
      ).toISOString(),
      country: i % 3 === 0 ? ('GT' as const) : ('HN' as const),
    }));
    await store.posts.upsert(many.map(({ country: _, ...post }) => makePost(post)));
    await store.posts.saveEnrichments(
      many.map((p) => ({
        id: `mastodon:${p.externalId}`,
        enrichment: makeEnrichment({ country: p.country }),
      })),
    );
    const start = Date.parse('2026-11-01T00:00:00Z');
    const newestFirst = (rows: typeof many) =>
      rows
        .filter((p) => Date.parse(p.createdAt) >= start)
        .map((p) => ({ id: `mastodon:${p.externalId}`, ms: Date.parse(p.createdAt) }))
        .sort((a, b) => b.ms - a.ms || (a.id < b.id ? 1 : -1))
        .map((p) => p.id);
    const pages: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const result: Awaited<ReturnType<Store['analytics']['search']>> =
        await store.analytics.search({
          filter: filter({ country: 'HN' }),
          q: 'POLICIA',
          limit: 25,
          cursor,
        });
      pages.push(...result.posts.map((p) => p.id));
      cursor = result.next;
    }
    expect(pages).toEqual(
      newestFirst(many.filter((_, i) => i % 5 !== 0 && i % 3 !== 0)).slice(0, 75),
    );
    const rare = await store.analytics.search({
      filter: filter(),
      q: 'tráfico centro',
      limit: 5,
      cursor: null,
    });
    expect(rare.posts.map((p) => p.id)).toEqual(
      newestFirst(many.filter((_, i) => i % 5 === 0)).slice(0, 5),
    );
  });
});
