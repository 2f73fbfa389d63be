/**
 * Self-supervised word vectors from unlabelled texts: positive PMI of word co-occurrences
 * (±window, context-distribution smoothing 0.75) factorised by a randomised truncated SVD
 * (U·√S, rows scaled to unit length). Deterministic.
 */
import { rng } from './mlp.js';

export interface WordVectorOptions {
  dim: number;
  window: number;
  minCount: number;
  maxWords: number;
  /** Power iterations of the randomised SVD. */
  powerIterations: number;
}

export const DEFAULT_WORDVEC: WordVectorOptions = {
  dim: 100,
  window: 4,
  minCount: 3,
  maxWords: 30000,
  powerIterations: 3,
};

export interface WordVectors {
  words: string[];
  dim: number;
  /** words × dim, row-major. */
  vectors: Float32Array;
}

/** Token lists (already normalised) → word vectors. */
export function buildWordVectors(
  sentences: readonly (readonly string[])[],
  options: WordVectorOptions = DEFAULT_WORDVEC,
): WordVectors {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()]
    .filter(([w, n]) => n >= options.minCount && /\p{L}/u.test(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxWords)
    .map(([w]) => w);
  const index = new Map(words.map((w, i) => [w, i]));
  const V = words.length;
  // Co-occurrence counts weighted 1/distance, keyed i·V + j.
  const co = new Map<number, number>();
  for (const s of sentences) {
    const ids = s.map((w) => index.get(w) ?? -1);
    for (let a = 0; a < ids.length; a++) {
      const i = ids[a]!;
      if (i < 0) continue;
      for (let d = 1; d <= options.window && a + d < ids.length; d++) {
        const j = ids[a + d]!;
        if (j < 0 || j === i) continue;
        const w = 1 / d;
        co.set(i * V + j, (co.get(i * V + j) ?? 0) + w);
        co.set(j * V + i, (co.get(j * V + i) ?? 0) + w);
      }
    }
  }
  const rowSum = new Float64Array(V);
  const colSum = new Float64Array(V);
  let total = 0;
  for (const [key, n] of co) {
    rowSum[Math.floor(key / V)]! += n;
    colSum[key % V]! += n;
    total += n;
  }
  let colSmoothTotal = 0;
  for (let j = 0; j < V; j++) colSmoothTotal += Math.pow(colSum[j]!, 0.75);
  // PPMI as CSR.
  const keys = [...co.keys()].sort((a, b) => a - b);
  const indptr = new Int32Array(V + 1);
  const indices: number[] = [];
  const values: number[] = [];
  let row = 0;
  for (const key of keys) {
    const i = Math.floor(key / V);
    const j = key % V;
    const pmi = Math.log(
      (co.get(key)! * colSmoothTotal) / (rowSum[i]! * Math.pow(colSum[j]!, 0.75)) / 1,
    );
    if (pmi <= 0) continue;
    while (row < i) indptr[++row] = indices.length;
    indices.push(j);
    values.push(pmi);
  }
  while (row < V) indptr[++row] = indices.length;
  void total;
  const M = { indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
  const r = Math.min(V, options.dim + 10);
  // Randomised range finder: Y = M Ω, with power iterations Y = M (Mᵀ Q).
  const random = rng(7);
  let Q: Float64Array = new Float64Array(V * r); // row-major V × r
  for (let x = 0; x < Q.length; x++) Q[x] = random() - 0.5;
  Q = orthonormalize(mulSparse(M, Q, V, r), V, r);
  for (let it = 0; it < options.powerIterations; it++) {
    Q = orthonormalize(mulSparseT(M, Q, V, r), V, r);
    Q = orthonormalize(mulSparse(M, Q, V, r), V, r);
  }
  // B = Qᵀ M (r × V): B Bᵀ = Qᵀ M Mᵀ Q; its eigenvectors give U = Q · Ub, S = √λ.
  const Bt = mulSparseT(M, Q, V, r); // V × r = Mᵀ Q
  const G = new Float64Array(r * r);
  for (let v = 0; v < V; v++)
    for (let a = 0; a < r; a++) {
      const x = Bt[v * r + a]!;
      if (x === 0) continue;
      for (let b = 0; b < r; b++) G[a * r + b]! += x * Bt[v * r + b]!;
    }
  const { values: lambda, vectors: Ub } = jacobiEigen(G, r);
  const order = [...lambda.keys()].sort((a, b) => lambda[b]! - lambda[a]!).slice(0, options.dim);
  const dim = order.length;
  const vectors = new Float32Array(V * dim);
  for (let v = 0; v < V; v++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const e = order[d]!;
      let u = 0;
      for (let a = 0; a < r; a++) u += Q[v * r + a]! * Ub[a * r + e]!;
      const x = u * Math.pow(Math.max(lambda[e]!, 0), 0.25); // U · √S (S = √λ)
      vectors[v * dim + d] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dim; d++) vectors[v * dim + d]! /= norm;
  }
  // Fix each dimension's sign (the largest |component| positive) for reproducible vectors.
  for (let d = 0; d < dim; d++) {
    let big = 0;
    for (let v = 0; v < V; v++)
      if (Math.abs(vectors[v * dim + d]!) > Math.abs(big)) big = vectors[v * dim + d]!;
    if (big < 0) for (let v = 0; v < V; v++) vectors[v * dim + d] = -vectors[v * dim + d]!;
  }
  return { words, dim, vectors };
}

interface SparseRows {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** M (V × V) · X (V × r). */
function mulSparse(M: SparseRows, X: Float64Array, V: number, r: number): Float64Array {
  const out = new Float64Array(V * r);
  for (let i = 0; i < V; i++)
    for (let p = M.indptr[i]!; p < M.indptr[i + 1]!; p++) {
      const j = M.indices[p]!;
      const m = M.values[p]!;
      for (let a = 0; a < r; a++) out[i * r + a]! += m * X[j * r + a]!;
    }
  return out;
}

/** Mᵀ (V × V) · X (V × r). */
function mulSparseT(M: SparseRows, X: Float64Array, V: number, r: number): Float64Array {
  const out = new Float64Array(V * r);
  for (let i = 0; i < V; i++)
    for (let p = M.indptr[i]!; p < M.indptr[i + 1]!; p++) {
      const j = M.indices[p]!;
      const m = M.values[p]!;
      for (let a = 0; a < r; a++) out[j * r + a]! += m * X[i * r + a]!;
    }
  return out;
}

/** Modified Gram–Schmidt on the r columns of a row-major V × r matrix. */
function orthonormalize(X: Float64Array, V: number, r: number): Float64Array {
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < a; b++) {
      let dot = 0;
      for (let v = 0; v < V; v++) dot += X[v * r + a]! * X[v * r + b]!;
      for (let v = 0; v < V; v++) X[v * r + a]! -= dot * X[v * r + b]!;
    }
    let norm = 0;
    for (let v = 0; v < V; v++) norm += X[v * r + a]! * X[v * r + a]!;
    norm = Math.sqrt(norm) || 1;
    for (let v = 0; v < V; v++) X[v * r + a]! /= norm;
  }
  return X;
}

/** Cyclic Jacobi eigen-decomposition of a symmetric n × n matrix (eigenvectors as columns). */
export function jacobiEigen(
  A0: Float64Array,
  n: number,
): { values: number[]; vectors: Float64Array } {
  const A = Float64Array.from(A0);
  const Vm = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Vm[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = A[p * n + p]!;
        const aqq = A[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]!;
          const akq = A[k * n + q]!;
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]!;
          const aqk = A[q * n + k]!;
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = Vm[k * n + p]!;
          const vkq = Vm[k * n + q]!;
          Vm[k * n + p] = c * vkp - s * vkq;
          Vm[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  return { values: Array.from({ length: n }, (_, i) => A[i * n + i]!), vectors: Vm };
}
