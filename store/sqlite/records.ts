import type { Alert, AlertRule } from '../../models/alert.js';
import type { Annotation } from '../../models/annotation.js';
import type { Brief } from '../../models/brief.js';
import type {
  AlertRepository,
  AnnotationRepository,
  BriefRepository,
  SettingsRepository,
  UserRepository,
} from '../../models/store.js';
import type { User } from '../../models/user.js';
import { ConflictError } from '../../app/errors.js';
import type { Db } from './database.js';
import { DocumentCollection } from './documents.js';

/** Whole-record CRUD over a document collection: sources, campaigns. */
export class SqliteRecords<T extends { id: string }> {
  private readonly docs;
  constructor(db: Db, collection: string) {
    this.docs = new DocumentCollection<T>(db, collection);
  }
  async list(): Promise<T[]> {
    return this.docs.list();
  }
  async get(id: string): Promise<T | null> {
    return this.docs.get(id);
  }
  async save(record: T): Promise<void> {
    this.docs.save(record);
  }
  async delete(id: string): Promise<boolean> {
    return this.docs.delete(id);
  }
}

export class SqliteAlerts implements AlertRepository {
  private readonly rules;
  constructor(private readonly db: Db) {
    this.rules = new DocumentCollection<AlertRule>(db, 'alert_rules');
  }
  async listRules() {
    return this.rules.list();
  }
  async saveRule(rule: AlertRule) {
    this.rules.save(rule);
  }
  async deleteRule(id: string) {
    return this.rules.delete(id);
  }
  async list(limit: number) {
    return this.db
      .prepare<[number], { doc: string }>('SELECT doc FROM alerts ORDER BY created_ms DESC, id LIMIT ?')
      .all(limit)
      .map((row) => JSON.parse(row.doc) as Alert);
  }
  async insert(alert: Alert) {
    const info = this.db
      .prepare(
        `INSERT INTO alerts (id, rule_id, bucket, created_ms, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(alert.id, alert.ruleId, alert.bucket, Date.parse(alert.createdAt), JSON.stringify(alert));
    return info.changes === 1;
  }
  async update(alert: Alert) {
    this.db.prepare('UPDATE alerts SET doc = ? WHERE id = ?').run(JSON.stringify(alert), alert.id);
  }
}

export class SqliteBriefs implements BriefRepository {
  constructor(private readonly db: Db) {}
  async list() {
    return this.db
      .prepare<[], { doc: string }>('SELECT doc FROM briefs ORDER BY created_ms DESC')
      .all()
      .map((row) => JSON.parse(row.doc) as Brief);
  }
  async get(id: string) {
    const row = this.db
      .prepare<[string], { doc: string; pdf: Buffer }>('SELECT doc, pdf FROM briefs WHERE id = ?')
      .get(id);
    return row ? { brief: JSON.parse(row.doc) as Brief, pdf: row.pdf } : null;
  }
  async save(brief: Brief, pdf: Buffer) {
    this.db
      .prepare(
        `INSERT INTO briefs (id, created_ms, doc, pdf) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET created_ms = excluded.created_ms, doc = excluded.doc, pdf = excluded.pdf`,
      )
      .run(brief.id, Date.parse(brief.createdAt), JSON.stringify(brief), pdf);
  }
}

export class SqliteUsers implements UserRepository {
  constructor(private readonly db: Db) {}
  async list() {
    return this.db
      .prepare<[], { doc: string }>('SELECT doc FROM users ORDER BY email')
      .all()
      .map((row) => JSON.parse(row.doc) as User);
  }
  async get(id: string) {
    const row = this.db.prepare<[string], { doc: string }>('SELECT doc FROM users WHERE id = ?').get(id);
    return row ? (JSON.parse(row.doc) as User) : null;
  }
  async getByEmail(email: string) {
    const row = this.db
      .prepare<[string], { doc: string }>('SELECT doc FROM users WHERE email = ?')
      .get(email);
    return row ? (JSON.parse(row.doc) as User) : null;
  }
  async save(user: User) {
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, email, doc) VALUES (?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET email = excluded.email, doc = excluded.doc`,
        )
        .run(user.id, user.email, JSON.stringify(user));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new ConflictError(`a user with e-mail ${user.email} already exists`);
      }
      throw error;
    }
  }
  async delete(id: string) {
    return this.db.prepare('DELETE FROM users WHERE id = ?').run(id).changes > 0;
  }
}

export class SqliteAnnotations implements AnnotationRepository {
  constructor(private readonly db: Db) {}
  async add(annotation: Annotation) {
    this.db
      .prepare('INSERT INTO annotations (id, post_id, created_ms, doc) VALUES (?, ?, ?, ?)')
      .run(annotation.id, annotation.postId, Date.parse(annotation.createdAt), JSON.stringify(annotation));
  }
  async listForPost(postId: string) {
    return this.db
      .prepare<[string], { doc: string }>('SELECT doc FROM annotations WHERE post_id = ? ORDER BY created_ms, id')
      .all(postId)
      .map((row) => JSON.parse(row.doc) as Annotation);
  }
  async listForPosts(postIds: readonly string[]) {
    const found: Annotation[] = [];
    for (let i = 0; i < postIds.length; i += 500) {
      const chunk = postIds.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT doc FROM annotations WHERE post_id IN (${chunk.map(() => '?').join(', ')})`)
        .all(...chunk) as { doc: string }[];
      found.push(...rows.map((row) => JSON.parse(row.doc) as Annotation));
    }
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
  async all() {
    return this.db
      .prepare<[], { doc: string }>('SELECT doc FROM annotations ORDER BY created_ms, id')
      .all()
      .map((row) => JSON.parse(row.doc) as Annotation);
  }
}

export class SqliteSettings implements SettingsRepository {
  private readonly docs;
  constructor(db: Db) {
    this.docs = new DocumentCollection<{ id: string; value: unknown }>(db, 'settings');
  }
  async get<T>(key: string) {
    return (this.docs.get(key)?.value as T | undefined) ?? null;
  }
  async set<T>(key: string, value: T) {
    this.docs.save({ id: key, value });
  }
}
