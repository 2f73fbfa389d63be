import type { PostFilter } from '../../models/filter.js';
import type { Granularity, Rollup } from '../../models/rollup.js';
import type { RollupRepository } from '../../models/store.js';
import { rollupMetrics, type MetricTotals } from '../totals.js';
import { COLLECTIONS, DAY, HOUR } from './collections.js';
import type { BulkOperation, Doc, MongoDbLike } from './db-like.js';
import { markDirty } from './dirty.js';
import { authorDayId, authorDaysPipeline } from './pipelines/authors.js';
import { ROLLUP_CELL_SORT, rollupCellsMatch } from './pipelines/match.js';
import {
  dirtyPostHoursPipeline,
  rollupId,
  rollupPipeline,
  type RollupDimensions,
} from './pipelines/rollups.js';

export type RollupCell = MetricTotals & RollupDimensions & { bucketMs: number };

/**
 * Rollup cells, one document per (granularity, bucketMs, topic, campaign, country, platform,
 * lang) with a deterministic `_id`, recomputed from posts (never incremented).
 */
export class MongoRollups implements RollupRepository {
  constructor(private readonly db: MongoDbLike) {}

  async dirtyBuckets(limit: number): Promise<number[]> {
    if (limit <= 0) return [];
    const marks = await this.db
      .collection(COLLECTIONS.dirtyBuckets)
      .find({}, { sort: { _id: 1 }, limit, projection: { _id: 1 } })
      .toArray();
    // Posts still flagged dirty whose mark was never written (a crash between the two writes).
    const flagged = await this.db
      .collection(COLLECTIONS.posts)
      .aggregate(dirtyPostHoursPipeline(limit))
      .toArray();
    const hours = new Set<number>([...marks, ...flagged].map((row) => row._id as number));
    return [...hours].sort((a, b) => a - b).slice(0, limit);
  }

  async recompute(hourBuckets: readonly number[]): Promise<number> {
    const hours = [...new Set(hourBuckets)];
    if (hours.length === 0) return 0;
    const dirty = this.db.collection(COLLECTIONS.dirtyBuckets);
    let seen = await dirty.find({ _id: { $in: hours } }).toArray();
    // Buckets known only by their posts' flags get a mark first, so that a crash after the
    // flags are cleared below still leaves the bucket dirty.
    const missing = hours.filter((hour) => !seen.some((mark) => mark._id === hour));
    if (missing.length > 0) {
      await markDirty(this.db, missing);
      seen = await dirty.find({ _id: { $in: hours } }).toArray();
    }
    // Before aggregating: a post flagged after this point keeps its flag for the next sweep.
    await this.db
      .collection(COLLECTIONS.posts)
      .updateMany({ dirty: true, hourMs: { $in: hours } }, { $unset: { dirty: '' } });
    let written = 0;
    for (const hour of hours) written += await this.rebuild('hour', hour, HOUR);
    for (const day of new Set(hours.map((hour) => Math.floor(hour / DAY) * DAY))) {
      written += await this.rebuild('day', day, DAY);
      await this.rebuildAuthorDay(day);
    }
    // After writing: only the marks as they were read, so a re-mark made meanwhile survives.
    const clear: BulkOperation[] = seen.map((mark) => ({
      deleteOne: { filter: { _id: mark._id, version: mark.version ?? null } },
    }));
    if (clear.length > 0) await dirty.bulkWrite(clear, { ordered: false });
    return written;
  }

  /** Replaces one bucket's rollup cells by the rollup pipeline's output (see `replaceCells`). */
  private async rebuild(granularity: Granularity, start: number, length: number): Promise<number> {
    return this.replaceCells(
      COLLECTIONS.rollups,
      rollupPipeline(granularity, start, start + length),
      (cell) => rollupId(granularity, start, cell as RollupCell),
      { granularity, bucketMs: start },
    );
  }

  /** Replaces one day's `author_days` documents (see `replaceCells`). */
  private async rebuildAuthorDay(day: number): Promise<void> {
    await this.replaceCells(
      COLLECTIONS.authorDays,
      authorDaysPipeline(day, day + DAY),
      (cell) => authorDayId(day, cell as RollupDimensions),
      { dayMs: day },
    );
  }

  /**
   * Replaces the documents of one bucket (`scope`) of a collection by a pipeline's output over
   * posts: upserts every computed document by its key, then deletes the bucket's documents that
   * no longer exist. Readers never see the bucket empty, and a repeated or concurrent rebuild
   * writes the same documents. Returns how many documents the bucket now has.
   */
  private async replaceCells(
    collection: string,
    pipeline: Doc[],
    idOf: (cell: Doc) => string,
    scope: Doc,
  ): Promise<number> {
    const target = this.db.collection(collection);
    const cells = await this.db.collection(COLLECTIONS.posts).aggregate(pipeline).toArray();
    const ids = cells.map(idOf);
    if (cells.length > 0) {
      await target.bulkWrite(
        cells.map((cell, i) => ({
          replaceOne: { filter: { _id: ids[i] }, replacement: { _id: ids[i], ...cell }, upsert: true },
        })),
        { ordered: false },
      );
    }
    await target.deleteMany({ ...scope, _id: { $nin: ids } });
    return cells.length;
  }

  async list(filter: PostFilter, granularity: Granularity): Promise<Rollup[]> {
    return (await this.cells(filter, granularity)).map((cell) => ({
      granularity,
      bucket: new Date(cell.bucketMs).toISOString(),
      country: cell.country,
      platform: cell.platform,
      lang: cell.lang,
      topic: cell.topic,
      campaign: cell.campaign,
      ...rollupMetrics(cell),
    }));
  }

  /** Rollup cells matching a filter: '*' cells unless a topic/campaign is named. */
  async cells(filter: PostFilter, granularity: Granularity): Promise<RollupCell[]> {
    const rows: Doc[] = await this.db
      .collection(COLLECTIONS.rollups)
      .find(rollupCellsMatch(filter, granularity), { sort: { ...ROLLUP_CELL_SORT } })
      .toArray();
    return rows as RollupCell[];
  }
}
