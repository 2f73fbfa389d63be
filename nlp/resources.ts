/**
 * Loads everything the analyser needs (lexicons + weights) once, and derives the bundle
 * version: a short SHA-256 of every lexicon and weights file read.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildTable,
  type FeatureTable,
  type LinearModel,
  type LinearModelFile,
} from './model/linear.js';
import { buildGazetteer, type CountryGazetteer, type Gazetteer } from './places.js';
import { loadTextBundle, readJson, type TextBundle } from './text-resources.js';
import { buildTopicIndex, type TopicIndex, type TopicsFile } from './topics.js';

export const DEFAULT_LEXICONS_DIR = fileURLToPath(new URL('../lexicons/', import.meta.url));
export const DEFAULT_WEIGHTS_DIR = fileURLToPath(new URL('./weights/', import.meta.url));
export const MODEL_TASKS = [
  'sentiment',
  'emotion',
  'misogyny',
  'hate',
  'misogyny-category',
  'misogyny-intention',
] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

export interface Resources {
  version: string;
  bundle: TextBundle;
  topics: TopicIndex;
  gazetteer: Gazetteer;
  table: FeatureTable;
  models: Partial<Record<ModelTask, LinearModel>>;
  extract: { minCharN: number; maxCharN: number };
}

export function loadResources(
  lexiconsDir = DEFAULT_LEXICONS_DIR,
  weightsDir = DEFAULT_WEIGHTS_DIR,
): Resources {
  const bundle = loadTextBundle(lexiconsDir);
  const sources = [...bundle.sources];
  const topics = buildTopicIndex(
    readJson<TopicsFile>(join(lexiconsDir, 'topics/topics.json'), sources),
  );
  const placesDir = join(lexiconsDir, 'places');
  const countries: CountryGazetteer[] = [];
  for (const file of readdirSync(placesDir)
    .filter((f) => /^[A-Z]{2}\.json$/.test(f))
    .sort()) {
    countries.push(readJson<CountryGazetteer>(join(placesDir, file), sources));
  }
  const common = readJson<{ words: string[] }>(join(placesDir, 'common.json'), sources);
  const gazetteer = buildGazetteer(countries, common.words);
  const files: LinearModelFile[] = [];
  for (const task of MODEL_TASKS) {
    const path = join(weightsDir, `${task}.json`);
    if (!existsSync(path)) continue;
    const raw = readFileSync(path, 'utf8');
    sources.push(raw);
    files.push(JSON.parse(raw) as LinearModelFile);
  }
  const { table, models } = buildTable(files);
  const byTask: Partial<Record<ModelTask, LinearModel>> = {};
  for (const m of models) byTask[m.task as ModelTask] = m;
  const hash = createHash('sha256');
  for (const s of sources) hash.update(s);
  return {
    version: `nlp-${hash.digest('hex').slice(0, 12)}`,
    bundle,
    topics,
    gazetteer,
    table,
    models: byTask,
    extract: files[0]?.extract ?? { minCharN: 2, maxCharN: 5 },
  };
}
