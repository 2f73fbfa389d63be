import { Binary } from 'mongodb';
import { ConflictError } from '../../app/errors.js';
import type { Alert, AlertRule } from '../../models/alert.js';
import type { Annotation } from '../../models/annotation.js';
import type { Brief } from '../../models/brief.js';
import type { Campaign } from '../../models/campaign.js';
import type { Source } from '../../models/source.js';
import type {
  AlertRepository,
  AnnotationRepository,
  BriefRepository,
  CampaignRepository,
  SettingsRepository,
  SourceRepository,
  UserRepository,
} from '../../models/store.js';
import type { User } from '../../models/user.js';
import { COLLECTIONS, plain } from './collections.js';
import { isDuplicateKeyError, type Doc, type MongoDbLike } from './db-like.js';

/** A record stored as its own fields plus `_id` (= its id) and any query helpers. */
function toDocument(record: { id: string }, extra: Doc = {}): Doc {
  return { _id: record.id, ...plain(record), ...extra };
}

/** The record back: every stored field but `_id` and the named query helpers. */
function fromDocument<T>(doc: Doc, helpers: readonly string[] = []): T {
  const { _id, ...rest } = doc;
  void _id;
  for (const helper of helpers) delete rest[helper];
  return rest as T;
}

/**
 * Small, rarely written records by id (sources, campaigns, alert rules): the twin of the
 * SQLite `documents` table. Listed by id.
 */
class DocumentCollection<T extends { id: string }> {
  constructor(
    private readonly db: MongoDbLike,
    private readonly name: string,
  ) {}
  private get col() {
    return this.db.collection(this.name);
  }
  async list(): Promise<T[]> {
    return (await this.col.find({}, { sort: { _id: 1 } }).toArray()).map((d) => fromDocument<T>(d));
  }
  async get(id: string): Promise<T | null> {
    const doc = await this.col.findOne({ _id: id });
    return doc ? fromDocument<T>(doc) : null;
  }
  async save(record: T): Promise<void> {
    await this.col.replaceOne({ _id: record.id }, toDocument(record), { upsert: true });
  }
  async delete(id: string): Promise<boolean> {
    return (await this.col.deleteOne({ _id: id })).deletedCount > 0;
  }
}

export class MongoSources extends DocumentCollection<Source> implements SourceRepository {
  constructor(db: MongoDbLike) {
    super(db, COLLECTIONS.sources);
  }
}

export class MongoCampaigns extends DocumentCollection<Campaign> implements CampaignRepository {
  constructor(db: MongoDbLike) {
    super(db, COLLECTIONS.campaigns);
  }
}

export class MongoAlerts implements AlertRepository {
  private readonly rules;
  constructor(private readonly db: MongoDbLike) {
    this.rules = new DocumentCollection<AlertRule>(db, COLLECTIONS.alertRules);
  }
  private get alerts() {
    return this.db.collection(COLLECTIONS.alerts);
  }
  async listRules() {
    return this.rules.list();
  }
  async saveRule(rule: AlertRule) {
    await this.rules.save(rule);
  }
  async deleteRule(id: string) {
    return this.rules.delete(id);
  }
  async list(limit: number) {
    if (limit <= 0) return [];
    const docs = await this.alerts.find({}, { sort: { createdMs: -1, _id: 1 }, limit }).toArray();
    return docs.map((d) => fromDocument<Alert>(d, ['createdMs']));
  }
  /** Unique on (ruleId, bucket) and on id: a duplicate of either is not inserted. */
  async insert(alert: Alert) {
    try {
      await this.alerts.insertOne(toDocument(alert, { createdMs: Date.parse(alert.createdAt) }));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
  /** Replaces the alert's fields; its creation order (`createdMs`) stays as inserted. */
  async update(alert: Alert) {
    const current = await this.alerts.findOne({ _id: alert.id }, { projection: { createdMs: 1 } });
    if (!current) return;
    await this.alerts.replaceOne(
      { _id: alert.id },
      toDocument(alert, { createdMs: current.createdMs }),
    );
  }
}

export class MongoBriefs implements BriefRepository {
  constructor(private readonly db: MongoDbLike) {}
  private get briefs() {
    return this.db.collection(COLLECTIONS.briefs);
  }
  async list() {
    const docs = await this.briefs
      .find({}, { sort: { createdMs: -1, _id: 1 }, projection: { pdf: 0 } })
      .toArray();
    return docs.map((d) => fromDocument<Brief>(d, ['createdMs']));
  }
  async get(id: string) {
    const doc = await this.briefs.findOne({ _id: id });
    if (!doc) return null;
    return { brief: fromDocument<Brief>(doc, ['createdMs', 'pdf']), pdf: toBuffer(doc.pdf) };
  }
  /** The PDF is stored as BSON Binary (briefs are a few hundred KB, well under 16 MB). */
  async save(brief: Brief, pdf: Buffer) {
    await this.briefs.replaceOne(
      { _id: brief.id },
      toDocument(brief, { createdMs: Date.parse(brief.createdAt), pdf: new Binary(pdf) }),
      { upsert: true },
    );
  }
}

/** Bytes as stored: the driver returns BSON Binary; the in-memory fake keeps what it was given. */
function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Binary) return Buffer.from(value.value());
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new Error('stored brief PDF is not binary');
}

/** Users, unique by e-mail regardless of case (`emailLower`, uniquely indexed). */
export class MongoUsers implements UserRepository {
  constructor(private readonly db: MongoDbLike) {}
  private get users() {
    return this.db.collection(COLLECTIONS.users);
  }
  async list() {
    const docs = await this.users.find({}, { sort: { emailLower: 1, _id: 1 } }).toArray();
    return docs.map((d) => fromDocument<User>(d, ['emailLower']));
  }
  async get(id: string) {
    const doc = await this.users.findOne({ _id: id });
    return doc ? fromDocument<User>(doc, ['emailLower']) : null;
  }
  async getByEmail(email: string) {
    const doc = await this.users.findOne({ emailLower: email.toLowerCase() });
    return doc ? fromDocument<User>(doc, ['emailLower']) : null;
  }
  async save(user: User) {
    try {
      await this.users.replaceOne(
        { _id: user.id },
        toDocument(user, { emailLower: user.email.toLowerCase() }),
        {
          upsert: true,
        },
      );
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw new ConflictError(`another user has the e-mail ${user.email}`);
      throw error;
    }
  }
  async delete(id: string) {
    return (await this.users.deleteOne({ _id: id })).deletedCount > 0;
  }
}

export class MongoAnnotations implements AnnotationRepository {
  constructor(private readonly db: MongoDbLike) {}
  private get annotations() {
    return this.db.collection(COLLECTIONS.annotations);
  }
  async add(annotation: Annotation) {
    await this.annotations.insertOne(
      toDocument(annotation, { createdMs: Date.parse(annotation.createdAt) }),
    );
  }
  async listForPost(postId: string) {
    const docs = await this.annotations
      .find({ postId }, { sort: { createdMs: 1, _id: 1 } })
      .toArray();
    return docs.map((d) => fromDocument<Annotation>(d, ['createdMs']));
  }
  async listForPosts(postIds: readonly string[]) {
    if (postIds.length === 0) return [];
    const docs = await this.annotations
      .find({ postId: { $in: [...postIds] } }, { sort: { createdMs: 1, _id: 1 } })
      .toArray();
    return docs.map((d) => fromDocument<Annotation>(d, ['createdMs']));
  }
  async all() {
    const docs = await this.annotations.find({}, { sort: { createdMs: 1, _id: 1 } }).toArray();
    return docs.map((d) => fromDocument<Annotation>(d, ['createdMs']));
  }
}

/** Settings by key: `{ _id: key, value }`. */
export class MongoSettings implements SettingsRepository {
  constructor(private readonly db: MongoDbLike) {}
  private get settings() {
    return this.db.collection(COLLECTIONS.settings);
  }
  async get<T>(key: string) {
    const doc = await this.settings.findOne({ _id: key });
    return (doc?.value as T | undefined) ?? null;
  }
  async set<T>(key: string, value: T) {
    await this.settings.replaceOne({ _id: key }, plain({ _id: key, value }), { upsert: true });
  }
}
