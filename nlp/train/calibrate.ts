/**
 * Decision calibration on cross-validated training predictions (never on the held-out rows):
 * per-class logit offsets that maximise macro-F1 (multi-class), or the probability threshold
 * that maximises accuracy / macro-F1 (binary).
 */
import { singleLabelReport } from '../eval/metrics.js';
import { buildTable, Matches, predict, type LinearModelFile } from '../model/linear.js';
import type { FitOptions } from './fit.js';
import { fitTask, textKey, type TaskData } from './run.js';
import { hashFeature } from '../features/hash.js';

export interface Calibration {
  offsets?: number[];
  threshold?: number;
  cvScore: number;
}

/** Probabilities of `rows` under `model`, from their stored sparse features. */
export function scoreRows(data: TaskData, model: LinearModelFile, rows: number[]): number[][] {
  const { table, models } = buildTable([model]);
  return rows.map((i) => {
    const m = new Matches(table, { explain: false });
    const doc = data.docs[i]!;
    for (let k = 0; k < doc.hashes.length; k++) m.sink(doc.hashes[k]!, doc.values[k]!);
    return predict(models[0]!, table, m).probs;
  });
}

export function crossValidatedProbs(
  data: TaskData,
  rows: number[],
  fit: Partial<FitOptions>,
  folds: number,
  /** Per-fold options (e.g. stacked priors fitted without the fold's test texts). */
  foldFit?: (testRows: number[]) => Partial<FitOptions>,
): { rows: number[]; probs: number[][]; folds: number[] } {
  // Folds by text, so a text duplicated across corpora (TASS 2020 / InterTASS share ~2,400)
  // never sits on both sides of a fold.
  const fold = (i: number) => hashFeature(`cv:${textKey(data.examples[i]!.text)}`) % folds;
  const outRows: number[] = [];
  const probs: number[][] = [];
  const foldOf: number[] = [];
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((i) => fold(i) !== f);
    const test = rows.filter((i) => {
      const e = data.examples[i]!;
      // A soft-labelled row is scored once, by the part that carries its hard label.
      return (
        fold(i) === f &&
        (e.evaluated === true || (e.sourceWeight ?? e.weight) >= 1) &&
        (e.hardLabel === undefined || e.label === e.hardLabel)
      );
    });
    const model = fitTask(data, train, foldFit ? { ...fit, ...foldFit(test) } : fit);
    outRows.push(...test);
    foldOf.push(...test.map(() => f));
    probs.push(...scoreRows(data, model, test));
  }
  return { rows: outRows, probs, folds: foldOf };
}

export function calibrate(
  data: TaskData,
  allRows: number[],
  allProbs: number[][],
  objective: 'accuracy' | 'macroF1',
  /** Only rows of the evaluation corpora (not auxiliary ones) decide the calibration. */
  evaluatedOnly = false,
): Calibration {
  const keep = allRows.flatMap((i, k) =>
    !evaluatedOnly || data.examples[i]!.evaluated !== false ? [k] : [],
  );
  const rows = keep.map((k) => allRows[k]!);
  const probs = keep.map((k) => allProbs[k]!);
  const gold = rows.map((i) => data.examples[i]!.label);
  const score = (pred: string[]) => {
    const r = singleLabelReport(gold, pred, data.labels);
    return objective === 'accuracy' ? r.accuracy : r.macroF1;
  };
  if (data.binary) {
    let best = 0.5;
    let bestScore = score(probs.map((p) => (p[1]! >= 0.5 ? data.labels[1]! : data.labels[0]!)));
    for (let t = 0.3; t <= 0.7001; t += 0.02) {
      const s = score(probs.map((p) => (p[1]! >= t ? data.labels[1]! : data.labels[0]!)));
      if (s > bestScore + 1e-9) {
        best = t;
        bestScore = s;
      }
    }
    return { threshold: Math.round(best * 100) / 100, cvScore: bestScore };
  }
  const K = data.labels.length;
  const logp = probs.map((p) => p.map((x) => Math.log(Math.max(x, 1e-12))));
  const offsets = new Array<number>(K).fill(0);
  const decide = () =>
    logp.map((lp) => {
      let b = 0;
      for (let k = 1; k < K; k++) if (lp[k]! + offsets[k]! > lp[b]! + offsets[b]!) b = k;
      return data.labels[b]!;
    });
  let bestScore = score(decide());
  for (let round = 0; round < 3; round++) {
    for (let k = 0; k < K; k++) {
      const keep = offsets[k]!;
      let bestDelta = keep;
      for (let d = -2; d <= 2.0001; d += 0.1) {
        offsets[k] = d;
        const s = score(decide());
        if (s > bestScore + 1e-9) {
          bestScore = s;
          bestDelta = d;
        }
      }
      offsets[k] = bestDelta;
    }
  }
  return { offsets: offsets.map((o) => Math.round(o * 100) / 100), cvScore: bestScore };
}

/**
 * Whether the calibration generalises: offsets / threshold tuned on one half of the
 * cross-validated rows are scored on the other half (both ways) against the raw decision.
 * Returns the mean gain; ≤ 0 means the tuned decision only fits noise.
 */
export function calibrationGain(
  data: TaskData,
  rows: number[],
  probs: number[][],
  objective: 'accuracy' | 'macroF1',
): number {
  const half = (i: number) =>
    hashFeature(`cal:${data.examples[i]!.source}:${data.examples[i]!.id}`) % 2;
  const pick = (h: number) => rows.flatMap((i, k) => (half(i) === h ? [k] : []));
  const decideWith = (p: number[], c: Calibration | null): string => {
    if (data.binary) return p[1]! >= (c?.threshold ?? 0.5) ? data.labels[1]! : data.labels[0]!;
    let b = 0;
    let bs = -Infinity;
    p.forEach((x, k) => {
      const s = Math.log(Math.max(x, 1e-12)) + (c?.offsets?.[k] ?? 0);
      if (s > bs) {
        bs = s;
        b = k;
      }
    });
    return data.labels[b]!;
  };
  let gain = 0;
  for (const h of [0, 1]) {
    const fitOn = pick(h);
    const testOn = pick(1 - h);
    const c = calibrate(
      data,
      fitOn.map((k) => rows[k]!),
      fitOn.map((k) => probs[k]!),
      objective,
    );
    const gold = testOn.map((k) => data.examples[rows[k]!]!.label);
    const score = (cal: Calibration | null) => {
      const r = singleLabelReport(
        gold,
        testOn.map((k) => decideWith(probs[k]!, cal)),
        data.labels,
      );
      return objective === 'accuracy' ? r.accuracy : r.macroF1;
    };
    gain += (score(c) - score(null)) / 2;
  }
  return gain;
}
