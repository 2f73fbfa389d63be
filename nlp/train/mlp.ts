/**
 * A shallow neural classifier over the same hashed sparse features as the linear models:
 *
 *   hidden = relu(b1 + Σ_j x_j · E[j])      (embedding bag: one H-vector per kept feature)
 *   logits = b2 + hidden · W2               (H × K)
 *
 * trained with weighted softmax cross-entropy, input-feature dropout and hidden dropout, Adam
 * (lazy on the embedding rows: only the rows of a batch's features move), and early stopping on
 * an inner validation split (by text). Several seeds (each with its own validation split) are
 * trained and their probabilities averaged. Deterministic for given inputs and seeds.
 */
import type { SparseDoc } from './fit.js';

export interface MlpOptions {
  hidden: number;
  /** Vocabulary: features with document frequency ≥ minDf, the `maxFeatures` most frequent. */
  minDf: number;
  maxFeatures: number;
  epochs: number;
  patience: number;
  batch: number;
  lr: number;
  /** Dropout on the hidden units and on the input features (each active feature of a post). */
  dropout: number;
  inputDropout: number;
  /** Decoupled weight decay (AdamW) on every weight (embedding rows when they move). */
  weightDecay: number;
  classWeightPower: number;
  seeds: number;
  /** Standard deviation of the initial embedding weights. */
  initStd: number;
  /** Share of the training rows (by text group) kept aside for early stopping (0–1). */
  validation: number;
}

export const DEFAULT_MLP: MlpOptions = {
  hidden: 64,
  minDf: 2,
  maxFeatures: 30000,
  epochs: 30,
  patience: 4,
  batch: 32,
  lr: 2e-3,
  dropout: 0.3,
  inputDropout: 0.2,
  weightDecay: 0,
  classWeightPower: 0.5,
  seeds: 3,
  initStd: 0.1,
  validation: 0.1,
};

/** A trained network (float weights) over features named by their hashes. */
export interface MlpNet {
  hashes: Int32Array;
  /** Per-feature input multiplier (1 for sparse features, 1/RMS for lexicon / surface values). */
  inputScale: Float32Array;
  hidden: number;
  classes: number;
  /** features × hidden, row-major. */
  embed: Float32Array;
  b1: Float32Array;
  /** hidden × classes, row-major. */
  w2: Float32Array;
  b2: Float32Array;
}

export interface MlpInput {
  docs: SparseDoc[];
  labels: Int32Array;
  /** Per-example weights (source weights). */
  weights: Float64Array;
  classes: number;
  /** A group id per row (e.g. a hash of its text): validation splits never cut a group. */
  groups: Uint32Array;
  /** Names of the features by hash (dense lexicon / surface inputs are rescaled). */
  names: Map<number, string>;
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Encoded {
  /** CSR over the vocabulary. */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function buildVocabulary(
  docs: SparseDoc[],
  names: Map<number, string>,
  options: Pick<MlpOptions, 'minDf' | 'maxFeatures'>,
): { hashes: Int32Array; inputScale: Float32Array } {
  const df = new Map<number, number>();
  const sq = new Map<number, number>();
  for (const doc of docs)
    doc.hashes.forEach((h, k) => {
      df.set(h, (df.get(h) ?? 0) + 1);
      const name = names.get(h) ?? '';
      if (name.startsWith('l:') || name.startsWith('s:'))
        sq.set(h, (sq.get(h) ?? 0) + doc.values[k]! * doc.values[k]!);
    });
  const kept = [...df.entries()]
    .filter(([h, n]) => n >= options.minDf || sq.has(h))
    .sort((a, b) => b[1] - a[1] || (a[0] >>> 0) - (b[0] >>> 0))
    .slice(0, options.maxFeatures)
    .map(([h]) => h);
  kept.sort((a, b) => (a >>> 0) - (b >>> 0));
  const inputScale = Float32Array.from(kept, (h) => {
    const s = sq.get(h);
    if (s === undefined) return 1;
    // Lexicon and surface values (counts, ratios, lengths) to a unit root-mean-square, then
    // down to the size of one word's value (≈ 0.15).
    const rms = Math.sqrt(s / Math.max(1, df.get(h)!));
    return rms > 0 ? 0.3 / rms : 1;
  });
  return { hashes: Int32Array.from(kept), inputScale };
}

function encode(docs: SparseDoc[], hashes: Int32Array, inputScale: Float32Array): Encoded {
  const index = new Map<number, number>();
  hashes.forEach((h, j) => index.set(h >>> 0, j));
  const indptr = new Int32Array(docs.length + 1);
  const idx: number[] = [];
  const val: number[] = [];
  docs.forEach((doc, i) => {
    for (let k = 0; k < doc.hashes.length; k++) {
      const j = index.get(doc.hashes[k]! >>> 0);
      if (j === undefined) continue;
      idx.push(j);
      val.push(doc.values[k]! * inputScale[j]!);
    }
    indptr[i + 1] = idx.length;
  });
  return { indptr, indices: Int32Array.from(idx), values: Float32Array.from(val) };
}

/** Probabilities (rows × classes) of one network for encoded rows (no dropout). */
function forwardAll(net: MlpNet, X: Encoded, rows: ArrayLike<number>, out: Float64Array): void {
  const H = net.hidden;
  const K = net.classes;
  const h = new Float64Array(H);
  const z = new Float64Array(K);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    h.set(net.b1);
    for (let p = X.indptr[i]!; p < X.indptr[i + 1]!; p++) {
      const base = X.indices[p]! * H;
      const v = X.values[p]!;
      for (let u = 0; u < H; u++) h[u]! += v * net.embed[base + u]!;
    }
    z.set(net.b2);
    for (let u = 0; u < H; u++) {
      const a = h[u]!;
      if (a <= 0) continue;
      for (let k = 0; k < K; k++) z[k]! += a * net.w2[u * K + k]!;
    }
    softmaxInPlace(z);
    for (let k = 0; k < K; k++) out[r * K + k] = z[k]!;
  }
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k]! > max) max = z[k]!;
  let s = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k]! - max);
    s += z[k]!;
  }
  for (let k = 0; k < z.length; k++) z[k]! /= s;
}

const BETA1 = 0.9;
const BETA2 = 0.999;

/** One Adam(W) step on p[from, to) (bias-corrected rate `lrT`, decoupled decay factor). */
function adamStep(
  p: Float32Array,
  m: Float32Array,
  v: Float32Array,
  g: Float32Array,
  from: number,
  to: number,
  lrT: number,
  decay: number,
): void {
  for (let x = from; x < to; x++) {
    const gx = g[x]!;
    const mx = BETA1 * m[x]! + (1 - BETA1) * gx;
    const vx = BETA2 * v[x]! + (1 - BETA2) * gx * gx;
    m[x] = mx;
    v[x] = vx;
    p[x] = p[x]! * decay - (lrT * mx) / (Math.sqrt(vx) + 1e-8);
  }
}

/** Trains one network with early stopping on the rows where `isVal` is 1. */
export function trainNet(
  X: Encoded,
  vocab: { hashes: Int32Array; inputScale: Float32Array },
  labels: Int32Array,
  sampleWeights: Float64Array,
  classes: number,
  isVal: Uint8Array,
  options: MlpOptions,
  seed: number,
  log?: (m: string) => void,
): MlpNet {
  const random = rng(seed);
  const F = vocab.hashes.length;
  const H = options.hidden;
  const K = classes;
  const gauss = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const net: MlpNet = {
    hashes: vocab.hashes,
    inputScale: vocab.inputScale,
    hidden: H,
    classes: K,
    embed: new Float32Array(F * H),
    b1: new Float32Array(H),
    w2: new Float32Array(H * K),
    b2: new Float32Array(K),
  };
  for (let i = 0; i < net.embed.length; i++) net.embed[i] = options.initStd * gauss();
  const w2Std = Math.sqrt(2 / (H + K));
  for (let i = 0; i < net.w2.length; i++) net.w2[i] = w2Std * gauss();
  net.b1.fill(0.1);
  // Adam state.
  const mE = new Float32Array(F * H);
  const vE = new Float32Array(F * H);
  const mB1 = new Float32Array(H);
  const vB1 = new Float32Array(H);
  const mW2 = new Float32Array(H * K);
  const vW2 = new Float32Array(H * K);
  const mB2 = new Float32Array(K);
  const vB2 = new Float32Array(K);
  const gE = new Float32Array(F * H);
  const touched = new Int32Array(F);
  const stamp = new Int32Array(F).fill(-1);
  const gB1 = new Float32Array(H);
  const gW2 = new Float32Array(H * K);
  const gB2 = new Float32Array(K);

  const train: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < labels.length; i++) (isVal[i] ? val : train).push(i);
  let meanW = 0;
  for (const i of train) meanW += sampleWeights[i]! / train.length;

  const hpre = new Float64Array(H);
  const hact = new Float64Array(H);
  const mask = new Float64Array(H);
  const z = new Float64Array(K);
  const dh = new Float64Array(H);
  const keepH = 1 - options.dropout;
  const keepIn = 1 - options.inputDropout;
  const activeIdx = new Int32Array(4096);
  const activeVal = new Float64Array(4096);

  let step = 0;
  let best = { loss: Infinity, epoch: -1 };
  let bestNet: MlpNet | null = null;
  const valProbs = new Float64Array(val.length * K);
  const order = Int32Array.from(train);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Fisher–Yates with the seeded generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let start = 0; start < order.length; start += options.batch) {
      const end = Math.min(order.length, start + options.batch);
      let nTouched = 0;
      gB1.fill(0);
      gW2.fill(0);
      gB2.fill(0);
      for (let b = start; b < end; b++) {
        const i = order[b]!;
        // Forward with input dropout.
        let nActive = 0;
        hpre.set(net.b1);
        for (let p = X.indptr[i]!; p < X.indptr[i + 1]!; p++) {
          if (keepIn < 1 && random() >= keepIn) continue;
          const j = X.indices[p]!;
          const v = X.values[p]! / keepIn;
          if (nActive < activeIdx.length) {
            activeIdx[nActive] = j;
            activeVal[nActive++] = v;
          }
          const base = j * H;
          for (let u = 0; u < H; u++) hpre[u]! += v * net.embed[base + u]!;
        }
        z.set(net.b2);
        for (let u = 0; u < H; u++) {
          const on = keepH >= 1 || random() < keepH ? 1 / keepH : 0;
          mask[u] = hpre[u]! > 0 ? on : 0;
          hact[u] = hpre[u]! * mask[u]!;
          const a = hact[u]!;
          if (a === 0) continue;
          for (let k = 0; k < K; k++) z[k]! += a * net.w2[u * K + k]!;
        }
        softmaxInPlace(z);
        const w = sampleWeights[i]! / meanW / (end - start);
        // dz = w (p − y)
        for (let k = 0; k < K; k++) z[k] = w * (z[k]! - (labels[i] === k ? 1 : 0));
        for (let k = 0; k < K; k++) gB2[k]! += z[k]!;
        for (let u = 0; u < H; u++) {
          let d = 0;
          const a = hact[u]!;
          for (let k = 0; k < K; k++) {
            d += net.w2[u * K + k]! * z[k]!;
            if (a !== 0) gW2[u * K + k]! += a * z[k]!;
          }
          dh[u] = d * mask[u]!;
          gB1[u]! += dh[u]!;
        }
        for (let q = 0; q < nActive; q++) {
          const j = activeIdx[q]!;
          const v = activeVal[q]!;
          const base = j * H;
          if (stamp[j] !== step) {
            stamp[j] = step;
            touched[nTouched++] = j;
            for (let u = 0; u < H; u++) gE[base + u] = 0;
          }
          for (let u = 0; u < H; u++) gE[base + u]! += v * dh[u]!;
        }
      }
      step++;
      const lrT = (options.lr * Math.sqrt(1 - Math.pow(BETA2, step))) / (1 - Math.pow(BETA1, step));
      const decay = 1 - options.lr * options.weightDecay;
      for (let t = 0; t < nTouched; t++) {
        const base = touched[t]! * H;
        adamStep(net.embed, mE, vE, gE, base, base + H, lrT, decay);
      }
      adamStep(net.b1, mB1, vB1, gB1, 0, H, lrT, decay);
      adamStep(net.w2, mW2, vW2, gW2, 0, H * K, lrT, decay);
      adamStep(net.b2, mB2, vB2, gB2, 0, K, lrT, 1);
    }
    // Validation: weighted log-loss (the training objective without dropout).
    forwardAll(net, X, val, valProbs);
    let loss = 0;
    let wsum = 0;
    val.forEach((i, r) => {
      const w = sampleWeights[i]!;
      loss -= w * Math.log(Math.max(valProbs[r * K + labels[i]!]!, 1e-12));
      wsum += w;
    });
    loss /= wsum || 1;
    log?.(`  seed ${seed} epoch ${epoch + 1} val loss ${loss.toFixed(4)}`);
    if (loss < best.loss - 1e-5) {
      best = { loss, epoch };
      bestNet = {
        ...net,
        embed: Float32Array.from(net.embed),
        b1: Float32Array.from(net.b1),
        w2: Float32Array.from(net.w2),
        b2: Float32Array.from(net.b2),
      };
    } else if (epoch - best.epoch >= options.patience) break;
  }
  return bestNet ?? net;
}

export interface MlpEnsemble {
  nets: MlpNet[];
  /** Best epochs and validation losses, for the record. */
  epochs: number[];
}

/** Trains `options.seeds` networks (seed s validates on its own tenth of the groups). */
export function fitMlp(
  input: MlpInput,
  options: MlpOptions,
  log?: (m: string) => void,
): MlpEnsemble {
  const vocab = buildVocabulary(input.docs, input.names, options);
  const X = encode(input.docs, vocab.hashes, vocab.inputScale);
  const K = input.classes;
  const counts = new Float64Array(K);
  for (let i = 0; i < input.labels.length; i++) counts[input.labels[i]!]! += input.weights[i]!;
  const total = counts.reduce((a, b) => a + b, 0);
  const sw = Float64Array.from(input.labels, (l, i) => {
    const freq = counts[l]! / total;
    return input.weights[i]! * Math.pow(1 / (K * freq), options.classWeightPower);
  });
  const slices = Math.max(2, Math.round(1 / options.validation));
  const nets: MlpNet[] = [];
  for (let s = 0; s < options.seeds; s++) {
    const isVal = Uint8Array.from(input.groups, (g) =>
      (Math.imul(g ^ 0x5bd1e995, 0x9e3779b1) >>> 0) % slices === s % slices ? 1 : 0,
    );
    nets.push(trainNet(X, vocab, input.labels, sw, K, isVal, options, 1000 + s, log));
  }
  return { nets, epochs: [] };
}

/** Averaged probabilities of the ensemble for sparse documents. */
export function predictMlp(ens: MlpEnsemble, docs: SparseDoc[]): number[][] {
  const K = ens.nets[0]!.classes;
  const sum = new Float64Array(docs.length * K);
  for (const net of ens.nets) {
    const X = encode(docs, net.hashes, net.inputScale);
    const out = new Float64Array(docs.length * K);
    forwardAll(
      net,
      X,
      Int32Array.from(docs, (_, i) => i),
      out,
    );
    for (let i = 0; i < out.length; i++) sum[i]! += out[i]! / ens.nets.length;
  }
  return docs.map((_, i) => Array.from(sum.subarray(i * K, (i + 1) * K)));
}
