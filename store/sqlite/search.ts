import type { PostSearch, SearchLabels, SearchPage } from '../../models/analytics.js';
import { searchTerms } from '../../analytics/search-terms.js';
import { decodeCursor, encodeCursor } from '../../models/cursor.js';
import type { Db } from './database.js';
import { postFilterSql } from './filter-sql.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './lists.js';

/**
 * Matches (over all time) up to which a search reads each matching post by rowid; with more,
 * it walks the filter's range newest first on the covering index and stops at the page's end,
 * checking each post against the matches (a common word would otherwise read thousands of rows
 * to keep 20).
 */
const MATCHES_READ_BY_ROWID = 1_000;

/** SQL conditions (their values appended to `params`) for the labels a search requires. */
function labelClauses(labels: SearchLabels | undefined, params: unknown[]): string[] {
  if (!labels) return [];
  const out: string[] = [];
  for (const column of ['sentiment', 'emotion'] as const) {
    const values = labels[column];
    if (values.length === 0) continue;
    out.push(`p.${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  for (const column of ['misogyny', 'hate'] as const) {
    if (labels[column] === undefined) continue;
    out.push(`p.${column} = ?`);
    params.push(labels[column] ? 1 : 0);
  }
  return out;
}

/**
 * Post search: the filter, the labels it requires, every term of `q` (analytics/search-terms.ts) through FTS5 (unicode61
 * folds case and accents as the terms are folded; a prefix term is FTS5's `"word"*`), newest
 * first with a keyset cursor on (created_ms, id).
 */
export function searchPosts(db: Db, query: PostSearch): SearchPage {
  const { where, params } = postFilterSql(query.filter);
  const clauses = [where, ...labelClauses(query.labels, params)];
  const terms = searchTerms(query.q);
  let from = 'posts p';
  if (terms.length > 0) {
    const match = terms
      .map((t) => {
        const forms = [...t.exact.map((w) => `"${w}"`), ...(t.prefix ? [`"${t.prefix}"*`] : [])];
        return forms.length === 1 ? forms[0] : `(${forms.join(' OR ')})`;
      })
      .join(' AND ');
    const { n } = db
      .prepare<[string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?)',
      )
      .get(match, MATCHES_READ_BY_ROWID + 1)!;
    if (n > MATCHES_READ_BY_ROWID) from = 'posts p INDEXED BY posts_range_cover';
    clauses.push('p.rowid IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)');
    params.push(match);
  }
  const after = decodeCursor(query.cursor);
  if (after) {
    clauses.push('(p.created_ms < ? OR (p.created_ms = ? AND p.id < ?))');
    params.push(after.createdMs, after.createdMs, after.id);
  }
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM ${from} WHERE ${clauses.join(' AND ')}
       ORDER BY p.created_ms DESC, p.id DESC LIMIT ?`,
    )
    .all(...params, query.limit + 1) as SummaryRow[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    posts: page.map(toSummary),
    next: rows.length > query.limit && last ? encodeCursor(last.createdMs, last.id) : null,
  };
}
