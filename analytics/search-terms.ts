import { foldText } from './tokenize.js';

/**
 * What a post search looks for: each word of the query, folded as the text is (case and
 * accents), in any of its forms. A long enough word also matches the longer words it begins
 * ("asalto" finds "asaltos", "desaparecida" finds "desaparecidas"), a plural its singular
 * ("mujeres" finds "mujer", "redes" finds "red", "veces" finds "vez"); short words match only
 * themselves and their plurals ("mara" finds "maras", not "maratón"); a quoted word only itself.
 * A post matches a term when it holds any of its forms.
 */
export interface SearchTerm {
  /** Matches any word that begins with it; null when none. */
  prefix: string | null;
  /** Matches these whole words. */
  exact: string[];
}

/** Shorter forms match whole words only: a prefix of 3 or 4 letters matches too much. */
const MIN_PREFIX = 5;
const MAX_TERMS = 10;
const TOKEN_RE = /"([^"]*)"|([\p{L}\p{N}]+)/gu;
const WORD_RE = /[\p{L}\p{N}]+/gu;

/**
 * The singulars a plural may have: "mujeres" → mujer (and mujere), "calles" → calle (and call),
 * "veces" → vez, "asaltos" → asalto. Not a stemmer: it only removes a plural ending, and never
 * below three letters.
 */
export function singulars(word: string): string[] {
  const found: string[] = [];
  if (word.endsWith('ces')) found.push(`${word.slice(0, -3)}z`);
  else if (/[^aeiou]es$/.test(word)) found.push(word.slice(0, -2), word.slice(0, -1));
  else if (word.endsWith('s') && !word.endsWith('ss')) found.push(word.slice(0, -1));
  return found.filter((form) => form.length >= 3);
}

/** The plural of a (short) singular: "mara" → maras, "red" → redes, "vez" → veces. */
function pluralOf(form: string): string {
  if (form.endsWith('z')) return `${form.slice(0, -1)}ces`;
  return /[aeiou]$/.test(form) ? `${form}s` : `${form}es`;
}

/** The forms one (folded) query word matches. */
function termOf(word: string, quoted: boolean): SearchTerm {
  if (quoted) return { prefix: null, exact: [word] };
  const forms = [word, ...singulars(word)];
  const long = forms
    .filter((form) => form.length >= MIN_PREFIX)
    .sort((a, b) => a.length - b.length);
  const exact = new Set<string>();
  for (const form of forms.filter((f) => f.length < MIN_PREFIX)) {
    exact.add(form);
    exact.add(pluralOf(form));
  }
  return { prefix: long[0] ?? null, exact: [...exact].sort() };
}

/** The terms of a search query (at most ten, each once). */
export function searchTerms(q: string): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  for (const match of foldText(q).matchAll(TOKEN_RE)) {
    const quoted = match[1] !== undefined;
    for (const [word] of (match[1] ?? match[2]!).matchAll(WORD_RE)) {
      const term = termOf(word, quoted);
      const key = `${term.prefix ?? ''}|${term.exact.join(' ')}`;
      if (!terms.has(key)) terms.set(key, term);
    }
  }
  return [...terms.values()].slice(0, MAX_TERMS);
}
