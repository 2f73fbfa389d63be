/**
 * Fits one linear model: hashed features (nlp/featurize) → vocabulary (min document frequency)
 * → optional per-feature scaling (idf or NB log-count ratio, folded into the weights) →
 * weighted softmax regression (L-BFGS) → pruning to the top-k features by weight magnitude →
 * an int16-quantised LinearModelFile.
 */
import { DEFAULT_EXTRACT, featurizePrepared } from '../featurize.js';
import type { LinearModelFile } from '../model/linear.js';
import type { TextBundle } from '../text-resources.js';
import { prepare } from '../text/normalize.js';
import { hashFeature } from '../features/hash.js';
import type { Csr } from './softmax.js';
import { trainSoftmax } from './softmax.js';

export interface SparseDoc {
  hashes: number[];
  values: number[];
}

export interface FitOptions {
  l2: number;
  minDf: number;
  topK: number;
  /** Exponent of the inverse class frequency used as sample weight (0 none, 1 balanced). */
  classWeightPower: number;
  scaling: 'none' | 'idf' | 'nb';
  maxIterations: number;
  /**
   * 'split': fit a character-n-gram model and a word-level model (each with the lexicon and
   * surface features) separately and average their logits — still one linear model.
   */
  ensemble?: 'none' | 'split';
  /**
   * An average of linear models over the same hashed features, each fitted with these options
   * on top of the others (e.g. `scaling: 'nb'` vs `'none'`, `featureFilter`, or `subset: [k, n]`
   * = without the rows whose text falls in bucket k of n) and weighted by `weight`. The float
   * weights are averaged before pruning to `topK`: still one linear model.
   */
  members?: Array<Partial<FitOptions> & { weight?: number; subset?: [number, number] }>;
  /** Internal: restricts the vocabulary to character n-grams or to the other features. */
  featureFilter?: 'char' | 'word';
  /**
   * Stacking on other tasks' linear models: their (standardised) logits are extra inputs, and
   * since they are linear in the same features the learnt combination is folded back into
   * the weights — the result is still one linear model, with no cost at inference.
   */
  priors?: LinearModelFile[];
  /** Multiplies the prior-logit inputs (a smaller L2 pull on their weights when > 1). */
  priorScale?: number;
}

/** A prior model's weights by feature hash (dequantised, binary models as one column). */
interface PriorWeights {
  columns: number;
  bias: number[];
  rows: Map<number, Float64Array>;
  names: Map<number, string>;
}

function priorWeights(model: LinearModelFile): PriorWeights {
  const columns = model.binary ? 1 : model.labels.length;
  const buf = Buffer.from(model.weights, 'base64');
  const ints = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
  const rows = new Map<number, Float64Array>();
  const names = new Map<number, string>();
  model.features.forEach((name, i) => {
    const h = hashFeature(name);
    const row = new Float64Array(columns);
    for (let c = 0; c < columns; c++) row[c] = ints[i * columns + c]! * model.scale;
    rows.set(h, row);
    names.set(h, name);
  });
  const bias = model.bias.map((b, c) => b + (model.offsets?.[c] ?? 0));
  return { columns, bias, rows, names };
}

/** Logits of one prior model for each document. */
function priorLogits(prior: PriorWeights, docs: SparseDoc[]): Float64Array[] {
  return docs.map((doc) => {
    const z = Float64Array.from(prior.bias);
    for (let k = 0; k < doc.hashes.length; k++) {
      const row = prior.rows.get(doc.hashes[k]!);
      if (row) for (let c = 0; c < prior.columns; c++) z[c]! += doc.values[k]! * row[c]!;
    }
    return z;
  });
}

export const DEFAULT_FIT: FitOptions = {
  l2: 1e-4,
  minDf: 2,
  topK: 30000,
  classWeightPower: 0.5,
  scaling: 'none',
  maxIterations: 120,
};

export function vectorize(
  texts: readonly string[],
  bundle: TextBundle,
  names: Map<number, string>,
): SparseDoc[] {
  return texts.map((text) => {
    const acc = new Map<number, number>();
    featurizePrepared(
      prepare(text, bundle.text),
      bundle,
      (h, v) => acc.set(h, (acc.get(h) ?? 0) + v),
      names,
    );
    return { hashes: [...acc.keys()], values: [...acc.values()] };
  });
}

export interface FitInput {
  docs: SparseDoc[];
  labels: Int32Array;
  weights: Float64Array;
  classes: number;
  /**
   * How much each row counts in document frequencies and NB ratios (default 1): the parts of a
   * soft-labelled row share one document.
   */
  countWeights?: Float64Array;
}

export function fitLinear(
  task: string,
  labelNames: string[],
  binary: boolean,
  input: FitInput,
  names: Map<number, string>,
  options: FitOptions,
  meta: Record<string, unknown> = {},
): LinearModelFile {
  if (options.ensemble === 'split') {
    const sub = { ...options, ensemble: 'none' as const };
    const a = fitLinear(task, labelNames, binary, input, names, { ...sub, featureFilter: 'char' });
    const b = fitLinear(task, labelNames, binary, input, names, { ...sub, featureFilter: 'word' });
    return averageModels(a, b, meta, options);
  }
  const columns = binary ? 1 : input.classes;
  if (options.members?.length) {
    const allDf = new Map<number, number>();
    for (const doc of input.docs) for (const h of doc.hashes) allDf.set(h, (allDf.get(h) ?? 0) + 1);
    const merged = new Map<number, Float64Array>();
    const bias = new Float64Array(columns);
    const totalWeight = options.members.reduce((n, m) => n + (m.weight ?? 1), 0);
    for (const { weight = 1, subset, ...member } of options.members) {
      const sub = subset ? subsetInput(input, subset) : input;
      const raw = fitRaw(binary, sub, names, { ...options, members: undefined, ...member });
      const a = weight / totalWeight;
      for (let c = 0; c < columns; c++) bias[c]! += a * raw.bias[c]!;
      raw.hashes.forEach((h, j) => {
        let row = merged.get(h);
        if (!row) merged.set(h, (row = new Float64Array(columns)));
        for (let c = 0; c < columns; c++) row[c]! += a * raw.folded[j * columns + c]!;
      });
    }
    const hashes = [...merged.keys()];
    const folded = new Float64Array(hashes.length * columns);
    hashes.forEach((h, j) => folded.set(merged.get(h)!, j * columns));
    return finishModel(task, labelNames, binary, names, options, meta, {
      hashes,
      folded,
      bias: [...bias],
      df: allDf,
    });
  }
  return finishModel(
    task,
    labelNames,
    binary,
    names,
    options,
    meta,
    fitRaw(binary, input, names, options),
  );
}

/** The rows whose document (by its feature set, so duplicated texts go together) is not in bucket k of n. */
function subsetInput(input: FitInput, [k, n]: [number, number]): FitInput {
  const keep: number[] = [];
  input.docs.forEach((doc, i) => {
    let key = 0;
    for (const h of doc.hashes) key = (key + h) >>> 0;
    if (hashFeature(`bag:${key}`) % n !== k) keep.push(i);
  });
  const K = input.classes;
  return {
    docs: keep.map((i) => input.docs[i]!),
    labels: Int32Array.from(keep, (i) => input.labels[i]!),
    weights: Float64Array.from(keep, (i) => input.weights[i]!),
    classes: K,
    countWeights: input.countWeights
      ? Float64Array.from(keep, (i) => input.countWeights![i]!)
      : undefined,
  };
}

interface RawFit {
  /** Feature hashes of the vocabulary and their folded weights (F × columns). */
  hashes: number[];
  folded: Float64Array;
  bias: number[];
  df: Map<number, number>;
}

function fitRaw(
  binary: boolean,
  input: FitInput,
  names: Map<number, string>,
  options: FitOptions,
): RawFit {
  const { docs, labels, classes } = input;
  const cw = input.countWeights;
  const df = new Map<number, number>();
  docs.forEach((doc, i) => {
    const n = cw ? cw[i]! : 1;
    for (const h of doc.hashes) df.set(h, (df.get(h) ?? 0) + n);
  });
  const vocab = new Map<number, number>();
  const vocabHashes: number[] = [];
  for (const [h, n] of df) {
    const name = names.get(h) ?? '';
    if (options.featureFilter) {
      const char = name.startsWith('c:');
      const dense = name.startsWith('l:') || name.startsWith('s:');
      if (!dense && char !== (options.featureFilter === 'char')) continue;
    }
    if (n >= options.minDf || name.startsWith('l:') || name.startsWith('s:')) {
      vocab.set(h, vocabHashes.length);
      vocabHashes.push(h);
    }
  }
  // Prior models: their features join the vocabulary (no data of their own: they only carry
  // the folded prior weights), their logits become standardised dense inputs.
  const priors = (options.priors ?? []).map(priorWeights);
  for (const prior of priors)
    for (const [h, name] of prior.names) {
      if (vocab.has(h)) continue;
      vocab.set(h, vocabHashes.length);
      vocabHashes.push(h);
      if (!names.has(h)) names.set(h, name);
    }
  const dense: Array<{
    prior: number;
    column: number;
    mean: number;
    sd: number;
    values: Float64Array;
  }> = [];
  const priorScale = options.priorScale ?? 1;
  priors.forEach((prior, pi) => {
    const z = priorLogits(prior, docs);
    for (let c = 0; c < prior.columns; c++) {
      const values = Float64Array.from(z, (row) => row[c]!);
      let mean = 0;
      for (const v of values) mean += v / values.length;
      let sd = 0;
      for (const v of values) sd += ((v - mean) * (v - mean)) / values.length;
      sd = Math.sqrt(sd) || 1;
      for (let i = 0; i < values.length; i++) values[i] = ((values[i]! - mean) / sd) * priorScale;
      dense.push({ prior: pi, column: c, mean, sd: sd / priorScale, values });
    }
  });
  const F = vocabHashes.length;
  const scale = new Float64Array(F).fill(1);
  if (options.scaling === 'idf') {
    for (let j = 0; j < F; j++)
      scale[j] = Math.log((1 + docs.length) / (1 + (df.get(vocabHashes[j]!) ?? 0))) + 1;
  } else if (options.scaling === 'nb' && classes === 2) {
    const p = new Float64Array(F).fill(1);
    const q = new Float64Array(F).fill(1);
    docs.forEach((doc, i) => {
      const n = cw ? cw[i]! : 1;
      for (const h of doc.hashes) {
        const j = vocab.get(h);
        if (j === undefined) continue;
        if (labels[i] === 1) p[j]! += n;
        else q[j]! += n;
      }
    });
    let ps = 0;
    let qs = 0;
    for (let j = 0; j < F; j++) {
      ps += p[j]!;
      qs += q[j]!;
    }
    for (let j = 0; j < F; j++) scale[j] = 1 + Math.abs(Math.log(p[j]! / ps / (q[j]! / qs)));
  } else if (options.scaling === 'nb') {
    // Multi-class: the largest one-vs-rest log-count ratio of the feature.
    const counts = new Float64Array(F * classes).fill(1);
    docs.forEach((doc, i) => {
      const n = cw ? cw[i]! : 1;
      for (const h of doc.hashes) {
        const j = vocab.get(h);
        if (j !== undefined) counts[j * classes + labels[i]!]! += n;
      }
    });
    const sums = new Float64Array(classes);
    let all = 0;
    for (let j = 0; j < F; j++)
      for (let c = 0; c < classes; c++) sums[c]! += counts[j * classes + c]!;
    for (let c = 0; c < classes; c++) all += sums[c]!;
    for (let j = 0; j < F; j++) {
      let row = 0;
      for (let c = 0; c < classes; c++) row += counts[j * classes + c]!;
      let r = 0;
      for (let c = 0; c < classes; c++) {
        const pc = counts[j * classes + c]! / sums[c]!;
        const qc = (row - counts[j * classes + c]!) / (all - sums[c]!);
        r = Math.max(r, Math.abs(Math.log(pc / qc)));
      }
      scale[j] = 1 + r;
    }
  }
  // CSR
  const indptr = new Int32Array(docs.length + 1);
  let nnz = 0;
  docs.forEach((doc, i) => {
    for (const h of doc.hashes) if (vocab.has(h)) nnz++;
    nnz += dense.length;
    indptr[i + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let p = 0;
  docs.forEach((doc, i) => {
    doc.hashes.forEach((h, k) => {
      const j = vocab.get(h);
      if (j === undefined) return;
      indices[p] = j;
      values[p] = doc.values[k]! * scale[j]!;
      p++;
    });
    dense.forEach((d, k) => {
      indices[p] = F + k;
      values[p] = d.values[i]!;
      p++;
    });
  });
  const X: Csr = { rows: docs.length, cols: F + dense.length, indptr, indices, values };
  const counts = new Float64Array(classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]! += input.weights[i]!;
  const total = counts.reduce((a, b) => a + b, 0);
  const sampleWeights = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const freq = counts[labels[i]!]! / total;
    sampleWeights[i] = input.weights[i]! * Math.pow(1 / (classes * freq), options.classWeightPower);
  }
  const model = trainSoftmax(X, labels, {
    classes,
    l2: options.l2,
    sampleWeights,
    maxIterations: options.maxIterations,
  });

  // Fold the prior inputs into the feature weights and biases: a·(z − mean)/sd with
  // z = bias_p + Σ x·W_p is linear in the features.
  const W = Float64Array.from(model.weights.subarray(0, F * classes));
  const B = Float64Array.from(model.bias);
  dense.forEach((d, k) => {
    const prior = priors[d.prior]!;
    for (let c = 0; c < classes; c++) {
      const a = model.weights[(F + k) * classes + c]! / d.sd;
      if (a === 0) continue;
      B[c]! += a * (prior.bias[d.column]! - d.mean);
      for (const [h, row] of prior.rows) {
        const j = vocab.get(h)!;
        // The weights are folded after the per-feature scaling is undone.
        W[j * classes + c]! += (a * row[d.column]!) / scale[j]!;
      }
    }
  });
  // Fold scaling, collapse binary.
  const columns = binary ? 1 : classes;
  const folded = new Float64Array(F * columns);
  for (let j = 0; j < F; j++) {
    for (let c = 0; c < columns; c++) {
      const w = binary ? W[j * 2 + 1]! - W[j * 2]! : W[j * classes + c]!;
      folded[j * columns + c] = w * scale[j]!;
    }
  }
  const bias = binary ? [B[1]! - B[0]!] : [...B];
  return { hashes: vocabHashes, folded, bias, df };
}

/** Prunes to the top-k features by weight × √df and quantises to int16. */
function finishModel(
  task: string,
  labelNames: string[],
  binary: boolean,
  names: Map<number, string>,
  options: FitOptions,
  meta: Record<string, unknown>,
  raw: RawFit,
): LinearModelFile {
  const { hashes: vocabHashes, folded, bias, df } = raw;
  const F = vocabHashes.length;
  const columns = binary ? 1 : labelNames.length;
  const importance = new Float64Array(F);
  for (let j = 0; j < F; j++) {
    let mean = 0;
    if (!binary) for (let c = 0; c < columns; c++) mean += folded[j * columns + c]! / columns;
    let imp = 0;
    for (let c = 0; c < columns; c++)
      imp = Math.max(imp, Math.abs(folded[j * columns + c]! - mean));
    // Frequent features matter more than rare ones with the same weight.
    importance[j] = imp * Math.sqrt(df.get(vocabHashes[j]!) ?? 1);
  }
  const order = [...importance.keys()]
    .sort((a, b) => importance[b]! - importance[a]!)
    .slice(0, options.topK);
  order.sort((a, b) => a - b);
  let maxAbs = 0;
  for (const j of order)
    for (let c = 0; c < columns; c++) maxAbs = Math.max(maxAbs, Math.abs(folded[j * columns + c]!));
  const q = maxAbs > 0 ? maxAbs / 32767 : 1;
  const ints = new Int16Array(order.length * columns);
  order.forEach((j, i) => {
    for (let c = 0; c < columns; c++)
      ints[i * columns + c] = Math.round(folded[j * columns + c]! / q);
  });
  return {
    format: 1,
    task,
    labels: labelNames,
    binary,
    extract: { ...DEFAULT_EXTRACT },
    bias,
    scale: q,
    features: order.map((j) => names.get(vocabHashes[j]!) ?? `#${vocabHashes[j]}`),
    weights: Buffer.from(ints.buffer).toString('base64'),
    meta: {
      ...meta,
      vocabulary: F,
      kept: order.length,
      options: {
        ...options,
        priors: options.priors?.map((m) => m.task),
        ...(options.members
          ? { members: options.members.map((m) => ({ ...m, priors: undefined })) }
          : {}),
      },
    },
  };
}

/** The logit average of two models over their feature union, re-quantised to int16. */
export function averageModels(
  a: LinearModelFile,
  b: LinearModelFile,
  meta: Record<string, unknown>,
  options: FitOptions,
): LinearModelFile {
  const columns = a.binary ? 1 : a.labels.length;
  const merged = new Map<string, Float64Array>();
  for (const m of [a, b]) {
    const buf = Buffer.from(m.weights, 'base64');
    const ints = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
    m.features.forEach((name, i) => {
      const row = merged.get(name) ?? new Float64Array(columns);
      for (let c = 0; c < columns; c++) row[c]! += (ints[i * columns + c]! * m.scale) / 2;
      merged.set(name, row);
    });
  }
  const features = [...merged.keys()];
  let maxAbs = 0;
  for (const row of merged.values()) for (const w of row) maxAbs = Math.max(maxAbs, Math.abs(w));
  const q = maxAbs > 0 ? maxAbs / 32767 : 1;
  const ints = new Int16Array(features.length * columns);
  features.forEach((name, i) => {
    const row = merged.get(name)!;
    for (let c = 0; c < columns; c++) ints[i * columns + c] = Math.round(row[c]! / q);
  });
  return {
    ...a,
    bias: a.bias.map((x, c) => (x + b.bias[c]!) / 2),
    scale: q,
    features,
    weights: Buffer.from(ints.buffer).toString('base64'),
    meta: {
      ...meta,
      vocabulary: [a.meta.vocabulary, b.meta.vocabulary],
      kept: features.length,
      options,
    },
  };
}
