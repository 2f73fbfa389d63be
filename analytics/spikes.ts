import { mad, median } from './robust.js';

/** One value of a series at a bucket (ms since epoch). */
export interface SeriesValue {
  bucketMs: number;
  value: number;
}

export interface SpikeOptions {
  granularity: 'hour' | 'day';
  /** Robust z-score needed to fire. */
  threshold: number;
  /** Observed value below which nothing fires. */
  minVolume: number;
}

export interface SpikeVerdict {
  bucketMs: number;
  observed: number;
  /** Seasonal baseline: median of the same hour-of-day (hourly) or weekday (daily) before. */
  expected: number;
  /** (observed − expected) / robust spread. */
  score: number;
  fired: boolean;
  severity: 'low' | 'medium' | 'high';
  /** Baseline points used. */
  baselinePoints: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Hourly: the same hour of each of the previous 28 days. Daily: the same weekday of 8 weeks. */
const SEASON = { hour: { step: DAY, count: 28 }, day: { step: 7 * DAY, count: 8 } } as const;
/** Fewer baseline points than this and nothing fires: there is no history to compare with. */
const MIN_BASELINE = 4;

/**
 * Whether the value at `bucketMs` is a spike against its seasonal baseline: the median of the
 * same hour-of-day over the previous 28 days (hourly rules) or the same weekday over the previous
 * 8 weeks (daily rules), with a robust spread max(1.4826 × MAD, √median, 1) — the Poisson floor
 * keeps a perfectly flat history from turning a +1 wobble into an infinite score. Missing
 * buckets count as 0 (series include empty buckets).
 */
export function detectSpike(
  series: readonly SeriesValue[],
  bucketMs: number,
  options: SpikeOptions,
): SpikeVerdict {
  const byBucket = new Map(series.map((p) => [p.bucketMs, p.value]));
  const { step, count } = SEASON[options.granularity];
  const first = series[0]?.bucketMs ?? bucketMs;
  const baseline: number[] = [];
  for (let k = 1; k <= count; k++) {
    const at = bucketMs - k * step;
    if (at < first) break;
    baseline.push(byBucket.get(at) ?? 0);
  }
  const observed = byBucket.get(bucketMs) ?? 0;
  const expected = median(baseline);
  const spread = Math.max(1.4826 * mad(baseline, expected), Math.sqrt(expected), 1);
  const score = (observed - expected) / spread;
  const fired =
    baseline.length >= MIN_BASELINE && observed >= options.minVolume && score >= options.threshold;
  const severity =
    score >= 2 * options.threshold ? 'high' : score >= 1.5 * options.threshold ? 'medium' : 'low';
  return {
    bucketMs,
    observed,
    expected,
    score: Math.round(score * 100) / 100,
    fired,
    severity,
    baselinePoints: baseline.length,
  };
}

/** Start of the bucket containing `ms`. */
export function bucketStart(ms: number, granularity: 'hour' | 'day'): number {
  const size = granularity === 'hour' ? HOUR : DAY;
  return Math.floor(ms / size) * size;
}
