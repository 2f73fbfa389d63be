/**
 * Trains one task end to end: load corpora → split → vectorise → fit → evaluate the pruned,
 * quantised model through the inference path on the held-out rows.
 */
import { featurizePrepared } from '../featurize.js';
import { buildTable, Matches, predict, type LinearModelFile } from '../model/linear.js';
import { singleLabelReport, type SingleLabelReport } from '../eval/metrics.js';
import type { TextBundle } from '../text-resources.js';
import { prepare } from '../text/normalize.js';
import { fold } from '../text/fold.js';
import { loadExamples, taskSpec, type Example, type TaskName } from './data.js';
import { DEFAULT_FIT, fitLinear, vectorize, type FitOptions, type SparseDoc } from './fit.js';

export interface TaskData {
  task: TaskName;
  labels: string[];
  binary: boolean;
  examples: Example[];
  docs: SparseDoc[];
  names: Map<number, string>;
}

export function prepareTask(
  task: TaskName,
  datasetsDir: string,
  bundle: TextBundle,
  variant: Record<string, string> = {},
  warn?: (m: string) => void,
): TaskData {
  const spec = taskSpec(task, variant);
  const examples = loadExamples(datasetsDir, spec, warn);
  const names = new Map<number, string>();
  const docs = vectorize(
    examples.map((e) => e.text),
    bundle,
    names,
  );
  return { task, labels: spec.labels, binary: spec.binary, examples, docs, names };
}

/** Text identity for de-duplication (accents, case and punctuation ignored). */
export const textKey = (text: string) =>
  fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Indices of training rows: all rows, or (holdout) the rows not held out and not duplicating a held-out text. */
export function trainingRows(data: TaskData, holdout: boolean): number[] {
  if (!holdout) return data.examples.map((_, i) => i);
  const held = new Set(data.examples.filter((e) => e.heldOut).map((e) => textKey(e.text)));
  return data.examples.flatMap((e, i) => (!e.heldOut && !held.has(textKey(e.text)) ? [i] : []));
}

export function fitTask(
  data: TaskData,
  rows: number[],
  options: Partial<FitOptions> = {},
  meta: Record<string, unknown> = {},
): LinearModelFile {
  const labelIndex = new Map(data.labels.map((l, i) => [l, i]));
  const soft = rows.some((i) => data.examples[i]!.share !== undefined);
  return fitLinear(
    data.task,
    data.labels,
    data.binary,
    {
      docs: rows.map((i) => data.docs[i]!),
      labels: Int32Array.from(rows.map((i) => labelIndex.get(data.examples[i]!.label)!)),
      weights: Float64Array.from(rows.map((i) => data.examples[i]!.weight)),
      classes: data.labels.length,
      countWeights: soft
        ? Float64Array.from(rows.map((i) => data.examples[i]!.share ?? 1))
        : undefined,
    },
    data.names,
    { ...DEFAULT_FIT, ...options },
    meta,
  );
}

/**
 * Prior models for stacking (FitOptions.priors): each named task fitted on its own corpora with
 * its configured options (without priors of its own), leaving out any text that duplicates a
 * held-out text of `target`.
 */
export function fitPriors(
  tasks: readonly TaskName[],
  target: TaskData,
  datasetsDir: string,
  bundle: TextBundle,
  variants: Record<string, Record<string, string>>,
  fits: Record<string, Partial<FitOptions>>,
): LinearModelFile[] {
  const held = new Set(target.examples.filter((e) => e.heldOut).map((e) => textKey(e.text)));
  return tasks.map((task) => {
    const data = prepareTask(task, datasetsDir, bundle, variants[task] ?? {});
    const rows = data.examples.flatMap((e, i) => (held.has(textKey(e.text)) ? [] : [i]));
    return fitTask(data, rows, { ...fits[task], priors: undefined });
  });
}

/** Probabilities of the held-out rows through the inference path. */
export function heldOutProbs(
  data: TaskData,
  model: LinearModelFile,
  bundle: TextBundle,
): { gold: string[]; probs: number[][]; sources: string[] } {
  const { table, models } = buildTable([model]);
  const gold: string[] = [];
  const probs: number[][] = [];
  const sources: string[] = [];
  for (const e of data.examples) {
    if (!e.heldOut) continue;
    const matches = new Matches(table, { explain: false });
    featurizePrepared(prepare(e.text, bundle.text), bundle, matches.sink);
    probs.push(predict(models[0]!, table, matches).probs);
    gold.push(e.label);
    sources.push(e.source);
  }
  return { gold, probs, sources };
}

export function decide(
  labels: string[],
  binary: boolean,
  probs: number[],
  threshold = 0.5,
  offsets?: number[],
): string {
  if (binary) return probs[1]! >= threshold ? labels[1]! : labels[0]!;
  let best = 0;
  let bestScore = -Infinity;
  probs.forEach((p, i) => {
    const s = Math.log(p) + (offsets?.[i] ?? 0);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return labels[best]!;
}

export function report(
  data: TaskData,
  gold: string[],
  probs: number[][],
  threshold = 0.5,
  offsets?: number[],
): SingleLabelReport {
  return singleLabelReport(
    gold,
    probs.map((p) => decide(data.labels, data.binary, p, threshold, offsets)),
    data.labels,
  );
}
