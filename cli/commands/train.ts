/**
 * `escucha train --task <task|all>`: trains the linear models from the labelled corpora and
 * writes nlp/weights/<task>.json. It first fits on the training split and reports the held-out
 * figures, then (unless --holdout) refits on all rows for the committed weights.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from '../command.js';
import { parseCommandArgs, UsageError } from '../command.js';

const usage = `
Uso: escucha train --task <sentiment|emotion|misogyny|misogyny-category|misogyny-intention|hate|all> [opciones]

Entrena los modelos lineales y escribe nlp/weights/<tarea>.json.

  --task T        tarea a entrenar, o "all"
  --data DIR      carpeta con los JSONL de entrenamiento (por defecto /work/shared/datasets
                  o ESCUCHA_DATASETS)
  --extra FILE    JSONL propio {text, label} que se suma al entrenamiento (repetible):
                  así se reentrena con anotaciones del producto
  --out DIR       carpeta de pesos (por defecto nlp/weights)
  --holdout       guarda el modelo entrenado SIN la partición reservada (para medir con eval)
  --holdout-out DIR  además de los pesos finales, guarda ahí los entrenados sin la partición
                  reservada (npx tsx nlp/train/export-holdout.ts DIR2 escribe esa partición)
  --l2 X          regularización L2 (por defecto, la de nlp/train/config.ts)
  --top-k N       rasgos que se conservan
`;

const command: Command = {
  name: 'train',
  summary: 'Entrena los modelos de sentimiento, emociones, misoginia y odio',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(
      argv,
      {
        task: { type: 'string' },
        data: { type: 'string' },
        extra: { type: 'string', multiple: true },
        out: { type: 'string' },
        holdout: { type: 'boolean', default: false },
        'holdout-out': { type: 'string' },
        l2: { type: 'string' },
        'top-k': { type: 'string' },
      },
      false,
    );
    const { TASKS } = await import('../../nlp/train/data.js');
    const task = values.task;
    if (!task) throw new UsageError(`falta --task\n${usage}`);
    const tasks = task === 'all' ? [...TASKS] : [task];
    for (const t of tasks)
      if (!(TASKS as readonly string[]).includes(t))
        throw new UsageError(`tarea desconocida: ${t}`);
    const { trainAndReport } = await import('../../nlp/train/pipeline.js');
    const out = resolve(values.out ?? new URL('../../nlp/weights/', import.meta.url).pathname);
    mkdirSync(out, { recursive: true });
    const summary: Record<string, unknown> = {};
    for (const t of tasks) {
      const result = await trainAndReport(t as (typeof TASKS)[number], {
        datasetsDir: values.data ?? io.env.ESCUCHA_DATASETS ?? '/work/shared/datasets',
        extraFiles: values.extra ?? [],
        holdoutOnly: values.holdout ?? false,
        l2: values.l2 ? Number(values.l2) : undefined,
        topK: values['top-k'] ? Number(values['top-k']) : undefined,
        log: (m) => io.stderr.write(`${m}\n`),
      });
      writeFileSync(join(out, `${t}.json`), `${JSON.stringify(result.model)}\n`);
      if (values['holdout-out']) {
        const dir = resolve(values['holdout-out']);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${t}.json`), `${JSON.stringify(result.heldOutModel)}\n`);
      }
      summary[t] = result.heldOut;
      io.stderr.write(`${t}: ${join(out, `${t}.json`)}\n`);
    }
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  },
};

export default command;
