import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StorageError } from '../../app/errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (or creates) the embedded database: WAL so readers never block the writer,
 * synchronous=NORMAL (durable at checkpoints, safe against corruption), checkpoints every ~40 MB
 * of WAL, a busy timeout so a CLI
 * import and a running server can share the file, then applies pending migrations.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new StorageError(`cannot open database ${file}: ${(error as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  // Checkpoint every ~40 MB of WAL instead of ~4 MB: bulk imports and enrichment commit many
  // small transactions, and each checkpoint rewrites pages the next one rewrites again.
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new StorageError(
      `database schema version ${current} is newer than this escucha (${MIGRATIONS.length}): upgrade escucha`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      const migration = MIGRATIONS[version]!;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
