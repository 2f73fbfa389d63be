/**
 * The prepared path of `saveEnrichments` (an enrichment thread's `prepareEnrichment` results,
 * store/prepare.ts) stores exactly what the plain path stores, in both adapters: the same
 * analysis JSON, facets, topics, campaigns, entities and dirty buckets, on a first analysis and
 * on a re-analysis.
 */
import { describe, expect, it } from 'vitest';
import { postEntities } from '../../../analytics/entities.js';
import { applyCorrection } from '../../../models/corrections.js';
import type { Enrichment } from '../../../models/enrichment.js';
import { postFacets } from '../../../models/facets.js';
import type { Post } from '../../../models/post.js';
import type { EnrichmentItem, PostRepository } from '../../../models/store.js';
import { loadAnalyzer } from '../../../nlp/analyze.js';
import { COLLECTIONS } from '../../../store/mongo/collections.js';
import { MongoPosts } from '../../../store/mongo/posts.js';
import { decodeEnrichment } from '../../../store/enrichment-codec.js';
import { prepareEnrichment } from '../../../store/prepare.js';
import { openDatabase, type Db } from '../../../store/sqlite/database.js';
import { SqlitePosts } from '../../../store/sqlite/posts.js';
import { enrichmentsOf } from '../../../workers/enrichment.js';
import { analysisInput } from '../../../workers/processors/enrich.js';
import { makeCampaign, makePost } from '../../support/factories.js';
import { MingoDb } from '../../support/mingo-db.js';

const analyzer = await loadAnalyzer();
const AT = '2026-11-28T12:00:00.000Z';
const TEXTS = [
  'Otra mujer asesinada en San Pedro Sula, basta de feminicidios #NiUnaMenos @PoliciaHN https://example.org/a/',
  'Qué alegría ver el parque lleno de familias en Tegucigalpa',
  'Belize City police report a robbery on Albert Street last night',
  'Las maras cobran extorsión a los buses de la capital, nadie hace nada #Seguridad',
  'Bom dia a todos, que lindo dia',
  'Las mujeres no sirven para mandar, que se callen',
];

const posts: Post[] = Array.from({ length: 60 }, (_, i) =>
  makePost({
    externalId: `p${i}`,
    text: `${TEXTS[i % TEXTS.length]} ${i}`,
    createdAt: new Date(Date.UTC(2026, 10, 1 + (i % 3), i % 24, i)).toISOString(),
    hashtags: i % 4 === 0 ? ['#NiUnaMenos', '#Guatemala'] : [],
    mentions: i % 5 === 0 ? ['@PoliciaHN'] : [],
    links: i % 6 === 0 ? ['https://example.org/a/', 'https://example.org/b'] : [],
    place: i % 7 === 0 ? { country: 'GT', admin1: i % 2 === 0 ? 'Guatemala' : null } : null,
    campaignIds: i % 8 === 0 ? ['importada'] : [],
  }),
);
const CAMPAIGNS = [makeCampaign()];
const ids = posts.map((post) => `mastodon:${post.externalId}`);
const first = await enrichmentsOf(
  analyzer,
  posts.map((post, i) => analysisInput({ ...post, id: ids[i]!, enrichment: null }, CAMPAIGNS)),
  AT,
);
/** A re-analysis: other labels, an analyst's country, another version. */
const second: Enrichment[] = first.map((enrichment, i) => ({
  ...applyCorrection(enrichment, i % 2 === 0 ? { sentiment: 'N', country: 'SV' } : { topics: ['violencia-genero'] }),
  version: 'next',
}));

type Mode = 'plain' | 'prepared' | 'both';
const itemsOf = (enrichments: Enrichment[], mode: Mode): EnrichmentItem[] =>
  enrichments.map((enrichment, i) => {
    const prepared = prepareEnrichment(posts[i]!, enrichment);
    const id = ids[i]!;
    if (mode === 'plain') return { id, enrichment };
    return mode === 'prepared' ? { id, prepared } : { id, enrichment, prepared };
  });

describe('prepareEnrichment', () => {
  it('is the stored analysis, the analysed facets and the entities of the post', () => {
    for (const [i, enrichment] of [...first, ...second].entries()) {
      const post = posts[i % posts.length]!;
      const { interactions: _i, followers: _f, views: _v, ...facets } = postFacets(post, enrichment);
      const prepared = prepareEnrichment(post, enrichment);
      // The stored text gives the analysis back; the facets are the post's, metrics aside.
      expect(decodeEnrichment(prepared.json)).toEqual(enrichment);
      expect({ ...prepared, json: undefined }).toEqual({
        json: undefined,
        facets: {
          ...facets,
          version: enrichment.version,
          misogynyCategory: facets.misogyny ? enrichment.misogyny.category : null,
        },
        entities: postEntities(post),
      });
    }
    // The sample covers what the facets and entities depend on.
    const all = first.map((enrichment, i) => prepareEnrichment(posts[i]!, enrichment));
    expect(all.some((p) => p.facets.campaigns.includes('importada'))).toBe(true);
    expect(all.some((p) => p.facets.campaigns.includes('niunamenos'))).toBe(true);
    expect(all.some((p) => p.facets.admin1 !== null)).toBe(true);
    expect(all.some((p) => p.facets.misogyny === 1)).toBe(true);
    expect(all.some((p) => p.entities.link.length > 0 && p.entities.mention.length > 0)).toBe(true);
    expect(new Set(all.map((p) => p.facets.lang))).toEqual(new Set(['es', 'en']));
  });
});

/** Every row saveEnrichments writes, in a stable order. */
function sqliteRows(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    posts: all(
      `SELECT id, enrichment, analyzer_version, country, admin1, lang, sentiment, emotion, misogyny,
         hate, misogyny_category, interactions, followers, views FROM posts ORDER BY id`,
    ),
    topics: all('SELECT * FROM post_topics ORDER BY post_rowid, topic'),
    campaigns: all('SELECT * FROM post_campaigns ORDER BY post_rowid, campaign'),
    entities: all('SELECT * FROM post_entities ORDER BY post_rowid, kind, value'),
    dirty: all('SELECT * FROM dirty_buckets ORDER BY hour_ms'),
  };
}

async function sqlite(mode: Mode) {
  const db = openDatabase(':memory:');
  const repository: PostRepository = new SqlitePosts(db);
  await repository.upsert(posts);
  await repository.saveEnrichments([...itemsOf(first, mode), { id: 'mastodon:missing', prepared: prepareEnrichment(posts[0]!, first[0]!) }]);
  const afterFirst = sqliteRows(db);
  db.prepare('DELETE FROM dirty_buckets').run();
  await repository.saveEnrichments(itemsOf(second, mode));
  const stored = await repository.getMany(ids);
  return { afterFirst, afterSecond: sqliteRows(db), stored };
}

async function mongo(mode: Mode) {
  const db = new MingoDb();
  const repository: PostRepository = new MongoPosts(db);
  await repository.upsert(posts);
  const rows = async () => ({
    posts: await db.collection(COLLECTIONS.posts).find({}, { sort: { _id: 1 } }).toArray(),
    dirty: await db.collection(COLLECTIONS.dirtyBuckets).find({}, { sort: { _id: 1 } }).toArray(),
  });
  await repository.saveEnrichments([...itemsOf(first, mode), { id: 'mastodon:missing', prepared: prepareEnrichment(posts[0]!, first[0]!) }]);
  const afterFirst = await rows();
  await repository.saveEnrichments(itemsOf(second, mode));
  const stored = await repository.getMany(ids);
  return { afterFirst, afterSecond: await rows(), stored };
}

describe('saveEnrichments with prepared analyses', () => {
  it('SQLite stores the same rows as with plain ones, on first analysis and re-analysis', async () => {
    const plain = await sqlite('plain');
    expect(plain.afterFirst.entities.length).toBeGreaterThan(posts.length);
    expect(plain.afterFirst.topics.length).toBeGreaterThan(0);
    expect(plain.afterFirst.campaigns.length).toBeGreaterThan(0);
    expect(plain.afterSecond.posts).not.toEqual(plain.afterFirst.posts);
    expect(plain.stored.map((post) => post.enrichment)).toEqual(second.map((e) => JSON.parse(JSON.stringify(e)) as unknown));
    expect(await sqlite('prepared')).toEqual(plain);
    expect(await sqlite('both')).toEqual(plain);
  });

  it('MongoDB stores the same documents as with plain ones, on first analysis and re-analysis', async () => {
    const plain = await mongo('plain');
    expect(plain.afterFirst.dirty.length).toBeGreaterThan(0);
    expect(plain.stored.map((post) => post.enrichment)).toEqual(second.map((e) => JSON.parse(JSON.stringify(e)) as unknown));
    expect(await mongo('prepared')).toEqual(plain);
    expect(await mongo('both')).toEqual(plain);
  });
});
