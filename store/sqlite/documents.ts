import type { Db } from './database.js';

/**
 * A collection of JSON documents by id in the `documents` table: the shape of small, rarely
 * written records (sources, campaigns, alert rules, settings).
 */
export class DocumentCollection<T extends { id: string }> {
  constructor(
    private readonly db: Db,
    private readonly collection: string,
  ) {}

  list(): T[] {
    return this.db
      .prepare<[string], { doc: string }>('SELECT doc FROM documents WHERE collection = ? ORDER BY id')
      .all(this.collection)
      .map((row) => JSON.parse(row.doc) as T);
  }

  get(id: string): T | null {
    const row = this.db
      .prepare<[string, string], { doc: string }>('SELECT doc FROM documents WHERE collection = ? AND id = ?')
      .get(this.collection, id);
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  save(doc: T): void {
    this.db
      .prepare(
        `INSERT INTO documents (collection, id, doc, updated_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc, updated_ms = excluded.updated_ms`,
      )
      .run(this.collection, doc.id, JSON.stringify(doc), Date.now());
  }

  delete(id: string): boolean {
    return (
      this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?').run(this.collection, id)
        .changes > 0
    );
  }
}
