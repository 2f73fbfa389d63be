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
}

/** Monday of the ISO week of a day. */
export function weekStart(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
}

/** Daily points grouped into days or ISO weeks; weeks when the range is longer than `weeklyFrom` days. */
export function bucketize(points: readonly Pick<SeriesPoint, 'bucket' | 'posts' | 'misogyny' | 'hate' | 'analysed' | 'sentiment'>[], weekly: boolean): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const p of points) {
    const day = weekly ? weekStart(p.bucket) : p.bucket.slice(0, 10);
    const b = buckets.get(day) ?? { day, posts: 0, misogyny: 0, hate: 0, analysed: 0, P: 0, NEU: 0, N: 0 };
    b.posts += p.posts;
    b.misogyny += p.misogyny;
    b.hate += p.hate;
    b.analysed += p.analysed;
    b.P += p.sentiment.P;
    b.NEU += p.sentiment.NEU;
    b.N += p.sentiment.N;
    buckets.set(day, b);
  }
  return [...buckets.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Rate in percent with one decimal, or null when nothing was analysed (a gap, not a zero). */
export function rateOf(flagged: number, analysed: number): number | null {
  return analysed === 0 ? null : Math.round((flagged / analysed) * 1000) / 10;
}

/** Net sentiment of a bucket, or null without polar posts. */
export function netOf(b: Pick<Bucket, 'P' | 'N'>): number | null {
  const polar = b.P + b.N;
  return polar === 0 ? null : Math.round(((b.P - b.N) / polar) * 1000) / 10;
}

/** Share of each row in percent of `total` (topic share of all posts). */
export function shares(values: readonly number[], total: number): number[] {
  return values.map((v) => (total === 0 ? 0 : Math.round((v / total) * 1000) / 10));
}
