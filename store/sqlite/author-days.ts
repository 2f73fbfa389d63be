import type { PostFilter } from '../../models/filter.js';
import type { Db } from './database.js';
import { dayCellsSql } from './rollup-totals.js';
import type { RollupDimension } from '../totals.js';

/** Bytes of one packed entry of `author_days.followers`: author number (4) and followers (8). */
const ENTRY = 12;

/**
 * Scratch space of the union: per author number, the generation that last saw it and its
 * largest follower count in that generation. Reused (and grown) across queries, so a union
 * costs its entries, not the number of authors ever seen.
 */
let seen = new Uint32Array(1 << 16);
let best = new Float64Array(1 << 16);
let generation = 0;

function grow(size: number): void {
  let length = seen.length;
  while (length <= size) length *= 2;
  const nextSeen = new Uint32Array(length);
  nextSeen.set(seen);
  const nextBest = new Float64Array(length);
  nextBest.set(best);
  seen = nextSeen;
  best = nextBest;
}

/**
 * Distinct authors and potential reach of a union of day cells (each author once, with their
 * largest follower count over the cells). Exact.
 */
export function unionAuthors(cells: readonly Buffer[]): { authors: number; potentialReach: number } {
  if (++generation === 0xffffffff) {
    seen.fill(0);
    generation = 1;
  }
  const g = generation;
  let authors = 0;
  let potentialReach = 0;
  for (const cell of cells) {
    for (let o = 0; o + ENTRY <= cell.length; o += ENTRY) {
      const author = cell.readUInt32BE(o);
      const followers = cell.readUInt32BE(o + 4) * 4_294_967_296 + cell.readUInt32BE(o + 8);
      if (author >= seen.length) grow(author);
      if (seen[author] !== g) {
        seen[author] = g;
        best[author] = followers;
        authors++;
        potentialReach += followers;
      } else if (followers > best[author]!) {
        potentialReach += followers - best[author]!;
        best[author] = followers;
      }
    }
  }
  return { authors, potentialReach };
}

/**
 * Distinct authors and potential reach (sum of each author's largest follower count in the
 * range) of a filter that day rollups answer (see `rollupsAnswer`), by value of `dimension`
 * ('' key when not grouped): the union of the `author_days` cells the filter reads. As fresh
 * as the last aggregation, like the rollups.
 */
export function authorDayTotals(
  db: Db,
  filter: PostFilter,
  dimension: RollupDimension | null,
): Map<string, { authors: number; potentialReach: number }> {
  const { where, params } = dayCellsSql(db, filter, dimension, 'day_ms');
  const rows = db
    .prepare(
      `SELECT ${dimension ?? "''"} AS value, followers FROM author_days INDEXED BY author_days_cell
       WHERE ${where}`,
    )
    .raw()
    .all(...params) as [string, Buffer][];
  const byValue = new Map<string, Buffer[]>();
  for (const [value, followers] of rows) {
    const cells = byValue.get(value);
    if (cells) cells.push(followers);
    else byValue.set(value, [followers]);
  }
  return new Map([...byValue].map(([value, cells]) => [value, unionAuthors(cells)]));
}
