import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe, it } from 'vitest';
import type { Store } from '../../models/store.js';
import { createMongoStore } from '../../store/mongo/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { MingoDb } from '../support/mingo-db.js';
import { storeContract } from './store.contract.js';

storeContract('sqlite', async () => createSqliteStore(':memory:'));

storeContract('mongo (in-memory mingo)', async () => createMongoStore({ db: new MingoDb() }));

const mongoUri = process.env.MONGODB_URI;
if (mongoUri) {
  /** A store on a fresh database, dropped when the store closes. */
  storeContract('mongo (MONGODB_URI)', async () => {
    const dbName = `escucha_contract_${randomUUID().slice(0, 8)}`;
    const store = await createMongoStore({ uri: mongoUri, dbName });
    const drop = async (): Promise<void> => {
      const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 5000 });
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    };
    return {
      ...store,
      async close() {
        await store.close();
        await drop();
      },
    } satisfies Store;
  });
} else {
  console.log('MongoDB contract skipped: set MONGODB_URI to run it against a real server');
  describe.skip('Store contract: mongo (MONGODB_URI)', () => {
    it('runs the contract against a real MongoDB server', () => {});
  });
}
