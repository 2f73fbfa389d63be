import type {
  AuthorRanking,
  BreakdownDimension,
  BreakdownRow,
  EntityKind,
  PostSummary,
  TopAuthor,
  TopEntity,
} from '../../models/analytics.js';
import { filterRange, type PostFilter } from '../../models/filter.js';
import { ALL } from '../../models/rollup.js';
import { publicAuthor } from '../../analytics/public-accounts.js';
import { isDateCountryFilter, kpisOf, type MetricTotals } from '../totals.js';
import type { Db } from './database.js';
import { AUTHOR_AGGREGATE, METRIC_TOTALS, postFilterSql } from './filter-sql.js';
import { authorDayTotals } from './author-days.js';
import { rollupsAnswer, type RollupDimension } from '../totals.js';
import { rollupTotals } from './rollup-totals.js';

/** SQL of the value a breakdown groups by, and the join or condition it needs. */
const DIMENSION_SQL: Record<BreakdownDimension, { value: string; join?: string; where?: string }> =
  {
    country: { value: "COALESCE(p.country, '')" },
    // Departments by country: 'SV:La Paz' and 'HN:La Paz' are two places.
    admin1: { value: "IIF(p.admin1 IS NULL, '', COALESCE(p.country, '') || ':' || p.admin1)" },
    platform: { value: 'p.platform' },
    lang: { value: 'p.lang' },
    sentiment: { value: 'p.sentiment' },
    emotion: { value: 'p.emotion' },
    misogynyCategory: {
      value: 'p.misogyny_category',
      where: 'p.misogyny = 1 AND p.misogyny_category IS NOT NULL',
    },
    topic: { value: 'd.topic', join: 'JOIN post_topics d ON d.post_rowid = p.rowid' },
    campaign: { value: 'd.campaign', join: 'JOIN post_campaigns d ON d.post_rowid = p.rowid' },
  };

/** The columns a PostSummary is built from. */
export const SUMMARY_COLUMNS = `p.id, p.platform, p.created_ms AS createdMs, json_extract(p.doc, '$.url') AS url,
  json_extract(p.doc, '$.text') AS text, p.interactions, p.views, COALESCE(p.country, '') AS country,
  p.sentiment, p.misogyny, p.author_id AS authorId, p.author_handle AS handle`;

export interface SummaryRow {
  id: string;
  platform: string;
  createdMs: number;
  url: string | null;
  text: string;
  interactions: number;
  views: number;
  country: string;
  sentiment: string;
  misogyny: number;
  authorId: string;
  handle: string | null;
}

export function toSummary(row: SummaryRow): PostSummary {
  return {
    id: row.id,
    platform: row.platform,
    createdAt: new Date(row.createdMs).toISOString(),
    url: row.url,
    text: row.text,
    interactions: row.interactions,
    views: row.views,
    country: row.country,
    sentiment: row.sentiment,
    misogyny: row.misogyny === 1,
    author: publicAuthor(row.authorId, row.platform, row.handle),
  };
}

/** Breakdowns and top lists over posts (exact) or daily entity counts (default filters). */
export class SqliteLists {
  constructor(private readonly db: Db) {}

  breakdown(filter: PostFilter, dimension: BreakdownDimension, limit = 50): BreakdownRow[] {
    const d = DIMENSION_SQL[dimension];
    if (rollupsAnswer(filter, dimension)) {
      // Additive metrics from day rollups; distinct authors and reach per value from the
      // union of each value's author_days cells.
      const totals = rollupTotals(this.db, filter, dimension as RollupDimension);
      const authors = authorDayTotals(this.db, filter, dimension as RollupDimension);
      return [...totals.entries()]
        .filter(([, row]) => row.posts > 0)
        .map(([value, row]) => {
          const a = authors.get(value);
          return {
            value,
            ...kpisOf({ ...row, authors: a?.authors ?? 0, potentialReach: a?.potentialReach ?? 0 }),
          };
        })
        .sort((x, y) => y.posts - x.posts || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0))
        .slice(0, limit);
    }
    const { where, params } = postFilterSql(filter);
    const rows = this.db
      .prepare(
        `SELECT value, ${METRIC_TOTALS} FROM (
           SELECT ${d.value} AS value, ${AUTHOR_AGGREGATE} FROM posts p ${d.join ?? ''}
           WHERE ${where}${d.where ? ` AND ${d.where}` : ''} GROUP BY value, p.author_id
         ) GROUP BY value ORDER BY posts DESC, value LIMIT ?`,
      )
      .all(...params, limit) as (MetricTotals & { value: string })[];
    return rows.map((row) => ({ value: row.value, ...kpisOf(row) }));
  }

  /**
   * Posts carrying each entity (and their interactions), top `limit`, or only `values` when
   * given. Default filters read `entity_days`; others count `post_entities` of matching posts.
   */
  entityCounts(
    filter: PostFilter,
    kind: EntityKind,
    limit: number,
    values?: readonly string[],
  ): TopEntity[] {
    const { start, end } = filterRange(filter);
    const only = values ? ` AND value IN (${values.map(() => '?').join(', ')})` : '';
    if (values?.length === 0) return [];
    if (isDateCountryFilter(filter)) {
      // Each post has one country, so per-country counts add up over several countries.
      const countries = filter.country.length > 0 ? filter.country : [ALL];
      return this.db
        .prepare(
          `SELECT value, SUM(posts) AS posts, SUM(interactions) AS interactions FROM entity_days
           WHERE kind = ? AND country IN (${countries.map(() => '?').join(', ')})
             AND day_ms >= ? AND day_ms < ?${only}
           GROUP BY value ORDER BY posts DESC, interactions DESC, value LIMIT ?`,
        )
        .all(kind, ...countries, start, end, ...(values ?? []), limit) as TopEntity[];
    }
    if (filter.topic.length === 1) {
      // One topic: its index entries first (a topic is a share of the range), each post's facts
      // from the covering index by (created_ms, rowid), then its entries by primary key. A
      // post holds a topic once, so each post counts once.
      const { where, params } = postFilterSql({ ...filter, topic: [] });
      return this.db
        .prepare(
          `SELECT e.value AS value, COUNT(*) AS posts, SUM(p.interactions) AS interactions
           FROM post_topics t
             CROSS JOIN posts p INDEXED BY posts_range_cover ON p.created_ms = t.created_ms
               AND p.rowid = t.post_rowid
             CROSS JOIN post_entities e ON e.post_rowid = p.rowid AND e.kind = ?
           WHERE t.topic = ? AND t.created_ms >= ? AND t.created_ms < ? AND ${where}${only.replace('value', 'e.value')}
           GROUP BY e.value ORDER BY posts DESC, interactions DESC, value LIMIT ?`,
        )
        .all(kind, filter.topic[0], start, end, ...params, ...(values ?? []), limit) as TopEntity[];
    }
    const { where, params } = postFilterSql(filter);
    return this.db
      .prepare(
        // Posts first (the filter narrows them), then each post's entries by primary key.
        `SELECT e.value AS value, COUNT(*) AS posts, SUM(p.interactions) AS interactions
         FROM posts p CROSS JOIN post_entities e ON e.post_rowid = p.rowid AND e.kind = ?
         WHERE ${where}${only.replace('value', 'e.value')}
         GROUP BY e.value ORDER BY posts DESC, interactions DESC, value LIMIT ?`,
      )
      .all(kind, ...params, ...(values ?? []), limit) as TopEntity[];
  }

  topAuthors(filter: PostFilter, by: AuthorRanking, limit: number): TopAuthor[] {
    const { where, params } = postFilterSql(filter);
    const order =
      by === 'reach' ? 'followers DESC, interactions DESC' : 'interactions DESC, followers DESC';
    const rows = this.db
      .prepare(
        `SELECT p.author_id AS id, MAX(p.platform) AS platform, COUNT(*) AS posts,
           SUM(p.interactions) AS interactions, MAX(p.followers) AS followers
         FROM posts p WHERE ${where} GROUP BY p.author_id ORDER BY ${order}, id LIMIT ?`,
      )
      .all(...params, limit) as {
      id: string;
      platform: string;
      posts: number;
      interactions: number;
      followers: number;
    }[];
    const handle = this.db.prepare<[string, number], { handle: string | null }>(
      `SELECT author_handle AS handle FROM posts WHERE author_id = ? AND analyzer_version IS NOT NULL
       AND created_ms < ? ORDER BY created_ms DESC, id DESC LIMIT 1`,
    );
    const { end } = filterRange(filter);
    return rows.map((row) => ({
      ...publicAuthor(row.id, row.platform, handle.get(row.id, end)?.handle ?? null),
      posts: row.posts,
      interactions: row.interactions,
      followers: row.followers,
    }));
  }

  topPosts(filter: PostFilter, limit: number): PostSummary[] {
    const { where, params } = postFilterSql(filter);
    // The cutoff first (index-only), then the few rows at or above it with their ties ordered.
    const cutoff = this.db
      .prepare(
        `SELECT MIN(i) AS i FROM (SELECT p.interactions AS i FROM posts p WHERE ${where} ORDER BY i DESC LIMIT ?)`,
      )
      .get(...params, limit) as { i: number | null };
    if (cutoff.i === null) return [];
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM posts p WHERE ${where} AND p.interactions >= ?
         ORDER BY p.interactions DESC, p.created_ms DESC, p.id LIMIT ?`,
      )
      .all(...params, cutoff.i, limit) as SummaryRow[];
    return rows.map(toSummary);
  }
}
