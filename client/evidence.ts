/**
 * Evidence rows as an analyst reads them. The models name features with folded words and short
 * internal names ("léxico:neg (balacera)", "rasgo:question", "w:anos"); here they become words
 * with the accents the post itself used ("años", not "anos") and names in the reader's
 * language ("palabras negativas (balacera)", "pregunta").
 */

// The analyser's own folding, so a word is looked up exactly as the features spell it.
import { STOPWORDS } from '../analytics/tokenize.js';
import { fold } from '../nlp/text/fold.js';

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
  // it says; character n-grams ("…ujer…") are not words.
  if (/^(intención|postura):/.test(feature)) return null;
  const parts = feature.split(':');
  let last = parts[parts.length - 1]!.trim();
  if (parts.length > 1 && /^(neg|pos|polarity|question)$/.test(last)) return null;
  if (/^(léxico|lexico|rasgo|corrección)/.test(feature) && !last.includes('(')) return null;
  // A lexicon hit reads "misogyny (histericas, zorra)": the words are in the brackets.
  const bracket = /\(([^)]+)\)/.exec(last);
  if (bracket) last = bracket[1]!.split(',')[0]!.trim();
  if (last.startsWith('…') || last.length < 2) return null;
  return isStopwordPhrase(last) ? null : last;
}

/** Cues whose rows read "cue: what it found" ("intención:léxico:emo:joy", "regla:a la cocina"). */
const CUES = /^(intención|postura|regla):(.+)$/su;
/** An EXIST category prefix ("sexual-violence:la"). */
const CATEGORY = /^[a-z]+(?:-[a-z]+)+:/;

/**
 * Whether an evidence row says nothing to a reader: once its cue and category prefixes are
 * set aside, only function words remain ("intención:una", "la", "sexual-violence:de la").
 * Internal signals (lexicons, traits, "objetivo:ninguno") are words to translate, never dropped.
 */
export function onlyStopwords(feature: string): boolean {
  let inner = feature.trim();
  for (let cue = CUES.exec(inner); cue; cue = CUES.exec(inner)) inner = cue[2]!.trim();
  inner = inner.replace(CATEGORY, '');
  if (/^(léxico|lexico|rasgo|objetivo|corrección|jerga)\b/u.test(inner)) return false;
  return isStopwordPhrase(inner);
}

/** One evidence feature, readable: internal names translated, words spelled as in the post. */
export function readableEvidence(feature: string, text: string, locale: Locale, spelled = spellings(text)): string {
  // "intención:léxico:emo:joy" → "intención: léxico de alegría": the cue, then what it found, itself made readable.
  const cue = CUES.exec(feature);
  if (cue) return `${NAMES[locale][cue[1]!]}: ${readableEvidence(cue[2]!.trim(), text, locale, spelled)}`;
  let label = feature;
  const names = NAMES[locale];
  const prefix = Object.keys(names)
    .filter((name) => label === name || label.startsWith(`${name}:`) || label.startsWith(`${name} `))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix) label = `${names[prefix]}${label.slice(prefix.length)}`;
  return label.replace(/[\p{L}\p{N}]+/gu, (word) => spelled.get(word) ?? word);
}
