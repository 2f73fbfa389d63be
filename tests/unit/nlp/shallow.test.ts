import { describe, expect, it } from 'vitest';
import { DEFAULT_MLP, fitMlp, predictMlp } from '../../../nlp/train/mlp.js';
import { buildWordVectors, jacobiEigen } from '../../../nlp/train/wordvec.js';
import type { SparseDoc } from '../../../nlp/train/fit.js';

/** XOR of two features (not linearly separable), plus a noise feature. */
function xorData(n: number) {
  const docs: SparseDoc[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = i % 2;
    const b = Math.floor(i / 2) % 2;
    const hashes = [100 + a, 200 + b, 300 + (i % 7)];
    docs.push({ hashes, values: [1, 1, 1] });
    labels.push(a ^ b);
  }
  return { docs, labels: Int32Array.from(labels) };
}

describe('shallow network (nlp/train/mlp.ts, experiments only)', () => {
  const { docs, labels } = xorData(400);
  const input = {
    docs,
    labels,
    weights: new Float64Array(docs.length).fill(1),
    classes: 2,
    groups: Uint32Array.from(docs, (_, i) => i),
    names: new Map<number, string>(),
  };
  const options = {
    ...DEFAULT_MLP,
    hidden: 8,
    seeds: 2,
    epochs: 40,
    patience: 10,
    inputDropout: 0,
    dropout: 0,
    lr: 0.01,
  };

  it('learns a problem a linear model cannot (XOR) and is deterministic', () => {
    const a = predictMlp(fitMlp(input, options), docs);
    const correct = a.filter((p, i) => (p[1]! > 0.5 ? 1 : 0) === labels[i]).length;
    expect(correct / docs.length).toBeGreaterThan(0.95);
    const b = predictMlp(fitMlp(input, options), docs);
    expect(b).toEqual(a);
  });
});

describe('word vectors (nlp/train/wordvec.ts, experiments only)', () => {
  it('diagonalises a symmetric matrix', () => {
    const A = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const { values, vectors } = jacobiEigen(A, 3);
    for (let e = 0; e < 3; e++)
      for (let r = 0; r < 3; r++) {
        let av = 0;
        for (let c = 0; c < 3; c++) av += A[r * 3 + c]! * vectors[c * 3 + e]!;
        expect(av).toBeCloseTo(values[e]! * vectors[r * 3 + e]!, 8);
      }
  });

  it('puts words used in the same contexts close together, deterministically', () => {
    const sentences: string[][] = [];
    for (let i = 0; i < 200; i++) {
      const pet = ['perro', 'gato'][i % 2]!;
      const food = ['arroz', 'frijoles'][i % 2]!;
      sentences.push(['mi', pet, 'duerme', 'en', 'casa']);
      sentences.push(['comemos', food, 'con', 'sal', 'hoy']);
    }
    const opts = { dim: 4, window: 2, minCount: 3, maxWords: 100, powerIterations: 3 };
    const wv = buildWordVectors(sentences, opts);
    const vec = (w: string) => {
      const r = wv.words.indexOf(w);
      return Array.from(wv.vectors.subarray(r * wv.dim, (r + 1) * wv.dim));
    };
    const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(cos(vec('perro'), vec('gato'))).toBeGreaterThan(cos(vec('perro'), vec('arroz')) + 0.3);
    expect(buildWordVectors(sentences, opts).vectors).toEqual(wv.vectors);
  });
});
