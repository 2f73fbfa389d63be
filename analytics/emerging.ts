import type { EmergingTerm } from '../models/analytics.js';

export interface TermWindowCounts {
  kind: 'hashtag' | 'term';
  value: string;
  /** Posts carrying it in the window. */
  count: number;
  /** Posts carrying it in the baseline. */
  baseline: number;
}

export interface EmergingOptions {
  /** Posts in the window and in the baseline (the corpus sizes of the two samples). */
  windowPosts: number;
  baselinePosts: number;
  /** Fewer posts in the window and a term is not considered. */
  minCount?: number;
  limit?: number;
}

/** G² above this (χ², 1 df, p < 0.001) for a term to count as emerging. */
export const SIGNIFICANT_G2 = 10.83;

/**
 * Terms rising in a window against a baseline, scored by Dunning's log-likelihood ratio G² of
 * the 2×2 table (term / other posts × window / baseline), signed by direction, so rare terms
 * are not promoted by a raw ratio and frequent ones not by raw counts. The ratio is smoothed
 * (+1 on both sides) for display. Only significant rises are returned, strongest first.
 */
export function emergingTerms(
  rows: readonly TermWindowCounts[],
  options: EmergingOptions,
): EmergingTerm[] {
  const { windowPosts: n1, baselinePosts: n2 } = options;
  const minCount = options.minCount ?? 5;
  const out: EmergingTerm[] = [];
  if (n1 === 0) return out;
  for (const row of rows) {
    if (row.count < minCount) continue;
    const a = row.count,
      b = row.baseline;
    const expected = n2 > 0 ? (b * n1) / n2 : 0;
    const score = signedG2(a, n1, b, n2);
    if (score < SIGNIFICANT_G2) continue;
    out.push({
      kind: row.kind,
      value: row.value,
      count: a,
      expected: round2(expected),
      ratio: round2((a + 1) / (expected + 1)),
      score: round2(score),
    });
  }
  out.sort((x, y) => y.score - x.score || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  return out.slice(0, options.limit ?? 20);
}

/** G² of "a of n1 in the window vs b of n2 in the baseline", positive when the window rate is higher. */
export function signedG2(a: number, n1: number, b: number, n2: number): number {
  const total = n1 + n2;
  const k = a + b;
  const cells: [number, number][] = [
    [a, (n1 * k) / total],
    [b, (n2 * k) / total],
    [n1 - a, (n1 * (total - k)) / total],
    [n2 - b, (n2 * (total - k)) / total],
  ];
  let g2 = 0;
  for (const [observed, expected] of cells)
    if (observed > 0 && expected > 0) g2 += observed * Math.log(observed / expected);
  g2 *= 2;
  const rising = n2 === 0 || a / n1 > b / n2;
  return rising ? g2 : -g2;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
