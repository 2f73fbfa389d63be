import { foldText } from './tokenize.js';

/**
 * What a post search looks for: each word of the query, folded as the text is (case and
 * accents), matching also the longer words it begins (plurals and derived forms: "asalto"
 * finds "asaltos", "desaparecida" finds "desaparecidas") unless it is short or was quoted.
 * Plural queries look for their singular ("mujeres" finds "mujer" and "mujeres").
 */
export interface SearchTerm {
  word: string;
  /** Also matches words that begin with `word`. */
  prefix: boolean;
}

/** Shorter words only match whole words: a prefix of 3 letters matches too much. */
const MIN_PREFIX = 4;
const MAX_TERMS = 10;
const TOKEN_RE = /"([^"]*)"|([\p{L}\p{N}]+)/gu;
const WORD_RE = /[\p{L}\p{N}]+/gu;

/**
 * The stem a plural would share with its singular: "mujeres" → "mujer", "asaltos" → "asalto",
 * "calles" → "call" (a prefix of "calle" too). Not a stemmer: it only removes a plural ending,
 * and never below MIN_PREFIX letters.
 */
export function pluralStem(word: string): string {
  if (/[^aeiou]es$/.test(word) && word.length - 2 >= MIN_PREFIX) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length - 1 >= MIN_PREFIX)
    return word.slice(0, -1);
  return word;
}

/** The terms of a search query: quoted words match exactly, the others by prefix. */
export function searchTerms(q: string): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  for (const match of foldText(q).matchAll(TOKEN_RE)) {
    const quoted = match[1] !== undefined;
    for (const [word] of (match[1] ?? match[2]!).matchAll(WORD_RE)) {
      const term =
        quoted || word.length < MIN_PREFIX
          ? { word, prefix: false }
          : { word: pluralStem(word), prefix: true };
      const key = `${term.prefix ? '*' : '='}${term.word}`;
      if (!terms.has(key)) terms.set(key, term);
    }
  }
  return [...terms.values()].slice(0, MAX_TERMS);
}
