/**
 * Regenerates lexicons/sentiment/{es,en}.json from the lexicons bundled with `natural`
 * (AFINN-165 Spanish translation and emoji, ML-SentiCon es/en), merged with the hand-written
 * entries in lexicons/sentiment/extra.json (Central American terms; they win on conflicts).
 * Run: `npx tsx nlp/train/build-sentiment-lexicon.ts`.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fold } from '../text/fold.js';

const require = createRequire(import.meta.url);
const base = 'natural/lib/natural/sentiment/';
const afinnEs = require(`${base}Spanish/afinnShortSortedSpanish.json`) as Record<string, number>;
const senticonEs = require(`${base}Spanish/senticon_es.json`) as Record<string, { pol: string }>;
const senticonEn = require(`${base}English/senticon_en.json`) as Record<string, { pol: string }>;
const root = new URL('../../lexicons/sentiment/', import.meta.url);
const extra = JSON.parse(readFileSync(new URL('extra.json', root), 'utf8')) as Record<
  'es' | 'en',
  Record<string, number>
>;

function variantsEs(word: string): string[] {
  const out = [word];
  if (word.endsWith('o')) out.push(`${word.slice(0, -1)}a`, `${word}s`, `${word.slice(0, -1)}as`);
  else if (word.endsWith('a')) out.push(`${word}s`);
  else if (word.endsWith('e')) out.push(`${word}s`);
  else if (/[lrnzd]$/.test(word))
    out.push(word.endsWith('z') ? `${word.slice(0, -1)}ces` : `${word}es`);
  return out;
}

function build(
  entries: Array<[string, number]>,
  extraWords: Record<string, number>,
  variants: (w: string) => string[],
) {
  const words: Record<string, number> = {};
  for (const [word, pol] of entries) {
    if (word.includes(' ') || Math.abs(pol) < 0.25) continue;
    for (const v of variants(fold(word))) if (!(v in words)) words[v] = Math.round(pol * 100) / 100;
  }
  for (const [word, pol] of Object.entries(extraWords)) words[fold(word)] = pol;
  return Object.fromEntries(Object.entries(words).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const es = build(
  [
    ...Object.entries(afinnEs).map(([w, v]) => [w, v / 4] as [string, number]),
    ...Object.entries(senticonEs).map(
      ([w, v]) => [w.replace(/_/g, ' '), Number(v.pol)] as [string, number],
    ),
  ],
  extra.es,
  variantsEs,
);
const en = build(
  Object.entries(senticonEn).map(
    ([w, v]) => [w.replace(/_/g, ' '), Number(v.pol)] as [string, number],
  ),
  extra.en,
  (w) => [w, `${w}s`],
);
const header = (lang: string) => ({
  version: '1.0.0',
  description: `Polaridad de palabras (${lang}) en [-1, 1], sin tildes. Generado por nlp/train/build-sentiment-lexicon.ts a partir de AFINN (traducción de natural) y ML-SentiCon; edite lexicons/sentiment/extra.json y regenere.`,
});
writeFileSync(new URL('es.json', root), `${JSON.stringify({ ...header('es'), words: es })}\n`);
writeFileSync(new URL('en.json', root), `${JSON.stringify({ ...header('en'), words: en })}\n`);
console.log(`es=${Object.keys(es).length} en=${Object.keys(en).length}`);
