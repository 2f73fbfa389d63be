/**
 * Evidence rows as an analyst reads them. The models name features with folded words and short
 * internal names ("léxico:neg (balacera)", "rasgo:question", "w:anos"); here they become words
 * with the accents the post itself used ("años", not "anos") and names in the reader's
 * language ("palabras negativas (balacera)", "pregunta").
 */

// The analyser's own folding, so a word is looked up exactly as the features spell it.
import { STOPWORDS } from '../analytics/tokenize.js';
import { fold } from '../nlp/text/fold.js';
import { en } from './i18n/en.js';
import { es } from './i18n/es.js';

type Locale = 'es' | 'en';

/** "léxico:emo:fear" → "léxico de miedo", one entry per emotion. */
function emotionLexicons(names: Record<string, string>, lead: string): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([emotion, name]) => [`léxico:emo:${emotion}`, `${lead} ${name}`]));
}

const NAMES: Record<Locale, Record<string, string>> = {
  es: {
    'léxico:neg': 'palabras negativas',
    'léxico:pos': 'palabras positivas',
    'léxico:polarity': 'polaridad del léxico',
    'léxico:misogyny': 'léxico misógino',
    'léxico:hate': 'léxico de odio',
    'léxico:emo': 'léxico de emoción',
    ...emotionLexicons({ anger: 'ira', disgust: 'asco', fear: 'miedo', joy: 'alegría', sadness: 'tristeza', surprise: 'sorpresa' }, 'léxico de'),
    'rasgo:question': 'pregunta',
    'rasgo:exclam': 'exclamaciones',
    'rasgo:caps': 'mayúsculas',
    'rasgo:elong': 'letras alargadas',
    'rasgo:laugh': 'risa',
    'rasgo:url': 'enlace',
    'jerga': 'jerga',
    'postura': 'postura',
    'intención': 'intención',
    'regla': 'regla',
    'objetivo:ninguno': 'no nombra a mujeres, el género ni a migrantes',
    'léxico:mis': 'léxico misógino',
    'perfil': 'perfil del autor',
  },
  en: {
    'léxico:neg': 'negative words',
    'léxico:pos': 'positive words',
    'léxico:polarity': 'lexicon polarity',
    'léxico:misogyny': 'misogyny lexicon',
    'léxico:hate': 'hate lexicon',
    'léxico:emo': 'emotion lexicon',
    ...emotionLexicons({ anger: 'anger', disgust: 'disgust', fear: 'fear', joy: 'joy', sadness: 'sadness', surprise: 'surprise' }, 'lexicon of'),
    'rasgo:question': 'question',
    'rasgo:exclam': 'exclamations',
    'rasgo:caps': 'capitals',
    'rasgo:elong': 'stretched letters',
    'rasgo:laugh': 'laughter',
    'rasgo:url': 'link',
    'jerga': 'slang',
    'postura': 'stance',
    'intención': 'intention',
    'regla': 'rule',
    'objetivo:ninguno': 'names no woman, gender or migrant',
    'léxico:mis': 'misogyny lexicon',
    'perfil': 'author profile',
  },
};


/** Folded word → the post's own spelling, for the words of `text` that carry accents. */
export function spellings(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const folded = fold(word);
    if (folded !== word.toLowerCase() && !map.has(folded)) map.set(folded, word.toLowerCase());
  }
  return map;
}

/** A phrase made only of function words ("una", "que le", "de la"): it explains nothing to a reader. */
export function isStopwordPhrase(text: string): boolean {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 && words.every((w) => STOPWORDS.has(fold(w)));
}

/**
 * The word or phrase of an evidence feature, or null for model-internal signals: features may be
 * prefixed by a category ("sexual-violence:acoso") or be lexicon scores ("léxico:neg").
 */
export function wordOf(feature: string): string | null {
  // Intention and stance rows explain *why a post is or is not* misogynistic speech, not what
  // it says; the author's profile and "names no woman" are not words of the post.
  if (/^(intención|postura|perfil|objetivo):/.test(feature)) return null;
  const parts = feature.split(':');
  let last = parts[parts.length - 1]!.trim();
  if (parts.length > 1 && /^(neg|pos|polarity|question)$/.test(last)) return null;
  if (/^(léxico|lexico|rasgo|corrección)/.test(feature) && !last.includes('(')) return null;
  // A lexicon hit reads "misogyny (histericas, zorra)": the words are in the brackets, and the
  // first that is not a function word ("vez", "un") is the one that counts.
  const bracket = /\(([^)]+)\)/.exec(last);
  if (bracket) last = bracket[1]!.split(',').map((w) => w.trim()).find((w) => !isStopwordPhrase(w)) ?? '';
  // Character n-grams ("…ujer…", "…os p…") are not words.
  if (isFragment(last) || last.length < 2) return null;
  return isStopwordPhrase(last) ? null : last;
}

/** Cues whose rows read "cue: what it found" ("intención:léxico:emo:joy", "regla:a la cocina"). */
const CUES = /^(intención|postura|regla):(.+)$/su;
/** An EXIST category prefix ("sexual-violence:la", "objectification:cuerpo"). */
const CATEGORY = /^(?:[a-z]+(?:-[a-z]+)+|objectification):/;

/** The feature without its cues and category prefix: "intención:sexual-violence:la" → "la". */
function innerOf(feature: string): string {
  let inner = feature.trim();
  for (let cue = CUES.exec(inner); cue; cue = CUES.exec(inner)) inner = cue[2]!.trim();
  return inner.replace(CATEGORY, '').trim();
}

/** A character n-gram of the models ("…os p…", "…femi…"): a piece of text, not a word. */
export function isFragment(feature: string): boolean {
  const inner = innerOf(feature);
  return inner.startsWith('…') || inner.endsWith('…');
}

/** The words of a lexicon row's brackets that are not function words: "(un, pasajeros, vez)" → ["pasajeros"]. */
function lexiconWords(list: string): string[] {
  return list
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word && !isStopwordPhrase(word));
}

/**
 * Whether an evidence row says nothing to a reader: once its cue and category prefixes are
 * set aside, only function words remain ("intención:una", "la", "sexual-violence:de la"), or
 * a lexicon matched only function words ("léxico:pos (vez)").
 * Internal signals (lexicons, traits, "objetivo:ninguno") are words to translate, never dropped.
 */
export function onlyStopwords(feature: string): boolean {
  const inner = innerOf(feature);
  const lexicon = /^(?:léxico|lexico)[^(]*\(([^)]*)\)\s*$/u.exec(inner);
  if (lexicon) return lexiconWords(lexicon[1]!).length === 0;
  if (/^(léxico|lexico|rasgo|objetivo|corrección|jerga|perfil)\b/u.test(inner)) return false;
  return isStopwordPhrase(inner);
}

const CATALOGUES = { es, en } as const;

/** "stereotyping-dominance" → "Estereotipos y dominación", or null for an unknown code. */
function categoryLabel(code: string, locale: Locale): string | null {
  return CATALOGUES[locale].labels.misogynyCategories[code] ?? null;
}

/** The author's own words, quoted the reader's way: «belice» / “belice”. */
function quoted(words: string, locale: Locale): string {
  return locale === 'es' ? `«${words}»` : `“${words}”`;
}

/** One evidence feature, readable: internal names translated, words spelled as in the post. */
export function readableEvidence(feature: string, text: string, locale: Locale, spelled = spellings(text)): string {
  // "intención:léxico:emo:joy" → "intención: léxico de alegría": the cue, then what it found, itself made readable.
  const cue = CUES.exec(feature);
  if (cue) return `${NAMES[locale][cue[1]!]}: ${readableEvidence(cue[2]!.trim(), text, locale, spelled)}`;
  const names = NAMES[locale];
  const respell = (label: string) => label.replace(/[\p{L}\p{N}]+/gu, (word) => spelled.get(word) ?? word);
  // "stereotyping-dominance:mujeres" → "Estereotipos y dominación: mujeres"
  const category = /^([a-z]+(?:-[a-z]+)*):(.+)$/su.exec(feature);
  const categoryName = category ? categoryLabel(category[1]!, locale) : null;
  if (category && categoryName) return `${categoryName}: ${readableEvidence(category[2]!.trim(), text, locale, spelled)}`;
  // "perfil:belice" → "author profile: “belice”": what the author wrote (the place block above
  // names the country it resolves to).
  const profile = /^perfil:(.+)$/su.exec(feature);
  if (profile) return `${names['perfil']}: ${quoted(profile[1]!.trim(), locale)}`;
  // "léxico:mis:stereotyping-dominance (zorra)" → "léxico misógino (estereotipos y dominación): zorra"
  const misogyny = /^léxico:mis:([a-z-]+)\s*(?:\(([^)]*)\))?$/u.exec(feature);
  if (misogyny) {
    const kind = categoryLabel(misogyny[1]!, locale)?.toLowerCase() ?? misogyny[1]!.replace(/-/g, ' ');
    const words = lexiconWords(misogyny[2] ?? '');
    return respell(`${names['léxico:mis']} (${kind})${words.length > 0 ? `: ${words.join(', ')}` : ''}`);
  }
  let label = feature;
  // A lexicon's words without the function words it also matched: "(cuidando, vez)" → "(cuidando)".
  if (/^(léxico|lexico)/u.test(label))
    label = label.replace(/\s*\(([^)]*)\)\s*$/u, (_, list: string) => {
      const words = lexiconWords(list);
      return words.length > 0 ? ` (${words.join(', ')})` : '';
    });
  const prefix = Object.keys(names)
    .filter((name) => label === name || label.startsWith(`${name}:`) || label.startsWith(`${name} `))
    .sort((a, b) => b.length - a.length)[0];
  // "jerga:chavo" → "jerga: chavo"
  if (prefix) label = `${names[prefix]}${label.slice(prefix.length).replace(/^:/, ': ')}`;
  return respell(label);
}

export interface EvidenceRow {
  label: string;
  weight: number;
}

/** Rows shown per label: the strongest evidence, not every feature. */
export const MAX_EVIDENCE_ROWS = 6;

/**
 * A label's evidence as an analyst reads it: character n-grams and function words left out,
 * internal names translated, rows that read the same merged (their weights summed), strongest
 * (by absolute weight) first, at most `max`.
 */
export function evidenceRows(
  evidence: readonly { feature: string; weight: number }[],
  text: string,
  locale: Locale,
  max = MAX_EVIDENCE_ROWS,
): EvidenceRow[] {
  const spelled = spellings(text);
  const merged = new Map<string, number>();
  for (const { feature, weight } of evidence) {
    if (isFragment(feature) || onlyStopwords(feature)) continue;
    const label = readableEvidence(feature, text, locale, spelled);
    merged.set(label, (merged.get(label) ?? 0) + weight);
  }
  return [...merged]
    .map(([label, weight]) => ({ label, weight }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, max);
}
