import { describe, expect, it } from 'vitest';
import { detectSpike, type SeriesValue } from '../../../analytics/spikes.js';

const H = 3_600_000;
const START = Date.parse('2026-10-01T00:00:00Z');

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hourly counts with a diurnal cycle and Poisson-like noise over `days` days. */
function hourly(days: number, seed: number, level = 30): SeriesValue[] {
  const random = rng(seed);
  return Array.from({ length: days * 24 }, (_, h) => {
    const diurnal = 0.4 + 0.6 * Math.sin((Math.PI * ((h % 24) - 6)) / 12) ** 2;
    const mean = level * diurnal;
    return {
      bucketMs: START + h * H,
      value: Math.max(0, Math.round(mean + (random() - 0.5) * 2 * Math.sqrt(mean))),
    };
  });
}

const options = { granularity: 'hour' as const, threshold: 3, minVolume: 20 };

describe('detectSpike', () => {
  it('fires on an injected spike, with severity by how far it is', () => {
    const series = hourly(30, 1);
    const last = series.at(-1)!;
    last.value = last.value * 3 + 40;
    const verdict = detectSpike(series, last.bucketMs, options);
    expect(verdict.fired).toBe(true);
    expect(verdict.severity).toBe('high');
    expect(verdict.baselinePoints).toBe(28);
  });

  it.each([1, 2, 3, 4, 5])('stays quiet on every hour of a flat noisy series (seed %i)', (seed) => {
    const series = hourly(35, seed);
    const fired = series
      .slice(28 * 24)
      .filter((p) => detectSpike(series, p.bucketMs, options).fired);
    expect(fired).toEqual([]);
  });

  it('needs the minimum volume and enough history', () => {
    const flat = Array.from({ length: 40 * 24 }, (_, h) => ({ bucketMs: START + h * H, value: 1 }));
    flat.at(-1)!.value = 15;
    expect(detectSpike(flat, flat.at(-1)!.bucketMs, options)).toMatchObject({
      fired: false,
      expected: 1,
    });
    expect(detectSpike(flat, flat.at(-1)!.bucketMs, { ...options, minVolume: 5 }).fired).toBe(true);
    const young = flat.slice(-48);
    expect(detectSpike(young, young.at(-1)!.bucketMs, { ...options, minVolume: 5 }).fired).toBe(
      false,
    );
  });

  it('compares daily buckets with the same weekday', () => {
    const D = 86_400_000;
    const weekly = Array.from({ length: 70 }, (_, d) => ({
      bucketMs: START + d * D,
      value: d % 7 === 0 ? 200 : 50,
    }));
    // A busy weekday at its usual level is not a spike; the same volume on a quiet day is.
    const monday = weekly.filter((p) => ((p.bucketMs - START) / D) % 7 === 0).at(-1)!;
    expect(
      detectSpike(weekly, monday.bucketMs, { granularity: 'day', threshold: 3, minVolume: 20 })
        .fired,
    ).toBe(false);
    const quiet = weekly.at(-1)!;
    quiet.value = 200;
    expect(
      detectSpike(weekly, quiet.bucketMs, { granularity: 'day', threshold: 3, minVolume: 20 })
        .fired,
    ).toBe(true);
  });
});
