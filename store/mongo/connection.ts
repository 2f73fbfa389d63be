import { MongoClient, type Db } from 'mongodb';
import { StorageError } from '../../app/errors.js';
import type { MongoDbLike } from './db-like.js';

/** The real driver's `Db` must satisfy the adapter's narrow interface (checked by tsc). */
const asDbLike = (db: Db): MongoDbLike => db;

/** Host list of a MongoDB URI, without user, password, database or options. */
export function uriHost(uri: string): string {
  const rest = uri.replace(/^[a-z+]+:\/\//i, '');
  const authority = rest.split(/[/?]/, 1)[0] ?? '';
  const at = rest.lastIndexOf('@', rest.includes('?') ? rest.indexOf('?') : undefined);
  const hosts = at >= 0 ? (rest.slice(at + 1).split(/[/?]/, 1)[0] ?? '') : authority;
  return hosts || '(no host)';
}

/** A message with the URI's password (raw and decoded) and the URI itself blanked out. */
function redact(message: string, uri: string): string {
  let out = message.split(uri).join('<MONGODB_URI>');
  const rest = uri.replace(/^[a-z+]+:\/\//i, '');
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userInfo = rest.slice(0, at);
    const colon = userInfo.indexOf(':');
    if (colon >= 0) {
      const password = userInfo.slice(colon + 1);
      let decoded = password;
      try {
        decoded = decodeURIComponent(password);
      } catch {
        // keep the raw form
      }
      for (const secret of new Set([password, decoded])) {
        if (secret) out = out.split(secret).join('***');
      }
    }
  }
  return out;
}

/**
 * Connects to MongoDB (failing after 5 s if no server answers) and returns the database and the
 * client to close. Errors name the host, never the credentials, and say what to check.
 */
export async function connect(
  uri: string,
  dbName: string,
): Promise<{ db: MongoDbLike; client: MongoClient }> {
  const host = uriHost(uri);
  let client: MongoClient | undefined;
  try {
    client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    return { db: asDbLike(client.db(dbName)), client };
  } catch (error) {
    await client?.close().catch(() => undefined);
    const reason = redact((error as Error).message, uri);
    throw new StorageError(
      `cannot connect to MongoDB at ${host}: ${reason}. Check that the server is running and reachable ` +
        'from here, and that MONGODB_URI has the right host, port and credentials ' +
        '(or unset MONGODB_URI to use the embedded SQLite store).',
    );
  }
}

/** Wraps a failure of a first operation (auth, permissions) the same way. */
export function storageFailure(action: string, uri: string | null, error: unknown): StorageError {
  const message = uri ? redact((error as Error).message, uri) : (error as Error).message;
  const where = uri ? ` at ${uriHost(uri)}` : '';
  return new StorageError(
    `cannot ${action} in MongoDB${where}: ${message}. Check that the MONGODB_URI user may create ` +
      'indexes and read/write the database.',
  );
}
