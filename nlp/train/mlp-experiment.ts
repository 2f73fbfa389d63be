/**
 * Shallow-network experiments for one task (no weights written): 3-fold CV on the training
 * split (folds by text, as crossValidatedProbs) of the task's linear model, of the network and
 * of their probability average; with --heldout, one fit on the training split scored on the
 * held-out rows.
 *
 *   npx tsx nlp/train/mlp-experiment.ts <task> '<MlpOptions JSON>' ... [--heldout] [--no-cv]
 */
import { singleLabelReport } from '../eval/metrics.js';
import { hashFeature } from '../features/hash.js';
import { loadTextBundle } from '../text-resources.js';
import { calibrate, calibrationGain, scoreRows } from './calibrate.js';
import { TASK_CONFIG } from './config.js';
import type { TaskName } from './data.js';
import type { FitOptions } from './fit.js';
import { DEFAULT_MLP, fitMlp, predictMlp, type MlpOptions } from './mlp.js';
import {
  decide,
  fitPriors,
  fitTask,
  prepareTask,
  textKey,
  trainingRows,
  type TaskData,
} from './run.js';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const positional = args.filter((a) => !a.startsWith('--'));
const task = positional[0] as TaskName;
const configs = positional
  .slice(1)
  .map((s) => JSON.parse(s) as Partial<MlpOptions> & { w?: number });
if (configs.length === 0) configs.push({});
const datasets = process.env.ESCUCHA_DATASETS ?? '/work/shared/datasets';
const config = TASK_CONFIG[task];
const bundle = loadTextBundle(new URL('../../lexicons/', import.meta.url).pathname);
const data = prepareTask(task, datasets, bundle, config.variant);
const rows = trainingRows(data, true);
const held = data.examples.flatMap((e, i) => (e.heldOut ? [i] : []));
const objective = config.objective ?? 'macroF1';
const priors = config.priors
  ? fitPriors(
      config.priors,
      data,
      datasets,
      bundle,
      Object.fromEntries(config.priors.map((t) => [t, TASK_CONFIG[t].variant])),
      Object.fromEntries(config.priors.map((t) => [t, TASK_CONFIG[t].fit])),
    )
  : undefined;
const lrFit: Partial<FitOptions> = { ...config.fit, ...(priors ? { priors } : {}) };
console.log(`${task} train=${rows.length} held=${held.length}`);

const fmt = (r: { accuracy: number; macroF1: number; perClass: Record<string, { f1: number }> }) =>
  `acc=${r.accuracy.toFixed(3)} mF1=${r.macroF1.toFixed(3)} [${Object.entries(r.perClass)
    .map(([k, v]) => `${k.slice(0, 5)} ${v.f1.toFixed(2)}`)
    .join(' ')}]`;

function mlpFit(d: TaskData, train: number[], opts: MlpOptions) {
  const labelIndex = new Map(d.labels.map((l, i) => [l, i]));
  return fitMlp(
    {
      docs: train.map((i) => d.docs[i]!),
      labels: Int32Array.from(train, (i) => labelIndex.get(d.examples[i]!.label)!),
      weights: Float64Array.from(train, (i) => d.examples[i]!.weight),
      classes: d.labels.length,
      groups: Uint32Array.from(train, (i) => hashFeature(`mlp:${textKey(d.examples[i]!.text)}`)),
      names: d.names,
    },
    opts,
    flags.has('--verbose') ? console.log : undefined,
  );
}

const fold = (i: number) => hashFeature(`cv:${textKey(data.examples[i]!.text)}`) % 3;
const cvTest: number[][] = [];
const cvTrain: number[][] = [];
for (let f = 0; f < 3; f++) {
  cvTrain.push(rows.filter((i) => fold(i) !== f));
  cvTest.push(
    rows.filter((i) => {
      const e = data.examples[i]!;
      return fold(i) === f && (e.sourceWeight ?? e.weight) >= 1;
    }),
  );
}
const testRows = cvTest.flat();
let lrCv: number[][] | null = null;
let lrHeld: number[][] | null = null;

function scoreAll(name: string, rowsOf: number[], probs: number[][], cal: boolean): string {
  const gold = rowsOf.map((i) => data.examples[i]!.label);
  const r = singleLabelReport(
    gold,
    probs.map((p) => decide(data.labels, data.binary, p)),
    data.labels,
  );
  let line = `  ${name.padEnd(14)} ${fmt(r)}`;
  const ev = rowsOf.flatMap((i, k) => (data.examples[i]!.evaluated !== false ? [k] : []));
  if (ev.length < rowsOf.length) {
    const r2 = singleLabelReport(
      ev.map((k) => gold[k]!),
      ev.map((k) => decide(data.labels, data.binary, probs[k]!)),
      data.labels,
    );
    line += `\n  ${(name + ' eval').padEnd(14)} ${fmt(r2)}`;
  }
  if (cal) {
    const c = calibrate(data, rowsOf, probs, objective);
    const gain = calibrationGain(data, rowsOf, probs, objective);
    line += `\n  ${(name + ' cal').padEnd(14)} ${objective}=${c.cvScore.toFixed(3)} half-gain=${gain.toFixed(3)}`;
  }
  return line;
}

const mix = (a: number[][], b: number[][], w: number) =>
  a.map((p, i) => p.map((x, k) => (1 - w) * x + w * b[i]![k]!));

for (const c of configs) {
  const opts: MlpOptions = { ...DEFAULT_MLP, ...c };
  const w = c.w ?? 0.5;
  const started = Date.now();
  let out = `${JSON.stringify(c)}\n`;
  if (!flags.has('--no-cv')) {
    if (!lrCv && !flags.has('--no-lr')) {
      lrCv = [];
      for (let f = 0; f < 3; f++)
        lrCv.push(...scoreRows(data, fitTask(data, cvTrain[f]!, lrFit), cvTest[f]!));
      console.log(`cv lr\n${scoreAll('lr', testRows, lrCv, true)}`);
    }
    const mlpCv: number[][] = [];
    for (let f = 0; f < 3; f++) {
      const ens = mlpFit(data, cvTrain[f]!, opts);
      mlpCv.push(
        ...predictMlp(
          ens,
          cvTest[f]!.map((i) => data.docs[i]!),
        ),
      );
    }
    out += `${scoreAll('mlp', testRows, mlpCv, true)}\n`;
    if (lrCv) out += `${scoreAll(`avg ${w}`, testRows, mix(lrCv, mlpCv, w), true)}\n`;
  }
  if (flags.has('--heldout')) {
    const train = rows;
    if (!lrHeld) {
      lrHeld = scoreRows(data, fitTask(data, train, lrFit), held);
      console.log(`held lr\n${scoreAll('lr', held, lrHeld, false)}`);
    }
    const p = predictMlp(
      mlpFit(data, train, opts),
      held.map((i) => data.docs[i]!),
    );
    out += `${scoreAll('held mlp', held, p, false)}\n${scoreAll(`held avg ${w}`, held, mix(lrHeld, p, w), false)}\n`;
  }
  console.log(`${out}  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
