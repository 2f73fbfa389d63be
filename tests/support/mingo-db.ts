/**
 * An in-memory stand-in for a MongoDB database, implementing only `MongoDbLike`
 * (store/mongo/db-like.ts) with arrays and mingo, so the Mongo adapter's logic and pipelines run
 * in unit and contract tests without a server.
 *
 * What it does like the server: query, projection, sort, limit and aggregation through mingo;
 * update operators through mingo's updater; `upsert` (emulated: when nothing matches, a new
 * document is built from the filter's equality fields, then the update is applied, with
 * `$setOnInsert`); a generated `_id`; `_id` and `unique: true` indexes enforced by throwing
 * an error with `code: 11000` (bulk inserts/writes throw an error with `writeErrors[]` of
 * `{ code, index }`, honouring `ordered`); recreating an index under the same name with another
 * definition fails like the server (code 85). Documents are copied in and out, so callers can't
 * mutate the stored ones; Buffers are copied, other class instances (bson Binary...) kept as is.
 *
 * Its limits (do not rely on these in the adapter without a real-server test):
 * - No transactions, sessions, write concerns or concurrency: every call runs to completion.
 * - Non-unique indexes are recorded but not used; `$text` queries are not supported (mingo has
 *   no text search), nor are `$merge`/`$out` (rejected, as the adapter must not use them).
 * - Unique-index keys compare values by their JSON form; array fields are not multikey-expanded.
 * - Partial filter expressions are honoured only for unique indexes.
 * - Upsert equality extraction only reads top-level `field: value` and `field: { $eq: value }`.
 * - BSON types are whatever JS values were stored (numbers are doubles, no Int32/Long/Decimal).
 */
import { ObjectId } from 'mongodb';
import { Aggregator, Query, update as applyUpdate } from 'mingo';
import type {
  BulkOperation,
  BulkWriteResultLike,
  CollectionLike,
  CursorLike,
  DeleteResultLike,
  Doc,
  FindOptionsLike,
  IndexSpec,
  MongoDbLike,
  UpdateOptionsLike,
  UpdateResultLike,
} from '../../store/mongo/db-like.js';

type Mode = { ordered?: boolean };

class DuplicateKeyError extends Error {
  readonly code = 11000;
  constructor(
    readonly collection: string,
    readonly index: string,
    readonly keyValue: unknown,
  ) {
    super(
      `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${JSON.stringify(keyValue)}`,
    );
    this.name = 'MongoServerError';
  }
}

class BulkError extends Error {
  readonly code: number;
  constructor(
    readonly writeErrors: { code: number; index: number; errmsg: string }[],
    readonly result: BulkWriteResultLike,
  ) {
    super(writeErrors[0]?.errmsg ?? 'bulk write error');
    this.name = 'MongoBulkWriteError';
    this.code = writeErrors[0]?.code ?? 0;
  }
}

function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])) as T;
  }
  return value;
}

function resolvePath(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Doc)[part];
  }
  return value;
}

const isOperatorObject = (value: unknown) =>
  isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'));

/** The document an upsert starts from: the filter's equality fields. */
function seedFromFilter(filter: Doc): Doc {
  const seed: Doc = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) continue;
    let v: unknown = value;
    if (isOperatorObject(value)) {
      if (!('$eq' in (value as Doc))) continue;
      v = (value as Doc).$eq;
    }
    const parts = key.split('.');
    let target = seed;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Doc;
    target[parts.at(-1)!] = copy(v);
  }
  return seed;
}

class MingoCursor implements CursorLike<Doc> {
  constructor(private readonly compute: () => Doc[]) {}
  async toArray(): Promise<Doc[]> {
    return this.compute();
  }
}

export class MingoCollection implements CollectionLike {
  private docs: Doc[] = [];
  private readonly indexes = new Map<string, IndexSpec>();

  constructor(readonly name: string) {}

  /** A copy of every stored document, in insertion order (for test assertions). */
  all(): Doc[] {
    return this.docs.map(copy);
  }

  async insertOne(document: Doc): Promise<{ acknowledged: true; insertedId: unknown }> {
    const doc = copy(document);
    if (doc._id === undefined) doc._id = new ObjectId();
    this.checkUnique(doc, null);
    this.docs.push(doc);
    document._id ??= doc._id;
    return { acknowledged: true, insertedId: doc._id };
  }

  async insertMany(documents: Doc[], options: Mode = {}): Promise<{ insertedCount: number }> {
    const result = await this.bulkWrite(
      documents.map((document) => ({ insertOne: { document } })),
      options,
    );
    return { insertedCount: result.insertedCount };
  }

  async bulkWrite(operations: BulkOperation[], options: Mode = {}): Promise<BulkWriteResultLike> {
    const ordered = options.ordered ?? true;
    const result: BulkWriteResultLike = {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      deletedCount: 0,
      upsertedCount: 0,
    };
    const writeErrors: { code: number; index: number; errmsg: string }[] = [];
    for (const [index, op] of operations.entries()) {
      try {
        await this.applyOne(op, result);
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (code === undefined) throw error;
        writeErrors.push({ code, index, errmsg: (error as Error).message });
        if (ordered) break;
      }
    }
    if (writeErrors.length > 0) throw new BulkError(writeErrors, result);
    return result;
  }

  private async applyOne(op: BulkOperation, result: BulkWriteResultLike): Promise<void> {
    const add = (r: UpdateResultLike) => {
      result.matchedCount += r.matchedCount;
      result.modifiedCount += r.modifiedCount;
      result.upsertedCount += r.upsertedCount;
    };
    if ('insertOne' in op) {
      await this.insertOne(op.insertOne.document);
      result.insertedCount++;
    } else if ('updateOne' in op) {
      const { filter, update, upsert } = op.updateOne;
      add(await this.updateOne(filter, update, { upsert }));
    } else if ('replaceOne' in op) {
      const { filter, replacement, upsert } = op.replaceOne;
      add(await this.replaceOne(filter, replacement, { upsert }));
    } else if ('deleteOne' in op) {
      result.deletedCount += (await this.deleteOne(op.deleteOne.filter)).deletedCount;
    } else {
      result.deletedCount += (await this.deleteMany(op.deleteMany.filter)).deletedCount;
    }
  }

  async findOne(filter: Doc, options: FindOptionsLike = {}): Promise<Doc | null> {
    return (await this.find(filter, { ...options, limit: 1 }).toArray())[0] ?? null;
  }

  find(filter: Doc, options: FindOptionsLike = {}): CursorLike<Doc> {
    return new MingoCursor(() => {
      let cursor = new Query(filter).find<Doc>(this.docs, options.projection);
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.limit) cursor = cursor.limit(options.limit);
      return cursor.all().map(copy);
    });
  }

  async updateOne(
    filter: Doc,
    update: Doc,
    options: UpdateOptionsLike = {},
  ): Promise<UpdateResultLike> {
    return this.modify(filter, options.upsert ?? false, false, (doc, inserting) =>
      this.applyModifier(doc, update, inserting),
    );
  }

  async updateMany(
    filter: Doc,
    update: Doc,
    options: UpdateOptionsLike = {},
  ): Promise<UpdateResultLike> {
    return this.modify(filter, options.upsert ?? false, true, (doc, inserting) =>
      this.applyModifier(doc, update, inserting),
    );
  }

  async replaceOne(
    filter: Doc,
    replacement: Doc,
    options: UpdateOptionsLike = {},
  ): Promise<UpdateResultLike> {
    if (isOperatorObject(replacement))
      throw new Error('replacement document must not contain update operators');
    return this.modify(filter, options.upsert ?? false, false, (doc) => {
      const next = { _id: doc._id, ...copy(replacement) };
      if (
        replacement._id !== undefined &&
        doc._id !== undefined &&
        String(replacement._id) !== String(doc._id)
      ) {
        throw new Error("the (immutable) field '_id' was found to have been altered");
      }
      return next;
    });
  }

  async deleteOne(filter: Doc): Promise<DeleteResultLike> {
    const query = new Query(filter);
    const index = this.docs.findIndex((doc) => query.test(doc));
    if (index < 0) return { deletedCount: 0 };
    this.docs.splice(index, 1);
    return { deletedCount: 1 };
  }

  async deleteMany(filter: Doc): Promise<DeleteResultLike> {
    const query = new Query(filter);
    const before = this.docs.length;
    this.docs = this.docs.filter((doc) => !query.test(doc));
    return { deletedCount: before - this.docs.length };
  }

  async countDocuments(filter: Doc = {}): Promise<number> {
    const query = new Query(filter);
    return this.docs.filter((doc) => query.test(doc)).length;
  }

  aggregate(pipeline: Doc[]): CursorLike<Doc> {
    for (const stage of pipeline) {
      if ('$merge' in stage || '$out' in stage)
        throw new Error('MingoDb: $merge/$out are not supported');
    }
    return new MingoCursor(() => new Aggregator(pipeline).run(this.docs.map(copy)).map(copy));
  }

  async createIndexes(specs: IndexSpec[]): Promise<string[]> {
    for (const spec of specs) {
      const existing = this.indexes.get(spec.name);
      if (existing) {
        if (JSON.stringify(existing) !== JSON.stringify(spec)) {
          throw Object.assign(
            new Error(`An existing index has the same name (${spec.name}) but different options`),
            {
              code: 85,
            },
          );
        }
        continue;
      }
      if (spec.unique) {
        const seen = new Set<string>();
        for (const doc of this.docs) {
          const key = this.uniqueKey(spec, doc);
          if (key === null) continue;
          if (seen.has(key)) throw new DuplicateKeyError(this.name, spec.name, key);
          seen.add(key);
        }
      }
      this.indexes.set(spec.name, copy(spec));
    }
    return specs.map((s) => s.name);
  }

  /** The declared indexes (for test assertions). */
  indexSpecs(): IndexSpec[] {
    return [...this.indexes.values()].map(copy);
  }

  private applyModifier(doc: Doc, update: Doc, inserting: boolean): Doc {
    if (!isOperatorObject(update)) throw new Error('update document requires atomic operators');
    const { $setOnInsert, ...modifier } = update as Doc & { $setOnInsert?: Doc };
    const next = copy(doc);
    if (Object.keys(modifier).length > 0)
      applyUpdate(next, copy(modifier), undefined, undefined, { cloneMode: 'none' });
    if (inserting && $setOnInsert)
      applyUpdate(next, { $set: copy($setOnInsert) }, undefined, undefined, { cloneMode: 'none' });
    if (doc._id !== undefined && String(next._id) !== String(doc._id)) {
      throw new Error(
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    return next;
  }

  private modify(
    filter: Doc,
    upsert: boolean,
    many: boolean,
    change: (doc: Doc, inserting: boolean) => Doc,
  ): UpdateResultLike {
    const query = new Query(filter);
    const positions: number[] = [];
    for (const [i, doc] of this.docs.entries()) {
      if (!query.test(doc)) continue;
      positions.push(i);
      if (!many) break;
    }
    if (positions.length === 0) {
      if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
      const doc = change(seedFromFilter(filter), true);
      if (doc._id === undefined) doc._id = new ObjectId();
      this.checkUnique(doc, null);
      this.docs.push(doc);
      return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 };
    }
    let modifiedCount = 0;
    for (const i of positions) {
      const before = this.docs[i]!;
      const after = change(before, false);
      this.checkUnique(after, i);
      if (JSON.stringify(after) !== JSON.stringify(before)) modifiedCount++;
      this.docs[i] = after;
    }
    return { matchedCount: positions.length, modifiedCount, upsertedCount: 0 };
  }

  /** Throws like the server if `doc` would duplicate `_id` or a unique index of another doc. */
  private checkUnique(doc: Doc, self: number | null): void {
    const others = this.docs.filter((_, i) => i !== self);
    const id = JSON.stringify(doc._id);
    if (others.some((other) => JSON.stringify(other._id) === id)) {
      throw new DuplicateKeyError(this.name, '_id_', { _id: doc._id });
    }
    for (const spec of this.indexes.values()) {
      if (!spec.unique) continue;
      const key = this.uniqueKey(spec, doc);
      if (key !== null && others.some((other) => this.uniqueKey(spec, other) === key)) {
        throw new DuplicateKeyError(this.name, spec.name, JSON.parse(key) as unknown);
      }
    }
  }

  /** A unique index's key of a document, or null when a partial index does not cover it. */
  private uniqueKey(spec: IndexSpec, doc: Doc): string | null {
    if (spec.partialFilterExpression && !new Query(spec.partialFilterExpression).test(doc))
      return null;
    return JSON.stringify(Object.keys(spec.key).map((path) => resolvePath(doc, path) ?? null));
  }
}

/** An in-memory `MongoDbLike`: collections are created on first use, like the server's. */
export class MingoDb implements MongoDbLike {
  private readonly collections = new Map<string, MingoCollection>();

  collection(name: string): MingoCollection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MingoCollection(name);
      this.collections.set(name, collection);
    }
    return collection;
  }
}
