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
  /**
   * Row-major int16 weights (rows × stride, every model's columns side by side: 36 bytes a
   * row, so a matched feature costs one cache line); column c's real weight is
   * weights[row * stride + c] × colScale[c].
   */
  weights: Int16Array;
  /** `weights` read two columns at a time (little-endian machines; stride is even), else null. */
  pairs: Int32Array | null;
  colScale: Float64Array;
  stride: number;
  /** Per-row accumulator reused by Matches (analysis is synchronous). */
  scratch: Float32Array;
  /** Row buffer reused inside one Matches flush. */
  rowBuffer: Int32Array;
  /** Logit accumulator and hit buffers lent to one Matches at a time (back on `release()`). */
  spareAcc: Float64Array | null;
  spareHits: { rows: Int32Array; values: Float64Array } | null;
  /** Pending-feature buffers lent to one Matches at a time. */
  spare: { hashes: Int32Array; values: Float64Array } | null;
  /** 1 for rows worth showing in explanations (words, bigrams, lexicon, 5-char grams). */
  explainable: Uint8Array;
}

/** Open-addressing hash → row index (keys and values interleaved for cache locality). */
export class IntIndex {
  /** [key, row] pairs; row −1 marks an empty slot. */
  readonly slots: Int32Array;
  readonly mask: number;
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

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

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
  // An even stride lets flush read the int16 weights two at a time (see addPairs): an odd
  // column count gets one zero padding column that no model reads.
  if (stride % 2 === 1) stride++;
  const weights = new Int16Array(names.length * stride);
  const colScale = new Float64Array(stride);
  files.forEach((file, m) => {
    const model = models[m]!;
    const buf = Buffer.from(file.weights, 'base64');
    const ints = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
    const C = model.columns;
    // Softmax is invariant to a per-feature shift across classes: centring the weights makes
    // each weight directly the feature's push towards its class (used by explanations).
    // Centred weights are re-quantised to int16 with one scale per model.
    const centred = new Float64Array(file.features.length * C);
    let maxAbs = 0;
    for (let i = 0; i < file.features.length; i++) {
      let mean = 0;
      if (!model.binary) for (let c = 0; c < C; c++) mean += ints[i * C + c]! / C;
      for (let c = 0; c < C; c++) {
        const v = ints[i * C + c]! - mean;
        centred[i * C + c] = v;
        if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
      }
    }
    const q = maxAbs > 32767 ? maxAbs / 32767 : 1;
    for (let c = 0; c < C; c++) colScale[model.offset + c] = file.scale * q;
    file.features.forEach((name, i) => {
      const base = rows.get(hashFeature(name)) * stride + model.offset;
      for (let c = 0; c < C; c++) weights[base + c] = Math.round(centred[i * C + c]! / q);
    });
  });
  // The index was sized for the sum of every file's features (mostly the same names): rebuild
  // it for the merged rows (load ≈ 0.7, 512 KB instead of 2 MB) so it stays in cache next to
  // the weights; probes of one lookup mostly share a cache line. Lookups give the same rows.
  const index = new IntIndex(names.length);
  for (let row = 0; row < names.length; row++) index.set(hashFeature(names[row]!), row);
  const explainable = Uint8Array.from(names, (name) =>
    !name.startsWith('c:') || name.trim().length >= 6 ? 1 : 0,
  );
  return {
    table: {
      rows: index,
      names,
      weights,
      pairs: stride % 2 === 0 && LITTLE_ENDIAN ? new Int32Array(weights.buffer) : null,
      colScale,
      stride,
      scratch: new Float32Array(names.length),
      spareAcc: null,
      spareHits: null,
      rowBuffer: new Int32Array(1024),
      spare: null,
      explainable,
    },
    models,
  };
}

/**
 * out[c] += value × weight[c] for one row read as int32 pairs (little-endian: the low half is
 * the even column): the same multiply-adds in the same order as a plain int16 loop, with half
 * the loads and, unrolled by three pairs, a third of the loop overhead (the hottest loop).
 */
function addPairs(
  out: Float64Array,
  pairs: Int32Array,
  base: number,
  half: number,
  value: number,
): void {
  let j = 0;
  for (; j + 3 <= half; j += 3) {
    const x = pairs[base + j]!;
    const y = pairs[base + j + 1]!;
    const z = pairs[base + j + 2]!;
    const o = 2 * j;
    out[o]! += value * ((x << 16) >> 16);
    out[o + 1]! += value * (x >> 16);
    out[o + 2]! += value * ((y << 16) >> 16);
    out[o + 3]! += value * (y >> 16);
    out[o + 4]! += value * ((z << 16) >> 16);
    out[o + 5]! += value * (z >> 16);
  }
  for (; j < half; j++) {
    const x = pairs[base + j]!;
    out[2 * j]! += value * ((x << 16) >> 16);
    out[2 * j + 1]! += value * (x >> 16);
  }
}

/**
 * Features of one post matched against the table. The sink adds each matched feature's weights
 * to the logits of every model at once (one lookup and one pass over the row serve all models)
 * and records the explainable hits; `evidenceFor` merges repeated rows lazily.
 */
const EMPTY_I32 = new Int32Array(0);
const EMPTY_F64 = new Float64Array(0);

export class Matches {
  private readonly acc: Float64Array;
  /** Features received by the sink, resolved against the table in one batch. */
  private pendingHashes: Int32Array;
  private pendingValues: Float64Array;
  private pending = 0;
  /** Explainable hits in order (a row may repeat until `unique()` merges them). */
  private hitRows: Int32Array;
  private hitValues: Float64Array;
  private hitCount = 0;
  private uniqueCount = -1;
  private readonly record: boolean;
  /** `explain: false` when no evidence will be asked for (evaluation, training). */
  constructor(
    private readonly table: FeatureTable,
    options: { explain?: boolean } = {},
  ) {
    // A 144-byte Float64Array is allocated outside the JS heap: reuse the table's when free.
    const acc = table.spareAcc;
    table.spareAcc = null;
    this.acc = acc ? acc.fill(0) : new Float64Array(table.stride);
    const hits = table.spareHits;
    table.spareHits = null;
    // Without spares, start empty: Matches without explanations (training) never record hits.
    this.hitRows = hits?.rows ?? EMPTY_I32;
    this.hitValues = hits?.values ?? EMPTY_F64;
    this.record = options.explain !== false;
    // Borrow the table's spare buffers (returned after each flush); a second live Matches
    // simply allocates its own.
    const spare = table.spare;
    table.spare = null;
    this.pendingHashes = spare?.hashes ?? new Int32Array(1024);
    this.pendingValues = spare?.values ?? new Float64Array(1024);
  }
  /** Σ value × int16 weight over the matched features, every model's columns (× colScale). */
  get logits(): Float64Array {
    if (this.pending > 0) this.flush();
    return this.acc;
  }
  /** Logits of columns [0, end) (kept for callers of the former API: all are computed at once). */
  columns(_end?: number): Float64Array {
    return this.logits;
  }
  readonly sink = (hash: number, value: number): void => {
    if (this.pending === this.pendingHashes.length) this.growPending();
    this.pendingHashes[this.pending] = hash;
    this.pendingValues[this.pending] = value;
    this.pending++;
  };
  private growPending(): void {
    const n = Math.max(1024, this.pendingHashes.length * 2);
    const h = new Int32Array(n);
    h.set(this.pendingHashes.subarray(0, this.pending));
    const v = new Float64Array(n);
    v.set(this.pendingValues.subarray(0, this.pending));
    this.pendingHashes = h;
    this.pendingValues = v;
  }
  /**
   * Resolves the pending features in tight loops (hash lookups, cache warm-up, weight rows) so
   * the memory accesses of different features overlap, and adds every model's weights at once.
   */
  private flush(): void {
    const hashes = this.pendingHashes;
    const values = this.pendingValues;
    const n = this.pending;
    this.pending = 0;
    const table = this.table;
    const { slots, mask } = table.rows;
    if (table.rowBuffer.length < n) table.rowBuffer = new Int32Array(n * 2);
    // Only used within this call (analysis is synchronous).
    const rowsOut = table.rowBuffer;
    for (let f = 0; f < n; f++) {
      const k = hashes[f]!;
      let i = (Math.imul(k, 0x9e3779b1) >>> 0) & mask;
      let row = slots[2 * i + 1]!;
      while (row >= 0 && slots[2 * i] !== k) {
        i = (i + 1) & mask;
        row = slots[2 * i + 1]!;
      }
      rowsOut[f] = row;
    }
    const { weights: w, stride, explainable } = table;
    // Touch every matched row first: a tight loop of independent loads brings the rows into
    // cache in parallel (JavaScript has no prefetch), so the accumulation below does not stall.
    let touch = 0;
    const last = stride - 1;
    for (let f = 0; f < n; f++) {
      const row = rowsOut[f]!;
      if (row >= 0) touch += w[row * stride]! + w[row * stride + last]!;
    }
    this.touched = touch;
    const out = this.acc;
    const record = this.record;
    const pairs = table.pairs;
    const half = stride >> 1;
    for (let f = 0; f < n; f++) {
      const row = rowsOut[f]!;
      if (row < 0) continue;
      const value = values[f]!;
      if (pairs) addPairs(out, pairs, row * half, half, value);
      else {
        const base = row * stride;
        for (let j = 0; j < stride; j++) out[j]! += value * w[base + j]!;
      }
      if (record && explainable[row] === 1) {
        if (this.hitCount === this.hitRows.length) this.growHits();
        this.hitRows[this.hitCount] = row;
        this.hitValues[this.hitCount++] = value;
        this.uniqueCount = -1;
      }
    }
    if (table.spare === null) {
      table.spare = { hashes, values };
      // Further features (rare) go to fresh buffers: these now belong to the table.
      this.pendingHashes = EMPTY_I32;
      this.pendingValues = EMPTY_F64;
    }
  }
  private growHits(): void {
    const rows = new Int32Array(Math.max(256, this.hitRows.length * 2));
    rows.set(this.hitRows);
    const values = new Float64Array(rows.length);
    values.set(this.hitValues);
    this.hitRows = rows;
    this.hitValues = values;
  }
  /** Sink for the cache-warming loop (keeps it from being optimised away). */
  touched = 0;
  /** Merges repeated explainable rows (summing their values); returns how many remain. */
  unique(): number {
    if (this.pending > 0) this.flush();
    if (this.uniqueCount >= 0) return this.uniqueCount;
    const scratch = this.table.scratch;
    const rows = this.hitRows;
    const values = this.hitValues;
    const n = this.hitCount;
    for (let i = 0; i < n; i++) scratch[rows[i]!]! += values[i]!;
    let u = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      const v = scratch[row]!;
      if (v === 0) continue;
      scratch[row] = 0;
      rows[u] = row;
      values[u] = v;
      u++;
    }
    this.hitCount = u;
    this.uniqueCount = u;
    return u;
  }
  /** Explainable rows (merged) and their values. */
  explained(): { rows: ArrayLike<number>; values: ArrayLike<number>; count: number } {
    const count = this.unique();
    return { rows: this.hitRows, values: this.hitValues, count };
  }
  /** Gives the accumulator back to the table: the caller reads nothing from this afterwards. */
  release(): void {
    this.table.spareAcc ??= this.acc;
    this.table.spareHits ??= { rows: this.hitRows, values: this.hitValues };
  }
  /** Kept for compatibility: nothing to finish. */
  done(): this {
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
  const all = matches.logits;
  const logits = new Array<number>(C);
  for (let c = 0; c < C; c++)
    logits[c] =
      model.bias[c]! +
      model.offsets[c]! +
      all[model.offset + c]! * table.colScale[model.offset + c]!;
  if (model.binary) {
    const p = 1 / (1 + Math.exp(-logits[0]!));
    return { probs: [1 - p, p], logits };
  }
  let max = -Infinity;
  for (let c = 0; c < C; c++) if (logits[c]! > max) max = logits[c]!;
  let z = 0;
  const probs = new Array<number>(C);
  for (let c = 0; c < C; c++) {
    const e = Math.exp(logits[c]! - max);
    probs[c] = e;
    z += e;
  }
  for (let c = 0; c < C; c++) probs[c]! /= z;
  return { probs, logits };
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
  const { rows, values, count } = matches.explained();
  // Keep the `top` largest positive contributions (insertion into a small sorted list).
  const bestRows: number[] = [];
  const bestW: number[] = [];
  const col = model.offset + (model.binary ? 0 : label);
  const sign = (model.binary && label !== 1 ? -1 : 1) * table.colScale[col]!;
  let floor = 0;
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    const w = sign * weights[row * stride + col]! * values[i]!;
    if (w <= floor) continue;
    let k = bestW.length;
    if (k < top) {
      bestW.push(w);
      bestRows.push(row);
    } else k--;
    while (k > 0 && bestW[k - 1]! < w) {
      bestW[k] = bestW[k - 1]!;
      bestRows[k] = bestRows[k - 1]!;
      k--;
    }
    bestW[k] = w;
    bestRows[k] = row;
    if (bestW.length === top) floor = bestW[top - 1]!;
  }
  const out: Evidence[] = new Array<Evidence>(bestRows.length);
  for (let k = 0; k < bestRows.length; k++)
    out[k] = { feature: table.names[bestRows[k]!]!, weight: Math.round(bestW[k]! * 1000) / 1000 };
  return out;
}
