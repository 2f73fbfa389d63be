import { publicAuthor } from '../../analytics/public-accounts.js';
import type {
  AuthorRanking,
  BreakdownDimension,
  BreakdownRow,
  EntityKind,
  PostSearch,
  PostSummary,
  SearchPage,
  TopAuthor,
  TopEntity,
} from '../../models/analytics.js';
import { filterRange, type PostFilter } from '../../models/filter.js';
import {
  kpisOf,
  rollupsAnswer,
  type MetricTotals,
  type RollupDimension,
} from '../totals.js';
import { decodeCursor, encodeCursor } from '../../models/cursor.js';
import { COLLECTIONS } from './collections.js';
import type { Doc, MongoDbLike } from './db-like.js';
import {
  breakdownPipeline,
  entityCountsPipeline,
  SUMMARY_PROJECTION,
  topAuthorsPipeline,
} from './pipelines/lists.js';
import { authorDayTotalsPipeline, rollupTotalsPipeline } from './pipelines/authors.js';
import { postMatch } from './pipelines/match.js';
import { searchMatch } from './pipelines/search.js';

export function toSummary(row: Doc): PostSummary {
  return {
    id: row._id as string,
    platform: row.platform as string,
    createdAt: new Date(row.createdMs as number).toISOString(),
    url: (row.doc?.url as string | null | undefined) ?? null,
    text: row.doc?.text as string,
    interactions: row.interactions as number,
    views: row.views as number,
    country: (row.country as string | undefined) ?? '',
    sentiment: row.sentiment as string,
    misogyny: row.misogyny === 1,
    author: publicAuthor(
      row.authorId as string,
      row.platform as string,
      (row.doc?.author?.handle as string | null) ?? null,
    ),
  };
}

/**
 * Breakdowns, top lists and search over `posts` (the twin of store/sqlite/lists.ts and
 * search.ts). `textIndex`: use the server's text index to narrow searches (a real server).
 */
export class MongoLists {
  constructor(
    private readonly db: MongoDbLike,
    private readonly textIndex: boolean,
  ) {}

  private get posts() {
    return this.db.collection(COLLECTIONS.posts);
  }

  async breakdown(
    filter: PostFilter,
    dimension: BreakdownDimension,
    limit = 50,
  ): Promise<BreakdownRow[]> {
    if (rollupsAnswer(filter, dimension)) {
      return (await this.dayCellTotals(filter, dimension as RollupDimension))
        .filter((row) => row.posts > 0)
        .sort((x, y) => y.posts - x.posts || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0))
        .slice(0, limit)
        .map(({ value, ...row }) => ({ value, ...kpisOf(row) }));
    }
    const rows = await this.posts.aggregate(breakdownPipeline(filter, dimension, limit)).toArray();
    return rows.map((row) => ({ value: row.value as string, ...kpisOf(row as MetricTotals) }));
  }

  /**
   * Totals by value of `dimension` ('' when not grouped) of a filter that day rollups answer:
   * additive metrics from day rollup cells, distinct authors and reach from `author_days`.
   */
  async dayCellTotals(
    filter: PostFilter,
    dimension: RollupDimension | null,
  ): Promise<(MetricTotals & { value: string })[]> {
    const totals = await this.db
      .collection(COLLECTIONS.rollups)
      .aggregate(rollupTotalsPipeline(filter, dimension))
      .toArray();
    const authors = new Map(
      (
        await this.db
          .collection(COLLECTIONS.authorDays)
          .aggregate(authorDayTotalsPipeline(filter, dimension))
          .toArray()
      ).map((row) => [row.value as string, row]),
    );
    return totals.map((row) => ({
      ...(row as MetricTotals & { value: string }),
      authors: (authors.get(row.value as string)?.authors as number | undefined) ?? 0,
      potentialReach: (authors.get(row.value as string)?.potentialReach as number | undefined) ?? 0,
    }));
  }

  async entityCounts(
    filter: PostFilter,
    kind: EntityKind,
    limit: number,
    values?: readonly string[],
  ): Promise<TopEntity[]> {
    if (values?.length === 0) return [];
    return (await this.posts
      .aggregate(entityCountsPipeline(filter, kind, limit, values))
      .toArray()) as TopEntity[];
  }

  async topAuthors(filter: PostFilter, by: AuthorRanking, limit: number): Promise<TopAuthor[]> {
    const rows = await this.posts.aggregate(topAuthorsPipeline(filter, by, limit)).toArray();
    const { end } = filterRange(filter);
    const out: TopAuthor[] = [];
    for (const row of rows) {
      // The handle as on the author's newest post in the range (as the SQLite adapter reads it).
      const newest = await this.posts.findOne(
        { authorId: row.id, analyzerVersion: { $ne: null }, createdMs: { $lt: end } },
        { sort: { createdMs: -1, _id: -1 }, projection: { 'doc.author.handle': 1 } },
      );
      out.push({
        ...publicAuthor(
          row.id as string,
          row.platform as string,
          (newest?.doc?.author?.handle as string | null) ?? null,
        ),
        posts: row.posts as number,
        interactions: row.interactions as number,
        followers: row.followers as number,
      });
    }
    return out;
  }

  async topPosts(filter: PostFilter, limit: number): Promise<PostSummary[]> {
    const rows = await this.posts
      .find(postMatch(filter), {
        sort: { interactions: -1, createdMs: -1, _id: 1 },
        limit,
        projection: SUMMARY_PROJECTION,
      })
      .toArray();
    return rows.map(toSummary);
  }

  async search(query: PostSearch): Promise<SearchPage> {
    const rows = await this.posts
      .find(searchMatch(query.filter, query.q, decodeCursor(query.cursor), this.textIndex, query.labels), {
        sort: { createdMs: -1, _id: -1 },
        limit: query.limit + 1,
        projection: SUMMARY_PROJECTION,
      })
      .toArray();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      posts: page.map(toSummary),
      next:
        rows.length > query.limit && last
          ? encodeCursor(last.createdMs as number, last._id as string)
          : null,
    };
  }

  async countPosts(filter: PostFilter): Promise<number> {
    return this.posts.countDocuments(postMatch(filter));
  }

  /** Texts of the filter's newest `limit` posts carrying a term or hashtag (folded value). */
  async textsWith(
    filter: PostFilter,
    kind: 'term' | 'hashtag',
    value: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.posts
      .find(
        { ...postMatch(filter), [`entities.${kind}`]: value },
        { sort: { createdMs: -1, _id: -1 }, limit, projection: { _id: 0, 'doc.text': 1 } },
      )
      .toArray();
    return rows.map((row) => row.doc.text as string);
  }

  /** The newest posts of a filter (id, text), newest first, ties by id descending. */
  async newestTexts(filter: PostFilter, limit: number): Promise<{ id: string; text: string }[]> {
    const rows = await this.posts
      .find(postMatch(filter), {
        sort: { createdMs: -1, _id: -1 },
        limit,
        projection: { _id: 1, 'doc.text': 1 },
      })
      .toArray();
    return rows.map((row) => ({ id: row._id as string, text: row.doc.text as string }));
  }
}
