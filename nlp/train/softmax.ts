/**
 * Weighted multinomial logistic regression with L2 penalty on a CSR matrix, trained with
 * L-BFGS. Parameters are laid out as W[f*K + k] followed by the K biases.
 */
import { lbfgs } from './lbfgs.js';

export interface Csr {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export interface SoftmaxOptions {
  classes: number;
  l2: number;
  /** Per-sample weights (class weighting); defaults to 1. */
  sampleWeights?: Float64Array;
  /** Soft targets (rows × K), overriding `labels` when given. */
  soft?: Float64Array;
  maxIterations?: number;
}

export interface SoftmaxModel {
  classes: number;
  cols: number;
  weights: Float64Array;
  bias: Float64Array;
}

export function trainSoftmax(X: Csr, labels: Int32Array, options: SoftmaxOptions): SoftmaxModel {
  const K = options.classes;
  const F = X.cols;
  const sw = options.sampleWeights ?? new Float64Array(X.rows).fill(1);
  let totalWeight = 0;
  for (let i = 0; i < X.rows; i++) totalWeight += sw[i]!;
  const logits = new Float64Array(K);
  const fg = (params: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < X.rows; i++) {
      const start = X.indptr[i]!;
      const end = X.indptr[i + 1]!;
      for (let k = 0; k < K; k++) logits[k] = params[F * K + k]!;
      for (let p = start; p < end; p++) {
        const base = X.indices[p]! * K;
        const v = X.values[p]!;
        for (let k = 0; k < K; k++) logits[k]! += v * params[base + k]!;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (logits[k]! > max) max = logits[k]!;
      let z = 0;
      for (let k = 0; k < K; k++) {
        logits[k] = Math.exp(logits[k]! - max);
        z += logits[k]!;
      }
      const w = sw[i]! / totalWeight;
      for (let k = 0; k < K; k++) {
        const prob = logits[k]! / z;
        const target = options.soft ? options.soft[i * K + k]! : labels[i] === k ? 1 : 0;
        if (target > 0) loss -= w * target * Math.log(Math.max(prob, 1e-15));
        logits[k] = w * (prob - target);
      }
      for (let p = start; p < end; p++) {
        const base = X.indices[p]! * K;
        const v = X.values[p]!;
        for (let k = 0; k < K; k++) grad[base + k]! += v * logits[k]!;
      }
      for (let k = 0; k < K; k++) grad[F * K + k]! += logits[k]!;
    }
    const l2 = options.l2;
    for (let j = 0; j < F * K; j++) {
      const p = params[j]!;
      loss += 0.5 * l2 * p * p;
      grad[j]! += l2 * p;
    }
    return loss;
  };
  const params = lbfgs(fg, new Float64Array(F * K + K), {
    maxIterations: options.maxIterations ?? 150,
  });
  return { classes: K, cols: F, weights: params.subarray(0, F * K), bias: params.subarray(F * K) };
}
