import type { Config } from '../app/config.js';
import type { Store } from '../models/store.js';
import { createSqliteStore } from './sqlite/index.js';

/** The store the configuration asks for: MongoDB when MONGODB_URI is set, else embedded SQLite. */
export async function openStore(config: Pick<Config, 'mongodbUri' | 'mongodbDb' | 'dataDir'>): Promise<Store> {
  if (config.mongodbUri) {
    const { createMongoStore } = await import('./mongo/index.js');
    return createMongoStore({ uri: config.mongodbUri, dbName: config.mongodbDb });
  }
  return createSqliteStore(config.dataDir);
}
