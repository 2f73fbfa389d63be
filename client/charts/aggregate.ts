import type { SeriesPoint } from '../../models/store.js';

/**
 * Turns daily series points into what the charts plot. Rates are recomputed from counts
 * (flagged / analysed) over the bucket, never averaged from daily rates.
 */

export interface Bucket {
  /** First day of the bucket (YYYY-MM-DD). */
  day: string;
  posts: number;
  misogyny: number;
  hate: number;
  analysed: number;
  P: number;
  NEU: number;
  N: number;
  /** Days of data in the bucket (1 per day; a full week has 7). */
  days: number;
  /**
   * The bucket does not cover a whole period: a week cut by the date range, or the period that
   * holds today (still filling). Its counts are not comparable with the others: charts draw it
   * lighter or dashed and say so.
   */
  partial: boolean;
}

/** Monday of the ISO week of a day. */
export function weekStart(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
}

/** Today's date in UTC (the day buckets are UTC days). */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Daily points grouped into days or ISO weeks, each marked `partial` when it holds fewer days
 * than its period or holds `today`.
 */
export function bucketize(points: readonly Pick<SeriesPoint, 'bucket' | 'posts' | 'misogyny' | 'hate' | 'analysed' | 'sentiment'>[], weekly: boolean, today = todayUtc()): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const p of points) {
    const day = weekly ? weekStart(p.bucket) : p.bucket.slice(0, 10);
    const b = buckets.get(day) ?? { day, posts: 0, misogyny: 0, hate: 0, analysed: 0, P: 0, NEU: 0, N: 0, days: 0, partial: false };
    b.days += 1;
    b.posts += p.posts;
    b.misogyny += p.misogyny;
    b.hate += p.hate;
    b.analysed += p.analysed;
    b.P += p.sentiment.P;
    b.NEU += p.sentiment.NEU;
    b.N += p.sentiment.N;
    buckets.set(day, b);
  }
  const sorted = [...buckets.values()].sort((a, b) => a.day.localeCompare(b.day));
  for (const b of sorted) b.partial = isPartial(b.day, weekly ? 7 : 1, b.days, today);
  return sorted;
}

/** Whether a period starting on `day` and `length` days long is incomplete. */
export function isPartial(day: string, length: number, days: number, today = todayUtc()): boolean {
  if (days < length) return true;
  const end = new Date(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10);
  return day.slice(0, 10) <= today && today < end;
}

/** Rate in percent with one decimal, or null when nothing was analysed (a gap, not a zero). */
export function rateOf(flagged: number, analysed: number): number | null {
  return analysed === 0 ? null : Math.round((flagged / analysed) * 1000) / 10;
}

/** Share of each row in percent of `total` (topic share of all posts). */
export function shares(values: readonly number[], total: number): number[] {
  return values.map((v) => (total === 0 ? 0 : Math.round((v / total) * 1000) / 10));
}
