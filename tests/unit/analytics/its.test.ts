import { describe, expect, it } from 'vitest';
import { impactEstimateOf, impactSentence, impactSummary, impactValue, formatEs } from '../../../analytics/impact.js';
import { segmentedRegression } from '../../../analytics/its.js';

const noise = (t: number) => Math.sin(t * 12.9898) * 0.5;

describe('segmentedRegression', () => {
  it('recovers a level change and its interval', () => {
    const points = Array.from({ length: 60 }, (_, i) => ({
      t: i - 30,
      y: 10 + 0.02 * i + (i >= 30 ? -2 : 0) + noise(i),
    }));
    const result = segmentedRegression(points)!;
    expect(result.ci95[0]).toBeLessThan(-2);
    expect(result.ci95[1]).toBeGreaterThan(-2);
    expect(result.ci95[1]).toBeLessThan(0);
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.n).toEqual({ before: 30, after: 30 });
  });

  it('finds no effect where there is none', () => {
    const points = Array.from({ length: 60 }, (_, i) => ({ t: i - 30, y: 10 + noise(i) }));
    const result = segmentedRegression(points)!;
    expect(result.ci95[0]).toBeLessThan(0);
    expect(result.ci95[1]).toBeGreaterThan(0);
  });

  it('refuses series shorter than a week on either side', () => {
    expect(
      segmentedRegression(Array.from({ length: 20 }, (_, i) => ({ t: i - 15, y: i }))),
    ).toBeNull();
  });
});

describe('impact in plain Spanish', () => {
  it.each([
    [
      -2.1,
      [-3.4, -0.8],
      'Tras el lanzamiento, la tasa de misoginia bajó 2.1 puntos (IC 95 %: −3.4 a −0.8); es poco probable que sea casualidad, aunque otros hechos del mismo momento también pueden explicarlo.',
    ],
    [
      1.5,
      [-0.5, 3.5],
      'Tras el lanzamiento, la tasa de misoginia subió 1.5 puntos (IC 95 %: −0.5 a 3.5); no hay evidencia suficiente para atribuirlo a la campaña, el cambio podría ser casualidad.',
    ],
  ] as const)('says %d with its interval', (level, ci, sentence) => {
    const result = {
      levelChange: level,
      trendChange: 0,
      se: 1,
      ci95: [ci[0], ci[1]] as [number, number],
      pValue: 0.01,
      n: { before: 30, after: 30 },
    };
    expect(impactSentence('misogynyRate', result, result.n)).toBe(sentence);
  });

  it('says it in English for the Belize edition, from the estimate alone', () => {
    const days = Array.from({ length: 40 }, (_, i) => ({
      day: new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10),
      value: i < 20 ? 10 + (i % 3) : 4 + (i % 3),
    }));
    const estimate = impactEstimateOf('safe-belize', 'misogynyRate', days[20]!.day, days);
    expect(estimate.summary).toMatch(/^Tras el lanzamiento, la tasa de misoginia bajó 5\.9 puntos \(IC 95 %: /);
    expect(impactSummary(estimate, 'en')).toMatch(
      /^After the launch, the misogyny rate fell by 5\.9 points \(95 % CI: −\d+\.\d to −\d+\.\d\); this is unlikely to be chance, though other events at the same time may also explain it\.$/,
    );
    expect(impactSummary(estimate, 'es')).toBe(estimate.summary);
    expect(impactSentence('posts', null, { before: 3, after: 2 }, 'en')).toBe(
      'Not enough data to estimate the effect on daily posts: it needs at least 7 days with data before and after the launch (there are 3 before and 2 after).',
    );
  });

  it('reads no rate from a day of fewer than five posts, so a trickle of posts cannot look like an effect', () => {
    const day = (analysed: number, misogyny: number) => ({ posts: analysed, analysed, misogyny, hate: 0, sentiment: { P: 0, N: 0 } });
    expect(impactValue('misogynyRate', day(4, 2))).toBeNull();
    expect(impactValue('misogynyRate', day(5, 1))).toBe(20);
    expect(impactValue('posts', day(1, 0))).toBe(1);
    // ~1.4 posts a day, rates swinging between 0 and 100 %: not enough data, not a "sure" change.
    const days = Array.from({ length: 40 }, (_, i) => {
      const posts = 1 + (i % 2);
      const value = impactValue('misogynyRate', day(posts, i < 20 ? posts : 0));
      return { day: new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10), value };
    });
    const estimate = impactEstimateOf('safe-belize', 'misogynyRate', days[20]!.day, days);
    expect(estimate.levelChange).toBeNull();
    expect(estimate.summary).toMatch(/^No hay datos suficientes/);
  });

  it('formats numbers the Spanish way', () => {
    expect(formatEs(-3.45)).toBe('−3.5');
    expect(formatEs(-0.01)).toBe('0.0');
  });

  it('drops trailing days without data and says when the series is too short', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      day: `2026-10-${String(i + 1).padStart(2, '0')}`,
      value: i < 20 ? 5 : null,
    }));
    const estimate = impactEstimateOf('c', 'misogynyRate', '2026-10-15', days);
    expect(estimate.days).toHaveLength(20);
    expect(estimate.n).toEqual({ before: 14, after: 6 });
    expect(estimate.summary).toMatch(
      /^No hay datos suficientes para estimar el efecto sobre la tasa de misoginia/,
    );
  });
});
