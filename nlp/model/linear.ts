/**
 * Linear models over hashed sparse features, as stored in nlp/weights/<task>.json, and the
 * merged feature table used at inference: one hash lookup per feature serves every model.
 * Weights are int16, base64, scaled by `scale`; binary models keep one column (logit of the
 * positive class). Feature names are kept for explanations.
 */
import type { Evidence } from '../../models/common.js';
import { hashFeature } from '../features/hash.js';

export interface LinearModelFile {
  format: 1;
  task: string;
  labels: string[];
  binary: boolean;
  extract: { minCharN: number; maxCharN: number };
  /** Probability threshold for the positive class (binary) — tuned on held-out data. */
  threshold?: number;
  /** Per-class additive logit offsets (multi-class calibration). */
  offsets?: number[];
  bias: number[];
  scale: number;
  features: string[];
  /** base64 of an Int16Array, features × columns. */
  weights: string;
  meta: Record<string, unknown>;
}

export interface LinearModel {
  task: string;
  labels: string[];
  binary: boolean;
  columns: number;
  offset: number;
  bias: Float64Array;
  threshold: number;
  offsets: Float64Array;
}

export interface FeatureTable {
  rows: IntIndex;
  names: string[];
  weights: Float32Array;
  stride: number;
  /** Per-row accumulator reused by Matches (analysis is synchronous). */
  scratch: Float32Array;
  /** 1 for rows worth showing in explanations (words, bigrams, lexicon, 5-char grams). */
  explainable: Uint8Array;
}

/** Open-addressing hash → row index (keys and values interleaved for cache locality). */
export class IntIndex {
  private slots: Int32Array;
  private mask: number;
  size = 0;
  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 1.4) cap <<= 1;
    this.slots = new Int32Array(cap * 2).fill(-1);
    this.mask = cap - 1;
  }
  get(key: number): number {
    const k = key | 0;
    const slots = this.slots;
    let i = (Math.imul(k, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const v = slots[2 * i + 1]!;
      if (v < 0) return -1;
      if (slots[2 * i] === k) return v;
      i = (i + 1) & this.mask;
    }
  }
  has(key: number): boolean {
    return this.get(key) >= 0;
  }
  set(key: number, value: number): void {
    const k = key | 0;
    let i = (Math.imul(k, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      if (this.slots[2 * i + 1]! < 0) {
        this.slots[2 * i] = k;
        this.slots[2 * i + 1] = value;
        this.size++;
        return;
      }
      if (this.slots[2 * i] === k) {
        this.slots[2 * i + 1] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }
}

export function buildTable(files: LinearModelFile[]): {
  table: FeatureTable;
  models: LinearModel[];
} {
  const rows = new IntIndex(files.reduce((n, f) => n + f.features.length, 0));
  const names: string[] = [];
  const models: LinearModel[] = [];
  let stride = 0;
  for (const file of files) {
    const columns = file.binary ? 1 : file.labels.length;
    models.push({
      task: file.task,
      labels: file.labels,
      binary: file.binary,
      columns,
      offset: stride,
      bias: Float64Array.from(file.bias),
      threshold: file.threshold ?? 0.5,
      offsets: Float64Array.from(file.offsets ?? new Array(columns).fill(0)),
    });
    stride += columns;
    for (const name of file.features) {
      const h = hashFeature(name);
      if (!rows.has(h)) {
        rows.set(h, names.length);
        names.push(name);
      }
    }
  }
  const weights = new Float32Array(names.length * stride);
  files.forEach((file, m) => {
    const model = models[m]!;
    const buf = Buffer.from(file.weights, 'base64');
    const ints = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
    file.features.forEach((name, i) => {
      const row = rows.get(hashFeature(name));
      const base = row * stride + model.offset;
      // Softmax is invariant to a per-feature shift across classes: centring the weights makes
      // each weight directly the feature's push towards its class (used by explanations).
      let mean = 0;
      if (!model.binary)
        for (let c = 0; c < model.columns; c++)
          mean += ints[i * model.columns + c]! / model.columns;
      for (let c = 0; c < model.columns; c++)
        weights[base + c] = (ints[i * model.columns + c]! - mean) * file.scale;
    });
  });
  const explainable = Uint8Array.from(names, (name) =>
    !name.startsWith('c:') || name.trim().length >= 6 ? 1 : 0,
  );
  return {
    table: { rows, names, weights, stride, scratch: new Float32Array(names.length), explainable },
    models,
  };
}

/**
 * Features of one post matched against the table, one entry per row (repeated features are
 * summed). Call `done()` (predict and evidenceFor do) after the last feature.
 */
export class Matches {
  rows: number[] = [];
  values: number[] = [];
  /** Indices (into rows/values) of explainable rows. */
  explain: number[] = [];
  private finished = false;
  private logits: Float64Array;
  private computed = 0;
  constructor(private readonly table: FeatureTable) {
    this.logits = new Float64Array(table.stride);
  }
  /** Σ value × weight for columns [0, end), one pass over the matched rows per request. */
  columns(end: number): Float64Array {
    if (end <= this.computed) return this.logits;
    this.done();
    const { weights, stride } = this.table;
    const out = this.logits;
    const { rows, values } = this;
    const from = this.computed;
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i]! * stride;
      const v = values[i]!;
      for (let j = from; j < end; j++) out[j]! += v * weights[base + j]!;
    }
    this.computed = end;
    return out;
  }
  readonly sink = (hash: number, value: number): void => {
    const row = this.table.rows.get(hash);
    if (row < 0) return;
    const scratch = this.table.scratch;
    if (scratch[row] === 0) this.rows.push(row);
    scratch[row]! += value;
  };
  done(): this {
    if (this.finished) return this;
    this.finished = true;
    const { scratch, explainable } = this.table;
    const rows = this.rows;
    const values = new Array<number>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      values[i] = scratch[row]!;
      scratch[row] = 0;
      if (explainable[row] === 1) this.explain.push(i);
    }
    this.values = values;
    return this;
  }
}

export interface Prediction {
  /** Class probabilities in `labels` order (binary: [P(0), P(1)]). */
  probs: number[];
  logits: number[];
}

export function predict(model: LinearModel, table: FeatureTable, matches: Matches): Prediction {
  const C = model.columns;
  const logits = new Array<number>(C);
  const all = matches.columns(model.offset + C);
  for (let c = 0; c < C; c++)
    logits[c] = model.bias[c]! + model.offsets[c]! + all[model.offset + c]!;
  if (model.binary) {
    const p = 1 / (1 + Math.exp(-logits[0]!));
    return { probs: [1 - p, p], logits };
  }
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  let z = 0;
  const probs = logits.map((l) => {
    const e = Math.exp(l - max);
    z += e;
    return e;
  });
  return { probs: probs.map((p) => p / z), logits };
}

/** Top features pushing towards `label` (binary: sign +1 for the positive class, -1 for the negative). */
export function evidenceFor(
  model: LinearModel,
  table: FeatureTable,
  matches: Matches,
  label: number,
  top = 5,
): Evidence[] {
  const { weights, stride } = table;
  const { rows, values } = matches.done();
  // Keep the `top` largest positive contributions (insertion into a small sorted list).
  const bestRows: number[] = [];
  const bestW: number[] = [];
  for (const i of matches.explain) {
    const row = rows[i]!;
    const base = row * stride + model.offset;
    const w =
      (model.binary ? (label === 1 ? weights[base]! : -weights[base]!) : weights[base + label]!) *
      values[i]!;
    if (w <= 0 || (bestW.length === top && w <= bestW[top - 1]!)) continue;
    let k = bestW.length;
    while (k > 0 && bestW[k - 1]! < w) k--;
    bestW.splice(k, 0, w);
    bestRows.splice(k, 0, row);
    if (bestW.length > top) {
      bestW.pop();
      bestRows.pop();
    }
  }
  return bestRows.map((row, k) => ({
    feature: table.names[row]!,
    weight: Math.round(bestW[k]! * 1000) / 1000,
  }));
}
