/**
 * Regenerates lexicons/text/segmentation.json, the word-frequency list used to split
 * lower-case hashtags (#niunamenos → "ni una menos"). Frequencies are word counts over the
 * training corpora in /work/shared/datasets (only counts of words seen ≥ 3 times are kept,
 * never texts), plus every word of the other lexicons.
 * Run: `npx tsx nlp/train/build-segmentation.ts [datasetsDir]`.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from '../text/fold.js';

const datasets = process.argv[2] ?? '/work/shared/datasets';
const lexicons = new URL('../../lexicons/', import.meta.url).pathname;
const counts = new Map<string, number>();
const add = (word: string, n = 1) => counts.set(word, (counts.get(word) ?? 0) + n);

for (const file of readdirSync(datasets).filter((f) => f.endsWith('.jsonl'))) {
  for (const line of readFileSync(join(datasets, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text?: string }).text ?? '';
    const clean = fold(text.replace(/https?:\/\/\S+|[@#]\S+|\bUSER\b|\bHASHTAG\b/g, ' '));
    for (const word of clean.match(/\p{L}+/gu) ?? []) if (word.length <= 20) add(word);
  }
}
const words: Record<string, number> = {};
for (const [word, n] of counts)
  if (n >= 3 && (word.length > 1 || ['a', 'y', 'o', 'e', 'u'].includes(word))) words[word] = n;
const walk = (value: unknown): void => {
  if (typeof value === 'string') {
    for (const word of fold(value).match(/\p{L}+/gu) ?? [])
      if (word.length > 1 && !(word in words)) words[word] = 3;
  } else if (Array.isArray(value)) value.forEach(walk);
  else if (value && typeof value === 'object') Object.values(value).forEach(walk);
};
for (const file of ['topics/topics.json', 'text/slang.json', 'emotions.json', 'abuse.json']) {
  try {
    walk(JSON.parse(readFileSync(join(lexicons, file), 'utf8')));
  } catch {
    // lexicon not written yet
  }
}
for (const w of ['ni', 'una', 'menos', 'no', 'mas', 'vivas', 'nos', 'queremos', 'ser', 'machistas'])
  words[w] ??= 50;
const sorted = Object.fromEntries(Object.entries(words).sort((a, b) => b[1] - a[1]));
writeFileSync(
  join(lexicons, 'text/segmentation.json'),
  `${JSON.stringify({ version: '1.0.0', description: 'Frecuencias de palabras para segmentar hashtags en minúsculas. Regenerar con nlp/train/build-segmentation.ts; se pueden añadir palabras a mano.', words: sorted })}\n`,
);
console.log(`words=${Object.keys(sorted).length}`);
