/**
 * The narrow subset of the MongoDB driver's `Db` / `Collection` API the adapter uses. The real
 * driver's `Db` satisfies it structurally (asserted in ./index.ts), and tests/support/mingo-db.ts
 * implements it in memory, so the adapter runs unchanged against either.
 *
 * Keep it small: every method added here must also be emulated by the in-memory fake.
 */

/** A BSON document as the adapter sees it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = { [key: string]: any };

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptionsLike {
  sort?: SortSpec;
  limit?: number;
  projection?: Record<string, 0 | 1>;
}

export interface CursorLike<T> {
  toArray(): Promise<T[]>;
}

export interface UpdateOptionsLike {
  upsert?: boolean;
}

export interface UpdateResultLike {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
}

export interface DeleteResultLike {
  deletedCount: number;
}

export type BulkOperation =
  | { insertOne: { document: Doc } }
  | { updateOne: { filter: Doc; update: Doc; upsert?: boolean } }
  | { replaceOne: { filter: Doc; replacement: Doc; upsert?: boolean } }
  | { deleteOne: { filter: Doc } }
  | { deleteMany: { filter: Doc } };

export interface BulkWriteResultLike {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
}

export interface IndexSpec {
  key: Record<string, 1 | -1 | 'text'>;
  name: string;
  unique?: boolean;
  partialFilterExpression?: Doc;
  default_language?: string;
  language_override?: string;
}

export interface CollectionLike {
  insertOne(document: Doc): Promise<unknown>;
  insertMany(documents: Doc[], options?: { ordered?: boolean }): Promise<{ insertedCount: number }>;
  bulkWrite(
    operations: BulkOperation[],
    options?: { ordered?: boolean },
  ): Promise<BulkWriteResultLike>;
  findOne(filter: Doc, options?: FindOptionsLike): Promise<Doc | null>;
  find(filter: Doc, options?: FindOptionsLike): CursorLike<Doc>;
  updateOne(filter: Doc, update: Doc, options?: UpdateOptionsLike): Promise<UpdateResultLike>;
  updateMany(filter: Doc, update: Doc, options?: UpdateOptionsLike): Promise<UpdateResultLike>;
  replaceOne(filter: Doc, replacement: Doc, options?: UpdateOptionsLike): Promise<UpdateResultLike>;
  deleteOne(filter: Doc): Promise<DeleteResultLike>;
  deleteMany(filter: Doc): Promise<DeleteResultLike>;
  countDocuments(filter?: Doc): Promise<number>;
  aggregate(pipeline: Doc[]): CursorLike<Doc>;
  createIndexes(specs: IndexSpec[]): Promise<string[]>;
}

export interface MongoDbLike {
  collection(name: string): CollectionLike;
}

/** The server's (and the fake's) duplicate-key error code. */
export const DUPLICATE_KEY = 11000;

type WriteErrorLike = { code?: number; index?: number };

/** The write errors of a driver error: a bulk error holds one or several; others are their own. */
function writeErrorsOf(error: unknown): WriteErrorLike[] {
  if (!error || typeof error !== 'object') return [];
  const e = error as WriteErrorLike & { writeErrors?: WriteErrorLike | WriteErrorLike[] };
  if (e.writeErrors == null) return [e];
  return Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
}

/** Whether an error (or every write error of a bulk error) is a duplicate-key violation. */
export function isDuplicateKeyError(error: unknown): boolean {
  const errors = writeErrorsOf(error);
  return errors.length > 0 && errors.every((w) => w.code === DUPLICATE_KEY);
}

/** Positions (in the input) of the documents a bulk insert rejected as duplicates. */
export function duplicateIndexes(error: unknown): number[] {
  return writeErrorsOf(error)
    .filter((w) => w.code === DUPLICATE_KEY && typeof w.index === 'number')
    .map((w) => w.index!);
}
