import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PostFilter } from '../../../models/filter.js';
import type { Store } from '../../../models/store.js';
import { MIGRATIONS } from '../../../store/sqlite/migrations.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { makeEnrichment, makePost } from '../../support/factories.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const author = (id: string, followers: number) => ({
  id,
  handle: id,
  name: null,
  followers,
  verified: false,
  location: null,
});

async function fill(store: Store): Promise<void> {
  const specs = [
    { id: '1', author: author('a', 10), at: '2026-11-01T10:00:00Z', country: 'HN' as const, topics: ['robo'] },
    { id: '2', author: author('a', 40), at: '2026-11-02T10:00:00Z', country: 'GT' as const, topics: [] },
    { id: '3', author: author('b', 5), at: '2026-11-02T23:00:00Z', country: 'GT' as const, topics: ['robo'] },
    { id: '4', author: author('c', 9), at: '2026-11-03T01:00:00Z', country: null, topics: [] },
  ];
  await store.posts.upsert(
    specs.map((s) => makePost({ externalId: s.id, author: s.author, createdAt: s.at, hashtags: s.id === '1' ? [] : ['#NiUnaMenos'] })),
  );
  await store.posts.saveEnrichments(
    specs.map((s) => ({
      id: `mastodon:${s.id}`,
      enrichment: makeEnrichment({ country: s.country, topics: s.topics, campaigns: s.id === '2' || s.id === '3' ? ['c1'] : [] }),
    })),
  );
  await store.rollups.recompute(await store.rollups.dirtyBuckets(100));
  await store.campaigns.save({
    id: 'c1', name: 'C1', description: '', hashtags: ['NiUnaMenos'], handles: [], keywords: [],
    countries: [], startDate: '2026-11-01', endDate: null, launchDate: null,
    createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-01T00:00:00.000Z',
  });
}

async function answers(store: Store) {
  const f = PostFilter.parse({ from: '2026-11-01', to: '2026-11-03' });
  return {
    kpis: await store.analytics.kpis(f),
    gt: await store.analytics.kpis({ ...f, country: ['GT'] }),
    byCountry: await store.analytics.breakdown(f, 'country'),
    byTopic: await store.analytics.breakdown(f, 'topic'),
    byCampaign: await store.analytics.breakdown(f, 'campaign'),
    days: await store.rollups.list(f, 'day'),
    campaign: await store.analytics.campaignKpis({ campaignId: 'c1', to: '2026-11-03' }),
    // Default filters read entity_days; a topic or a platform reads post_entities per post.
    hashtags: await store.analytics.topEntities(f, 'hashtag', 10),
    hashtagsOfTopic: await store.analytics.topEntities({ ...f, topic: ['robo'] }, 'hashtag', 10),
    termsOfPlatform: await store.analytics.topEntities({ ...f, platform: ['mastodon'] }, 'term', 10),
  };
}

/** post_entities as versions 2 to 4 kept it: clustered by (kind, created_ms, post). */
function entitiesAsBeforeVersion5(db: Database.Database): void {
  db.exec(`
    CREATE TABLE old_entities (
      kind TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      post_rowid INTEGER NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (kind, created_ms, post_rowid, value)
    ) WITHOUT ROWID;
    INSERT INTO old_entities SELECT e.kind, p.created_ms, e.post_rowid, e.value
      FROM post_entities e JOIN posts p ON p.rowid = e.post_rowid;
    DROP TABLE post_entities;
    ALTER TABLE old_entities RENAME TO post_entities;`);
}

describe('SQLite migrations', () => {
  it('backfills author_days when a database from before them is opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escucha-migrate-'));
    dirs.push(dir);
    const store = createSqliteStore(dir);
    await fill(store);
    const before = await answers(store);
    expect(before.kpis).toMatchObject({ posts: 4, authors: 3, potentialReach: 54 });
    await store.close();
    // The same data as a version-2 database: without the tables migration 3 adds.
    const db = new Database(join(dir, 'escucha.db'));
    db.exec(`DROP TABLE author_days; DROP TABLE authors; DROP INDEX posts_created_handle;
      DROP TABLE campaign_author_days; DROP TABLE campaign_hashtag_days;`);
    entitiesAsBeforeVersion5(db);
    db.pragma('user_version = 2');
    db.close();
    const upgraded = createSqliteStore(dir);
    expect(await answers(upgraded)).toEqual(before);
    await upgraded.close();
    const check = new Database(join(dir, 'escucha.db'), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    check.close();
  });

  it('backfills the campaign days when a version-3 database is opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escucha-migrate-'));
    dirs.push(dir);
    const store = createSqliteStore(dir);
    await fill(store);
    const before = await answers(store);
    expect(before.campaign.total).toMatchObject({ posts: 2, authors: 2, hashtags: 1 });
    expect(before.campaign.topHashtags).toEqual([{ value: 'niunamenos', posts: 2, interactions: 2 }]);
    await store.close();
    const db = new Database(join(dir, 'escucha.db'));
    db.exec('DROP TABLE campaign_author_days; DROP TABLE campaign_hashtag_days;');
    entitiesAsBeforeVersion5(db);
    db.pragma('user_version = 3');
    db.close();
    const upgraded = createSqliteStore(dir);
    expect(await answers(upgraded)).toEqual(before);
    await upgraded.close();
  });

  it('clusters post_entities by post when a version-4 database is opened, keeping every entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escucha-migrate-'));
    dirs.push(dir);
    const store = createSqliteStore(dir);
    await fill(store);
    const before = await answers(store);
    expect(before.hashtagsOfTopic).toEqual([{ value: 'niunamenos', posts: 1, interactions: 1 }]);
    expect(before.termsOfPlatform.length).toBeGreaterThan(0);
    await store.close();
    const db = new Database(join(dir, 'escucha.db'));
    const entries = db.prepare('SELECT post_rowid, kind, value FROM post_entities ORDER BY 1, 2, 3').all();
    entitiesAsBeforeVersion5(db);
    db.pragma('user_version = 4');
    db.close();
    const upgraded = createSqliteStore(dir);
    expect(await answers(upgraded)).toEqual(before);
    // A re-analysis replaces a post's entries in the new layout: a stale entry (as a change of
    // tokenizer would leave) goes.
    await upgraded.close();
    const stale = new Database(join(dir, 'escucha.db'));
    stale.prepare("INSERT INTO post_entities (post_rowid, kind, value) SELECT rowid, 'term', 'obsoleto' FROM posts WHERE id = 'mastodon:1'").run();
    stale.close();
    const reopened = createSqliteStore(dir);
    await reopened.posts.saveEnrichments([{ id: 'mastodon:1', enrichment: makeEnrichment({ country: 'HN', version: 'test-2' }) }]);
    await reopened.close();
    const check = new Database(join(dir, 'escucha.db'), { readonly: true });
    expect(check.prepare('SELECT post_rowid, kind, value FROM post_entities ORDER BY 1, 2, 3').all()).toEqual(entries);
    expect(check.prepare("SELECT name FROM pragma_table_info('post_entities')").all()).toEqual([
      { name: 'post_rowid' },
      { name: 'kind' },
      { name: 'value' },
    ]);
    check.close();
  });
});
