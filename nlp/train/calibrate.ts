/**
 * Decision calibration on cross-validated training predictions (never on the held-out rows):
 * per-class logit offsets that maximise macro-F1 (multi-class), or the probability threshold
 * that maximises accuracy / macro-F1 (binary).
 */
import { singleLabelReport } from '../eval/metrics.js';
import { buildTable, Matches, predict, type LinearModelFile } from '../model/linear.js';
import type { FitOptions } from './fit.js';
import { fitTask, type TaskData } from './run.js';
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
): { rows: number[]; probs: number[][] } {
  const fold = (i: number) =>
    hashFeature(`cv:${data.examples[i]!.source}:${data.examples[i]!.id}`) % folds;
  const outRows: number[] = [];
  const probs: number[][] = [];
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((i) => fold(i) !== f);
    const test = rows.filter((i) => fold(i) === f && data.examples[i]!.weight >= 1);
    const model = fitTask(data, train, fit);
    outRows.push(...test);
    probs.push(...scoreRows(data, model, test));
  }
  return { rows: outRows, probs };
}

export function calibrate(
  data: TaskData,
  rows: number[],
  probs: number[][],
  objective: 'accuracy' | 'macroF1',
): Calibration {
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
