import type { CollectorCursor } from './types.js';

/**
 * Resume point of an API that lists newest first (Mastodon, X, Reddit, Telegram, YouTube,
 * Bluesky search). A sweep walks from the newest item back to the last one stored; only when it
 * reaches it does `high` move up to the sweep's top, so a run that stops midway (crash, 429,
 * `--max`) resumes the walk and nothing between the two is skipped.
 */
export interface SweepCursor {
  /** Position (id or time) of the newest item stored by a finished sweep. */
  high: string | null;
  /** The walk in progress: the API's token for the next older page, and where it started. */
  sweep: { next: string; top: string } | null;
}

export function readSweep(cursor: CollectorCursor | null): SweepCursor {
  const high = typeof cursor?.high === 'string' ? cursor.high : null;
  const raw = cursor?.sweep as { next?: unknown; top?: unknown } | null | undefined;
  const sweep =
    raw && typeof raw.next === 'string' && typeof raw.top === 'string' ? { next: raw.next, top: raw.top } : null;
  return { high, sweep };
}

export interface SweepStep {
  /** Newest position on this page (valid or rejected items alike), null when empty. */
  newest: string | null;
  /** The API's token for the next older page, null when there is none. */
  next: string | null;
  /** The page reached the stored high mark or the floor date: the walk is over. */
  reachedEnd: boolean;
}

/** The cursor after a page, and whether the sweep is over. */
export function advanceSweep(
  cursor: SweepCursor,
  step: SweepStep,
  compare: (a: string, b: string) => number,
): { cursor: SweepCursor; done: boolean } {
  const top = cursor.sweep?.top ?? step.newest ?? cursor.high;
  const done = step.reachedEnd || step.next === null || step.newest === null;
  if (done) {
    const high = top === null ? cursor.high : cursor.high === null || compare(top, cursor.high) > 0 ? top : cursor.high;
    return { cursor: { high, sweep: null }, done: true };
  }
  return { cursor: { high: cursor.high, sweep: { next: step.next!, top: top! } }, done: false };
}

/** Orders numeric ids of any length (snowflakes as strings) without losing precision. */
export function compareNumericIds(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Orders ISO-8601 instants. */
export function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

export function sweepToCursor(cursor: SweepCursor): CollectorCursor {
  return { high: cursor.high, sweep: cursor.sweep };
}
