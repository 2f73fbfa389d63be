/**
 * The `escucha train` pipeline for one task: held-out evaluation, then the final fit.
 */
import { readFileSync } from 'node:fs';
import { loadTextBundle } from '../text-resources.js';
import type { LinearModelFile } from '../model/linear.js';
import { TASK_CONFIG } from './config.js';
import type { Example, TaskName } from './data.js';
import { vectorize } from './fit.js';
import { fitPriors, fitTask, heldOutProbs, prepareTask, report, trainingRows } from './run.js';
import { normalizeLabel } from '../eval/labels.js';
import { calibrate, calibrationGain, crossValidatedProbs } from './calibrate.js';

export interface TrainOptions {
  datasetsDir: string;
  extraFiles: string[];
  holdoutOnly: boolean;
  l2?: number;
  topK?: number;
  lexiconsDir?: string;
  log: (message: string) => void;
}

export async function trainAndReport(task: TaskName, options: TrainOptions) {
  const started = Date.now();
  const bundle = loadTextBundle(
    options.lexiconsDir ?? new URL('../../lexicons/', import.meta.url).pathname,
  );
  const config = TASK_CONFIG[task];
  const data = prepareTask(task, options.datasetsDir, bundle, config.variant, options.log);
  for (const file of options.extraFiles) {
    const extra: Example[] = [];
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        try {
          const row = JSON.parse(line) as { text?: unknown; label?: unknown; id?: unknown };
          const label =
            task === 'misogyny-intention'
              ? String(row.label).trim().toLowerCase()
              : normalizeLabel(task, row.label);
          if (
            typeof row.text === 'string' &&
            label !== null &&
            typeof label === 'string' &&
            data.labels.includes(label)
          ) {
            extra.push({
              id: String(row.id ?? i),
              source: file,
              text: row.text,
              label,
              weight: 1,
              heldOut: false,
            });
          }
        } catch {
          options.log(`${file}:${i + 1}: JSON inválido`);
        }
      });
    data.docs.push(
      ...vectorize(
        extra.map((e) => e.text),
        bundle,
        data.names,
      ),
    );
    data.examples.push(...extra);
    options.log(`${file}: ${extra.length} ejemplos propios`);
  }
  const datasetsDir = options.datasetsDir;
  const priors = config.priors
    ? fitPriors(
        config.priors,
        data,
        datasetsDir,
        bundle,
        Object.fromEntries(config.priors.map((t) => [t, TASK_CONFIG[t].variant])),
        Object.fromEntries(config.priors.map((t) => [t, TASK_CONFIG[t].fit])),
      )
    : undefined;
  const fit = {
    ...config.fit,
    ...(priors ? { priors } : {}),
    ...(options.l2 ? { l2: options.l2 } : {}),
    ...(options.topK ? { topK: options.topK } : {}),
  };
  const trainRows = trainingRows(data, true);
  const objective = config.objective ?? 'macroF1';
  const calibrateOn = (rows: number[]) => {
    if (!config.calibrate) return {};
    const cv = crossValidatedProbs(data, rows, fit, 3);
    const c = calibrate(data, cv.rows, cv.probs, objective);
    // Offsets tuned on one half of the CV rows must also help on the other half.
    const gain = calibrationGain(data, cv.rows, cv.probs, objective);
    options.log(
      `${task}: calibración CV ${objective}=${c.cvScore.toFixed(3)} ${JSON.stringify(c.offsets ?? c.threshold)}; ganancia en la otra mitad ${gain.toFixed(3)}${gain > 0 ? '' : ' → sin calibrar'}`,
    );
    return gain > 0 ? { offsets: c.offsets, threshold: c.threshold } : {};
  };
  const calibration = calibrateOn(trainRows);
  const heldModel = { ...fitTask(data, trainRows, fit), ...calibration };
  const { gold, probs } = heldOutProbs(data, heldModel, bundle);
  const r = report(data, gold, probs, heldModel.threshold ?? 0.5); // probs already include the offsets
  const heldOut = {
    n: r.n,
    accuracy: round(r.accuracy),
    macroF1: round(r.macroF1),
    perClassF1: Object.fromEntries(Object.entries(r.perClass).map(([k, v]) => [k, round(v.f1)])),
    trainRows: trainRows.length,
  };
  options.log(
    `${task}: held-out accuracy=${heldOut.accuracy} macroF1=${heldOut.macroF1} n=${heldOut.n}`,
  );
  const sources = [...new Set(data.examples.map((e) => e.source.replace(/^.*\//, '')))];
  const meta = {
    trainedOn: sources,
    heldOut,
    heldOutRule: 'FNV1a(file:id) % 1000 < 150',
    createdBy: 'escucha train',
  };
  let model: LinearModelFile;
  if (options.holdoutOnly)
    model = { ...heldModel, meta: { ...heldModel.meta, ...meta, fittedOn: 'train-split' } };
  else {
    const all = trainingRows(data, false);
    // The decision calibration found on the training split is reused (saves three fits).
    model = { ...fitTask(data, all, fit, { ...meta, fittedOn: 'all' }), ...calibration };
  }
  options.log(`${task}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const heldOutModel: LinearModelFile = {
    ...heldModel,
    meta: { ...heldModel.meta, ...meta, fittedOn: 'train-split' },
  };
  return { model, heldOut, heldOutModel };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
