/**
 * `npm run bench`: runs every benchmark in its own process (so peak memory is per benchmark),
 * one after the other, each printing `name=value unit` lines and merging them into
 * bench/last.json. `npm run bench -- nlp queries` runs only those.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = ['nlp', 'queries', 'ingest', 'client', 'brief'];

const selected = process.argv.slice(2);
let failed = false;
for (const name of selected.length > 0 ? selected : BENCHMARKS) {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`bench: ${name}.ts not found; skipped\n`);
    continue;
  }
  process.stderr.write(`bench: ${name}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exitCode = failed ? 1 : 0;
