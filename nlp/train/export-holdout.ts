/**
 * Writes the held-out rows of each task (the FNV split used by `escucha train`) as JSONL files
 * in a directory OUTSIDE the repository, to score `--holdout` weights with `escucha eval`:
 *   npx tsx nlp/train/export-holdout.ts /tmp/escucha-holdout [datasetsDir]
 * Never commit these files: they are the datasets' own texts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TASK_CONFIG } from './config.js';
import { loadExamples, taskSpec, TASKS } from './data.js';

const out = process.argv[2];
if (!out) throw new Error('usage: export-holdout.ts <outDir> [datasetsDir]');
const datasets = process.argv[3] ?? '/work/shared/datasets';
mkdirSync(out, { recursive: true });
for (const task of TASKS) {
  const examples = loadExamples(datasets, taskSpec(task, TASK_CONFIG[task].variant)).filter(
    (e) => e.heldOut,
  );
  const lines = examples.map((e) =>
    JSON.stringify({ id: e.id, source: e.source, text: e.text, label: e.label }),
  );
  writeFileSync(join(out, `${task}.jsonl`), `${lines.join('\n')}\n`);
  console.log(`${task}: ${examples.length} → ${join(out, `${task}.jsonl`)}`);
}
