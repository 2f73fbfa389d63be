/**
 * Word vectors learnt (without labels) from the texts of every corpus in the datasets
 * directory, tokenised by the analyser's own normalisation (the words of `w:` features).
 * Rows held out by the evaluation split (any file) are left out, so held-out figures never see
 * their texts. Built once per process (a few seconds) and cached.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextBundle } from '../text-resources.js';
import { finish, prepare } from '../text/normalize.js';
import { isHeldOut } from './data.js';
import {
  buildWordVectors,
  DEFAULT_WORDVEC,
  type WordVectorOptions,
  type WordVectors,
} from './wordvec.js';

const cache = new Map<string, WordVectors>();

export function corpusTexts(datasetsDir: string): string[] {
  const texts: string[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(datasetsDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for (const [i, line] of readFileSync(join(datasetsDir, file), 'utf8').split('\n').entries()) {
      if (!line.trim()) continue;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      const text = typeof row.text === 'string' ? row.text : '';
      if (!text.trim() || seen.has(text)) continue;
      if (isHeldOut(file, String(row.id ?? i))) continue;
      seen.add(text);
      texts.push(text);
    }
  }
  return texts;
}

export function corpusWordVectors(
  datasetsDir: string,
  bundle: TextBundle,
  options: Partial<WordVectorOptions> = {},
): WordVectors {
  const full = { ...DEFAULT_WORDVEC, ...options };
  const key = `${datasetsDir}|${JSON.stringify(full)}`;
  let vectors = cache.get(key);
  if (!vectors) {
    const sentences = corpusTexts(datasetsDir).map(
      (text) => finish(prepare(text, bundle.text), 'es', bundle.text).words,
    );
    vectors = buildWordVectors(sentences, full);
    cache.set(key, vectors);
  }
  return vectors;
}
