import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../app/errors.js';
import { PostFilter } from '../../../models/filter.js';
import { uriHost } from '../../../store/mongo/connection.js';
import type { Doc } from '../../../store/mongo/db-like.js';
import { createMongoStore } from '../../../store/mongo/index.js';
import { makeEnrichment, makePost } from '../../support/factories.js';
import { MingoDb } from '../../support/mingo-db.js';

const HOUR10 = Date.parse('2026-11-02T10:00:00Z');
const filter = (overrides: Record<string, unknown> = {}) =>
  PostFilter.parse({ from: '2026-11-01', to: '2026-11-04', ...overrides });

describe('MongoDB adapter (in-memory)', () => {
  it('creates its indexes idempotently, with a Spanish text index and the unique keys', async () => {
    const db = new MingoDb();
    await (await createMongoStore({ db })).close();
    const store = await createMongoStore({ db });
    const names = (collection: string) =>
      db
        .collection(collection)
        .indexSpecs()
        .map((s) => s.name);
    expect(names('posts')).toEqual(
      expect.arrayContaining([
        'platform_externalId',
        'createdMs',
        'country_createdMs',
        'topics_createdMs',
        'campaigns_createdMs',
        'text_es',
      ]),
    );
    expect(
      db
        .collection('posts')
        .indexSpecs()
        .find((s) => s.name === 'text_es'),
    ).toMatchObject({
      key: { 'doc.text': 'text' },
      default_language: 'spanish',
    });
    expect(
      db
        .collection('alerts')
        .indexSpecs()
        .find((s) => s.unique)?.key,
    ).toEqual({ ruleId: 1, bucket: 1 });
    expect(
      db
        .collection('users')
        .indexSpecs()
        .find((s) => s.unique)?.key,
    ).toEqual({ emailLower: 1 });
    expect(store.kind).toBe('mongo');
    await store.close();
  });

  it('heals a crash between saving an analysis and marking its bucket', async () => {
    const db = new MingoDb();
    const store = await createMongoStore({ db });
    await store.posts.upsert([makePost({ externalId: '1', createdAt: '2026-11-02T10:15:00Z' })]);
    const dirty = db.collection('dirty_buckets');
    const bulkWrite = dirty.bulkWrite.bind(dirty);
    dirty.bulkWrite = async () => {
      throw new Error('process killed');
    };
    await expect(
      store.posts.saveEnrichments([
        { id: 'mastodon:1', enrichment: makeEnrichment({ sentiment: 'P' }) },
      ]),
    ).rejects.toThrow('process killed');
    dirty.bulkWrite = bulkWrite;
    expect(dirty.all()).toEqual([]);
    expect(await store.rollups.dirtyBuckets(10)).toEqual([HOUR10]);
    expect(await store.rollups.recompute([HOUR10])).toBeGreaterThan(0);
    expect(await store.rollups.dirtyBuckets(10)).toEqual([]);
    expect(dirty.all()).toEqual([]);
    expect((await store.analytics.series(filter(), 'day'))[1]).toMatchObject({
      posts: 1,
      sentiment: { P: 1 },
    });
  });

  it('keeps a bucket dirty when it is marked again while being recomputed', async () => {
    const db = new MingoDb();
    const store = await createMongoStore({ db });
    await store.posts.upsert([
      makePost({ externalId: '1', createdAt: '2026-11-02T10:15:00Z' }),
      makePost({ externalId: '2', createdAt: '2026-11-02T10:20:00Z' }),
    ]);
    await store.posts.saveEnrichments([{ id: 'mastodon:1', enrichment: makeEnrichment() }]);
    const posts = db.collection('posts');
    const aggregate = posts.aggregate.bind(posts);
    let raced = false;
    posts.aggregate = (pipeline: Doc[]) => {
      const cursor = aggregate(pipeline);
      if (raced || !('createdMs' in (pipeline[0]?.$match ?? {}))) return cursor;
      raced = true;
      // Another worker enriches post 2 after the rollup pipeline has read the bucket.
      return {
        toArray: async () => {
          const rows = await cursor.toArray();
          await store.posts.saveEnrichments([{ id: 'mastodon:2', enrichment: makeEnrichment() }]);
          return rows;
        },
      };
    };
    await store.rollups.recompute(await store.rollups.dirtyBuckets(10));
    posts.aggregate = aggregate;
    // Both the re-mark (newer version than the one recompute read) and the post's flag survive.
    expect(db.collection('dirty_buckets').all()).toMatchObject([{ _id: HOUR10 }]);
    expect(
      posts
        .all()
        .filter((p) => p.dirty)
        .map((p) => p._id),
    ).toEqual(['mastodon:2']);
    expect(await store.rollups.dirtyBuckets(10)).toEqual([HOUR10]);
    await store.rollups.recompute(await store.rollups.dirtyBuckets(10));
    expect(await store.rollups.dirtyBuckets(10)).toEqual([]);
    expect((await store.analytics.kpis(filter())).posts).toBe(2);
    expect((await store.analytics.series(filter(), 'day'))[1]?.posts).toBe(2);
  });

  it('counts a post another writer inserted first as a duplicate', async () => {
    const db = new MingoDb();
    const store = await createMongoStore({ db });
    const posts = db.collection('posts');
    const insertMany = posts.insertMany.bind(posts);
    posts.insertMany = async (docs, options) => {
      await posts.insertOne({ ...docs[0]!, observedMs: 0 });
      return insertMany(docs, options);
    };
    const result = await store.posts.upsert([
      makePost({ externalId: '1' }),
      makePost({ externalId: '2' }),
    ]);
    expect(result).toEqual({ inserted: 1, duplicates: 1, insertedIds: ['mastodon:2'] });
    expect(await store.posts.count()).toBe(2);
  });

  it('refuses a second user with the same e-mail in another case', async () => {
    const store = await createMongoStore({ db: new MingoDb() });
    const user = {
      id: 'u1',
      email: 'Ana@Example.org',
      name: 'Ana',
      role: 'analyst' as const,
      passwordHash: 'x',
      locale: 'es' as const,
      createdAt: '2026-11-02T00:00:00.000Z',
      lastLoginAt: null,
    };
    await store.users.save(user);
    await store.users.save({ ...user, name: 'Ana M.' });
    await expect(store.users.save({ ...user, id: 'u2', email: 'ANA@example.org' })).rejects.toThrow(
      /e-mail/,
    );
    expect(await store.users.list()).toEqual([{ ...user, name: 'Ana M.' }]);
  });

  it('names the host but never the password when it cannot connect', async () => {
    expect(uriHost('mongodb://user:p%40ss/w@db1:27017,db2:27018/escucha?authSource=admin')).toBe(
      'db1:27017,db2:27018',
    );
    expect(uriHost('mongodb+srv://cluster0.example.net/')).toBe('cluster0.example.net');
    const error = await createMongoStore({
      uri: 'mongodb://ana:s3cret@127.0.0.1:9/escucha',
      dbName: 'escucha',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toContain('127.0.0.1:9');
    expect((error as Error).message).toContain('MONGODB_URI');
    expect((error as Error).message).not.toContain('s3cret');
  }, 20_000);
});
