import { tQuantile975, twoSidedP } from './robust.js';

/**
 * Interrupted time series by segmented regression on daily values:
 *
 *   y_t = β0 + β1·t + β2·D_t + β3·(t − t0)·D_t + ε_t,   D_t = 1 from the launch day on,
 *
 * β2 is the immediate change in level, β3 the change in daily slope. Standard errors are
 * Newey–West (Bartlett kernel, lag ⌊4(n/100)^{2/9}⌋), robust to the autocorrelation daily social
 * data always has; the 95 % interval uses Student's t with n − 4 degrees of freedom.
 */
export interface ItsResult {
  levelChange: number;
  trendChange: number;
  se: number;
  ci95: [number, number];
  pValue: number;
  n: { before: number; after: number };
}

/** Fewer days than this on either side and no estimate is made. */
export const MIN_DAYS_EACH_SIDE = 7;

/** `points`: day index relative to launch (negative before, 0 = launch day) and value. */
export function segmentedRegression(points: readonly { t: number; y: number }[]): ItsResult | null {
  const before = points.filter((p) => p.t < 0).length;
  const after = points.length - before;
  if (before < MIN_DAYS_EACH_SIDE || after < MIN_DAYS_EACH_SIDE) return null;
  const X = points.map((p) => [1, p.t, p.t >= 0 ? 1 : 0, p.t >= 0 ? p.t : 0]);
  const y = points.map((p) => p.y);
  const n = points.length;
  const k = 4;
  const xtxInv = invert(gram(X));
  if (!xtxInv) return null;
  const beta = multiplyVec(
    xtxInv,
    X.reduce((acc, row, i) => acc.map((v, j) => v + row[j]! * y[i]!), [0, 0, 0, 0]),
  );
  const resid = X.map((row, i) => y[i]! - row.reduce((s, x, j) => s + x * beta[j]!, 0));
  const lag = Math.floor(4 * Math.pow(n / 100, 2 / 9));
  const S = zeros(k);
  for (let l = 0; l <= lag; l++) {
    const w = l === 0 ? 1 : 1 - l / (lag + 1);
    for (let t = l; t < n; t++) {
      const a = X[t]!,
        b = X[t - l]!,
        e = resid[t]! * resid[t - l]!;
      for (let i = 0; i < k; i++)
        for (let j = 0; j < k; j++)
          S[i]![j]! += w * e * (l === 0 ? a[i]! * a[j]! : a[i]! * b[j]! + b[i]! * a[j]!);
    }
  }
  const scale = n / (n - k);
  const cov = multiply(multiply(xtxInv, S), xtxInv);
  const se = Math.sqrt(Math.max(cov[2]![2]! * scale, 0));
  const df = n - k;
  const level = beta[2]!;
  const half = tQuantile975(df) * se;
  return {
    levelChange: level,
    trendChange: beta[3]!,
    se,
    ci95: [level - half, level + half],
    pValue: se === 0 ? (level === 0 ? 1 : 0) : twoSidedP(level / se, df),
    n: { before, after },
  };
}

const zeros = (k: number) => Array.from({ length: k }, () => new Array<number>(k).fill(0));

function gram(X: number[][]): number[][] {
  const k = X[0]!.length;
  const G = zeros(k);
  for (const row of X)
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) G[i]![j]! += row[i]! * row[j]!;
  return G;
}

function multiply(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, i) => s + a * B[i]![j]!, 0)));
}

function multiplyVec(A: number[][], v: number[]): number[] {
  return A.map((row) => row.reduce((s, a, i) => s + a * v[i]!, 0));
}

/** Gauss–Jordan inverse; null when singular. */
function invert(M: number[][]): number[][] | null {
  const k = M.length;
  const A = M.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r;
    if (Math.abs(A[pivot]![c]!) < 1e-12) return null;
    [A[c], A[pivot]] = [A[pivot]!, A[c]!];
    const p = A[c]![c]!;
    for (let j = 0; j < 2 * k; j++) A[c]![j]! /= p;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * k; j++) A[r]![j]! -= f * A[c]![j]!;
    }
  }
  return A.map((row) => row.slice(k));
}
