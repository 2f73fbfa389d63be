import type { Db } from 'mongodb';
import type { Store } from '../../models/store.js';
import { MongoAnalytics } from './analytics.js';
import { connect, storageFailure } from './connection.js';
import type { MongoDbLike } from './db-like.js';
import { ensureIndexes } from './indexes.js';
import { MongoPosts } from './posts.js';
import {
  MongoAlerts,
  MongoAnnotations,
  MongoBriefs,
  MongoCampaigns,
  MongoSettings,
  MongoSources,
  MongoUsers,
} from './records.js';
import { MongoRollups } from './rollups.js';

/** Compile-time check: the real driver's `Db` satisfies the narrow interface the adapter uses. */
const driverDbFits: Db extends MongoDbLike ? true : never = true;
void driverDbFits;

export type MongoStoreOptions = { uri: string; dbName: string } | { db: MongoDbLike };

/**
 * The scaled store: MongoDB (≥ 6, a standalone server is enough). Give a URI to connect (the
 * store then owns and closes the client) or an already open database (tests pass an in-memory
 * one). Indexes are created at open.
 */
export async function createMongoStore(options: MongoStoreOptions): Promise<Store> {
  let db: MongoDbLike;
  let close = async () => {};
  const uri = 'uri' in options ? options.uri : null;
  if ('db' in options) {
    db = options.db;
  } else {
    const connection = await connect(options.uri, options.dbName);
    db = connection.db;
    close = () => connection.client.close();
  }
  try {
    await ensureIndexes(db);
  } catch (error) {
    await close().catch(() => undefined);
    throw storageFailure('create indexes', uri, error);
  }
  const rollups = new MongoRollups(db);
  const campaigns = new MongoCampaigns(db);
  return {
    kind: 'mongo',
    posts: new MongoPosts(db),
    rollups,
    // A real server narrows searches with its text index; the in-memory fake has none.
    analytics: new MongoAnalytics(db, rollups, campaigns, { textIndex: uri !== null }),
    sources: new MongoSources(db),
    campaigns,
    alerts: new MongoAlerts(db),
    briefs: new MongoBriefs(db),
    users: new MongoUsers(db),
    annotations: new MongoAnnotations(db),
    settings: new MongoSettings(db),
    async close() {
      const closing = close;
      close = async () => {};
      await closing();
    },
  };
}
