/**
 * `escucha eval --task <task> --file <jsonl>`: scores the analyser on a labelled JSONL file.
 * Prints a JSON report and, as its last line, `accuracy=… macroF1=… n=…` (topics adds microF1).
 */
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from '../command.js';
import { parseCommandArgs, UsageError } from '../command.js';

const usage = `
Uso: escucha eval --task <sentiment|emotion|misogyny|misogyny-category|hate|topics|country> --file <jsonl>
                  [--text-field text] [--label-field label] [--location-field author_location]
                  [--weights DIR] [--lexicons DIR]

Lee un objeto JSON por línea y compara la etiqueta con la predicción. Etiquetas: P/NEU/N
(sentiment), las 7 emociones (emotion), 1/0 (misogyny, hate), categorías EXIST con
"non-sexist" (misogyny-category), lista de temas (topics), código ISO o null (country).
Imprime un informe JSON y, en la última línea, "accuracy=… macroF1=… n=…".
`;

const command: Command = {
  name: 'eval',
  summary: 'Mide el análisis sobre un archivo JSONL etiquetado',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(
      argv,
      {
        task: { type: 'string' },
        file: { type: 'string' },
        'text-field': { type: 'string', default: 'text' },
        'label-field': { type: 'string', default: 'label' },
        'location-field': { type: 'string', default: 'author_location' },
        weights: { type: 'string' },
        lexicons: { type: 'string' },
      },
      false,
    );
    const { EVAL_TASKS, normalizeLabel } = await import('../../nlp/eval/labels.js');
    const task = values.task as (typeof EVAL_TASKS)[number] | undefined;
    if (!task || !EVAL_TASKS.includes(task))
      throw new UsageError(`--task debe ser uno de: ${EVAL_TASKS.join(', ')}`);
    if (!values.file) throw new UsageError('falta --file');
    checkReadableFile(values.file);
    const { loadResources } = await import('../../nlp/resources.js');
    const { predictTask } = await import('../../nlp/predict.js');
    const { singleLabelReport, multiLabelReport } = await import('../../nlp/eval/metrics.js');
    const loadStart = performance.now();
    const res = loadResources(values.lexicons, values.weights);
    const loadMs = performance.now() - loadStart;

    const textField = values['text-field']!;
    const labelField = values['label-field']!;
    const locationField = values['location-field']!;
    const gold: Array<string | string[]> = [];
    const predicted: Array<string | string[]> = [];
    let skipped = 0;
    let predictMs = 0;
    const lines = createInterface({ input: createReadStream(values.file), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      let row: Record<string, unknown>;
      try {
        const parsed = JSON.parse(line) as unknown;
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
          throw new Error('no es un objeto');
        row = parsed as Record<string, unknown>;
      } catch (error) {
        io.stderr.write(`línea ${lineNo}: JSON inválido (${(error as Error).message}); se omite\n`);
        skipped++;
        continue;
      }
      const text = row[textField];
      if (typeof text !== 'string' || !text.trim()) {
        io.stderr.write(`línea ${lineNo}: sin texto en "${textField}"; se omite\n`);
        skipped++;
        continue;
      }
      const label = normalizeLabel(task, row[labelField]);
      if (label === null) {
        io.stderr.write(
          `línea ${lineNo}: etiqueta ilegible en "${labelField}": ${JSON.stringify(row[labelField])}; se omite\n`,
        );
        skipped++;
        continue;
      }
      const hashtags = Array.isArray(row.hashtags) ? row.hashtags.map(String) : undefined;
      const location =
        typeof row[locationField] === 'string'
          ? (row[locationField] as string)
          : typeof row.location === 'string'
            ? row.location
            : null;
      const t0 = performance.now();
      predicted.push(predictTask(res, task, { text, hashtags, location }));
      predictMs += performance.now() - t0;
      gold.push(label);
    }
    const postsPerSecond = predictMs > 0 ? Math.round((gold.length / predictMs) * 1000) : 0;
    const r4 = (x: number) => Math.round(x * 10000) / 10000;
    const fix = (x: number) => x.toFixed(3);
    if (task === 'topics') {
      const report = multiLabelReport(gold as string[][], predicted as string[][], []);
      io.stdout.write(
        `${JSON.stringify(
          {
            task,
            file: values.file,
            version: res.version,
            n: report.n,
            skipped,
            accuracy: r4(report.exactAccuracy),
            microF1: r4(report.microF1),
            microPrecision: r4(report.microPrecision),
            microRecall: r4(report.microRecall),
            macroF1: r4(report.macroF1),
            perClass: roundClasses(report.perClass, r4),
            postsPerSecond,
            modelLoadMs: Math.round(loadMs),
          },
          null,
          2,
        )}\n`,
      );
      io.stdout.write(
        `accuracy=${fix(report.exactAccuracy)} macroF1=${fix(report.macroF1)} microF1=${fix(report.microF1)} n=${report.n}\n`,
      );
      return 0;
    }
    const labelOrder = res.models[task as 'sentiment']?.labels ?? [];
    const report = singleLabelReport(gold as string[], predicted as string[], labelOrder);
    io.stdout.write(
      `${JSON.stringify(
        {
          task,
          file: values.file,
          version: res.version,
          n: report.n,
          skipped,
          accuracy: r4(report.accuracy),
          macroF1: r4(report.macroF1),
          perClass: roundClasses(report.perClass, r4),
          labels: report.labels,
          confusion: report.confusion,
          confusionAxes: 'rows = gold, columns = predicted',
          postsPerSecond,
          modelLoadMs: Math.round(loadMs),
        },
        null,
        2,
      )}\n`,
    );
    io.stdout.write(
      `accuracy=${fix(report.accuracy)} macroF1=${fix(report.macroF1)} n=${report.n}\n`,
    );
    return 0;
  },
};

/** The same words as `escucha import` for a file that is not there (instead of a raw ENOENT). */
function checkReadableFile(file: string): void {
  let stats;
  try {
    stats = statSync(file);
    accessSync(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no se encuentra el archivo: ${file}`);
    if (code === 'EACCES') throw new UsageError(`no hay permiso para leer el archivo: ${file}`);
    throw error;
  }
  if (!stats.isFile()) throw new UsageError(`no es un archivo: ${file}`);
}

function roundClasses<
  T extends Record<string, { precision: number; recall: number; f1: number; support: number }>,
>(perClass: T, r: (x: number) => number) {
  return Object.fromEntries(
    Object.entries(perClass).map(([k, v]) => [
      k,
      { precision: r(v.precision), recall: r(v.recall), f1: r(v.f1), support: v.support },
    ]),
  );
}

export default command;
