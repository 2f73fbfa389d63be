/**
 * Hyper-parameter experiments for one task without writing weights: the corpora are loaded and
 * vectorised once, then every configuration is scored by 3-fold cross-validation on the
 * training split (the selection criterion) and, with --heldout, once on the held-out split.
 *
 *   npx tsx nlp/train/experiment.ts <task> '<variant JSON>' '<fit JSON>' ['<fit JSON>' ...]
 *     [--heldout] [--no-cv] [--folds N]
 *
 * A fit JSON is a Partial<FitOptions> plus optional `calibrate: true` (CV-tuned offsets /
 * threshold, as `escucha train` does), `priors: [task, ...]` and `foldPriors: true` (the priors
 * are refitted without each fold's test texts). Averages of linear models go in `members`, e.g.
 * `"members":[{"scaling":"none"},{"scaling":"nb"}]` or `[{"subset":[0,3]},{"subset":[1,3]},…]`.
 * Besides the pooled CV figures it prints the per-fold mean ± sd on the evaluation rows (what
 * noise looks like; compare configurations fold by fold, the folds are the same).
 */
import { singleLabelReport } from '../eval/metrics.js';
import { loadTextBundle } from '../text-resources.js';
import { calibrate, calibrationGain, crossValidatedProbs, scoreRows } from './calibrate.js';
import { TASK_CONFIG } from './config.js';
import type { TaskName } from './data.js';
import type { FitOptions } from './fit.js';
import type { LinearModelFile } from '../model/linear.js';
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
const folds = Number(args[args.indexOf('--folds') + 1] ?? 3) || 3;
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--folds');
const task = positional[0] as TaskName;
const variant = positional[1]
  ? (JSON.parse(positional[1]) as Record<string, string>)
  : TASK_CONFIG[task].variant;
const configs = positional.slice(2).map(
  (s) =>
    JSON.parse(s) as Omit<Partial<FitOptions>, 'priors'> & {
      calibrate?: boolean;
      objective?: string;
      priors?: TaskName[];
      /** Cross-validation refits the priors without each fold's test texts (no leakage when
       * the prior's corpora share texts with this task's). */
      foldPriors?: boolean;
    },
);
if (configs.length === 0)
  configs.push({
    ...TASK_CONFIG[task].fit,
    calibrate: TASK_CONFIG[task].calibrate,
    priors: TASK_CONFIG[task].priors,
  });

const t0 = Date.now();
const bundle = loadTextBundle(new URL('../../lexicons/', import.meta.url).pathname);
const data = prepareTask(
  task,
  process.env.ESCUCHA_DATASETS ?? '/work/shared/datasets',
  bundle,
  variant,
);
const rows = trainingRows(data, true);
const held = data.examples.flatMap((e, i) => (e.heldOut ? [i] : []));
const objective = (TASK_CONFIG[task].objective ?? 'macroF1') as 'accuracy' | 'macroF1';
console.log(
  `${task} ${JSON.stringify(variant)} train=${rows.length} held=${held.length} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
);
const fmt = (r: { accuracy: number; macroF1: number; perClass: Record<string, { f1: number }> }) =>
  `acc=${r.accuracy.toFixed(3)} mF1=${r.macroF1.toFixed(3)} [${Object.entries(r.perClass)
    .map(([k, v]) => `${k.slice(0, 5)} ${v.f1.toFixed(2)}`)
    .join(' ')}]`;

const priorCache = new Map<string, LinearModelFile>();
function priorModel(name: TaskName): LinearModelFile {
  let m = priorCache.get(name);
  if (!m) {
    m = fitPriors(
      [name],
      data,
      process.env.ESCUCHA_DATASETS ?? '/work/shared/datasets',
      bundle,
      { [name]: TASK_CONFIG[name].variant },
      { [name]: TASK_CONFIG[name].fit },
    )[0]!;
    priorCache.set(name, m);
  }
  return m;
}

const priorData = new Map<string, TaskData>();
/** Prior models fitted without the held-out texts and without the texts of `testRows`. */
function foldPriorModels(names: TaskName[], testRows: number[]): LinearModelFile[] {
  const out = new Set(
    data.examples
      .flatMap((e) => (e.heldOut ? [textKey(e.text)] : []))
      .concat(testRows.map((i) => textKey(data.examples[i]!.text))),
  );
  return names.map((name) => {
    let d = priorData.get(name);
    if (!d) {
      d = prepareTask(
        name,
        process.env.ESCUCHA_DATASETS ?? '/work/shared/datasets',
        bundle,
        TASK_CONFIG[name].variant,
      );
      priorData.set(name, d);
    }
    const rows = d.examples.flatMap((e, i) => (out.has(textKey(e.text)) ? [] : [i]));
    return fitTask(d, rows, { ...TASK_CONFIG[name].fit, priors: undefined });
  });
}

for (const config of configs) {
  const started = Date.now();
  const { calibrate: doCal, objective: _o, priors: priorNames, foldPriors, ...rest } = config;
  const fit: Partial<FitOptions> = { ...rest, priors: priorNames?.map(priorModel) };
  const calibrations: Array<{ name: string; offsets?: number[]; threshold: number }> = [
    { name: 'none', threshold: 0.5 },
  ];
  let line = `${JSON.stringify(config)}\n`;
  if (!flags.has('--no-cv')) {
    const cv = crossValidatedProbs(
      data,
      rows,
      fit,
      folds,
      foldPriors && priorNames
        ? (test) => ({ priors: foldPriorModels(priorNames, test) })
        : undefined,
    );
    const gold = cv.rows.map((i) => data.examples[i]!.label);
    const raw = singleLabelReport(
      gold,
      cv.probs.map((p) => decide(data.labels, data.binary, p)),
      data.labels,
    );
    line += `  cv raw   ${fmt(raw)}\n`;
    // Per-fold spread of the pooled figures (what noise looks like), evaluation rows only.
    const perFold = (pick: (k: number) => boolean) => {
      const acc: number[] = [];
      const mf1: number[] = [];
      for (let f = 0; f < folds; f++) {
        const ks = cv.rows.flatMap((i, k) =>
          cv.folds[k] === f && data.examples[i]!.evaluated !== false && pick(k) ? [k] : [],
        );
        const r = singleLabelReport(
          ks.map((k) => gold[k]!),
          ks.map((k) => decide(data.labels, data.binary, cv.probs[k]!)),
          data.labels,
        );
        acc.push(r.accuracy);
        mf1.push(r.macroF1);
      }
      const ms = (xs: number[]) => {
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
        return `${m.toFixed(3)}±${sd.toFixed(3)}`;
      };
      return `acc ${ms(acc)} mF1 ${ms(mf1)} [${mf1.map((x) => x.toFixed(3)).join(' ')}]`;
    };
    line += `  cv folds (eval rows) ${perFold(() => true)}\n`;
    const ev = cv.rows.flatMap((i, k) => (data.examples[i]!.evaluated !== false ? [k] : []));
    if (ev.length < cv.rows.length) {
      const r = singleLabelReport(
        ev.map((k) => gold[k]!),
        ev.map((k) => decide(data.labels, data.binary, cv.probs[k]!)),
        data.labels,
      );
      line += `  cv raw-eval ${fmt(r)}\n`;
    }
    if (doCal)
      for (const evaluatedOnly of [false, true]) {
        const c = calibrate(data, cv.rows, cv.probs, objective, evaluatedOnly);
        const name = evaluatedOnly ? 'cal-eval' : 'cal-all';
        calibrations.push({ name, offsets: c.offsets, threshold: c.threshold ?? 0.5 });
        const gain = calibrationGain(data, cv.rows, cv.probs, objective);
        line += `  cv ${name} ${objective}=${c.cvScore.toFixed(3)} ${JSON.stringify(c.offsets ?? c.threshold)} half-gain=${gain.toFixed(3)}\n`;
      }
  }
  if (flags.has('--heldout')) {
    const base = fitTask(data, rows, fit);
    const gold = held.map((i) => data.examples[i]!.label);
    for (const { name, offsets, threshold } of calibrations) {
      const probs = scoreRows(data, { ...base, offsets, threshold }, held);
      const r = singleLabelReport(
        gold,
        probs.map((p) => decide(data.labels, data.binary, p, threshold)),
        data.labels,
      );
      line += `  held ${name.padEnd(8)} ${fmt(r)}\n`;
    }
  }
  console.log(`${line}  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
