/**
 * Limited-memory BFGS minimiser with a backtracking (Armijo) line search.
 * `fg(x, grad)` writes the gradient into `grad` and returns f(x). Deterministic.
 */
export interface LbfgsOptions {
  maxIterations: number;
  memory?: number;
  tolerance?: number;
  onIteration?: (iteration: number, value: number) => void;
}

export function lbfgs(
  fg: (x: Float64Array, grad: Float64Array) => number,
  x0: Float64Array,
  options: LbfgsOptions,
): Float64Array {
  const n = x0.length;
  const m = options.memory ?? 10;
  const tol = options.tolerance ?? 1e-6;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(m);
  for (let iter = 0; iter < options.maxIterations; iter++) {
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(S[k]!, d);
      alpha[k] = a;
      axpy(-a, Y[k]!, d);
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    } else {
      const norm = Math.sqrt(dot(g, g)) || 1;
      for (let i = 0; i < n; i++) d[i]! /= norm;
    }
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, d);
      axpy(alpha[k]! - b, S[k]!, d);
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
    }
    let step = 1;
    let fNew = 0;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = fg(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    x.set(xNew);
    g.set(gNew);
    const improvement = f - fNew;
    f = fNew;
    options.onIteration?.(iter, f);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    if (Math.abs(improvement) < tol * Math.max(1, Math.abs(f))) break;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i]! += a * x[i]!;
}
