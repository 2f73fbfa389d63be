/**
 * Language identification: es / en / other, from function words (lexicons/text/language.json),
 * Spanish orthography (ñ ¿ ¡ á é í ó ú), script and the platform's language tag.
 * Belizean English and Kriol are `en`; Portuguese, French, Italian, German, non-Latin scripts
 * are `other`. Contract: pure; `tokens` are the folded tokens from `prepare()`.
 */
import type { Evidence } from '../models/common.js';
import { WordFilter } from './text/word-filter.js';

export type LanguageCode = 'es' | 'en' | 'other';

export interface LanguageResources {
  /** Folded word → weight per language (shared words split their weight). */
  words: Map<string, Array<[string, number]>>;
}

export function buildLanguageResources(lists: Record<string, string[]>): LanguageResources {
  const owners = new Map<string, Set<string>>();
  for (const [lang, words] of Object.entries(lists)) {
    if (!Array.isArray(words)) continue;
    for (const word of words) {
      const set = owners.get(word) ?? new Set<string>();
      set.add(lang);
      owners.set(word, set);
    }
  }
  const words = new Map<string, Array<[string, number]>>();
  for (const [word, langs] of owners)
    words.set(
      word,
      [...langs].map((l) => [l, 1 / langs.size]),
    );
  return { words };
}

export interface LanguageGuess {
  code: LanguageCode;
  score: number;
  explanation: Evidence[];
}

const ES_SUFFIX =
  /(?:cion|ciones|mente|ando|iendo|ado|ada|ados|adas|idad|idades|istas?|ero|eros|era|eras|ia|ias|ito|ita|itos|itas|aron|ieron|amos|emos|imos)$/;
const EN_SUFFIX = /(?:ing|tion|tions|ed|ly|ness|ment|ments|ship|ful|less|ous|ight|ould|'s)$/;

export function detectLanguage(
  text: string,
  tokens: readonly string[],
  res: LanguageResources,
  platformLang?: string | null,
): LanguageGuess {
  // Insertion-ordered, like the object it replaces (ties go to the language seen first).
  const scores = new Map<string, number>();
  const bump = (lang: string, x: number) => scores.set(lang, (scores.get(lang) ?? 0) + x);
  // Morphology: a few frequent Spanish / English word endings.
  let esSuffix = 0;
  let enSuffix = 0;
  // Function-word owners per token, kept for the evidence pass (one dictionary lookup each).
  const ownersOf: Array<Array<[string, number]> | undefined> = new Array(tokens.length);
  const filter = wordFilter(res);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const owners = filter.mightHave(token) ? res.words.get(token) : undefined;
    ownersOf[t] = owners;
    if (owners) {
      for (const [lang, weight] of owners) bump(lang, weight);
    } else if (token.length >= 5) {
      if (ES_SUFFIX.test(token)) esSuffix++;
      else if (EN_SUFFIX.test(token)) enSuffix++;
    }
  }
  if (esSuffix > 0) bump('es', 0.3 * Math.min(esSuffix, 4));
  if (enSuffix > 0) bump('en', 0.3 * Math.min(enSuffix, 4));
  const chars = scanCharacters(text);
  const marks = Math.min(3, chars.es);
  if (marks > 0) bump('es', 0.5 * marks);
  if (chars.pt > 0) bump('pt', 0.6 * Math.min(3, chars.pt));
  if (chars.fr > 0) bump('fr', 0.6 * Math.min(3, chars.fr));
  if (chars.de > 0) bump('de', 0.6 * Math.min(3, chars.de));
  const { nonLatin, latin } = chars;
  const platform = platformLang ? platformLang.toLowerCase().slice(0, 2) : null;
  if (platform) bump(platform, 0.75);

  if (nonLatin > latin) {
    return {
      code: 'other',
      score: 0.95,
      explanation: [{ feature: 'script:non-latin', weight: nonLatin / (nonLatin + latin) }],
    };
  }
  let best = 'es';
  let bestScore = scores.get('es') ?? 0;
  let total = 0;
  for (const [lang, score] of scores) {
    total += score;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  if (bestScore === 0) {
    // No evidence at all (emoji-only, names, hashtags): the product listens in Spanish.
    return { code: 'es', score: 0.34, explanation: [{ feature: 'default:es', weight: 0 }] };
  }
  const code: LanguageCode = best === 'es' || best === 'en' ? best : 'other';
  // Evidence: the function words of the winning language (built only for it).
  const hits = new Map<string, number>();
  for (let t = 0; t < tokens.length; t++) {
    const owners = ownersOf[t];
    if (!owners) continue;
    const token = tokens[t]!;
    for (const [lang, weight] of owners) {
      if (lang !== best) continue;
      hits.set(token, (hits.get(token) ?? 0) + weight);
      break;
    }
  }
  const explanation: Evidence[] = [...hits.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([feature, weight]) => ({ feature: `word:${feature}`, weight: round(weight) }));
  if (best === 'es' && marks > 0)
    explanation.push({ feature: 'orthography:es', weight: 0.5 * marks });
  if (platform === best) explanation.push({ feature: `platform:${platform}`, weight: 0.75 });
  const confidence = (bestScore + 1) / (total + 2);
  return { code, score: round(Math.min(1, Math.max(0, confidence))), explanation };
}

const FILTERS = new WeakMap<LanguageResources, WordFilter>();

/** Bloom filter of the function words (most tokens are not function words). */
function wordFilter(res: LanguageResources): WordFilter {
  let filter = FILTERS.get(res);
  if (!filter) {
    filter = new WordFilter(res.words.keys());
    FILTERS.set(res, filter);
  }
  return filter;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** One pass over the characters: script counts and language-specific letters. */
function scanCharacters(text: string): {
  latin: number;
  nonLatin: number;
  es: number;
  pt: number;
  fr: number;
  de: number;
} {
  let latin = 0;
  let nonLatin = 0;
  let es = 0;
  let pt = 0;
  let fr = 0;
  let de = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
    else if (c < 0xc0) {
      if (c === 0xbf || c === 0xa1) es++; // ¿ ¡
    } else if (c <= 0x24f) {
      latin++;
      switch (c) {
        case 0xf1:
        case 0xd1:
        case 0xe1:
        case 0xe9:
        case 0xed:
        case 0xf3:
        case 0xfa:
        case 0xc1:
        case 0xc9:
        case 0xcd:
        case 0xd3:
        case 0xda:
          es++; // ñ á é í ó ú
          break;
        case 0xe3:
        case 0xf5:
        case 0xc3:
        case 0xd5:
          pt++; // ã õ
          break;
        case 0xe7:
          pt += 0.5; // ç
          fr += 0.5;
          break;
        case 0xe8:
        case 0xea:
        case 0xe0:
        case 0xf9:
        case 0x153:
          fr++; // è ê à ù œ
          break;
        case 0xdf:
        case 0xe4:
        case 0xf6:
          de++; // ß ä ö
          break;
      }
    } else if (
      (c >= 0x370 && c <= 0x6ff) ||
      (c >= 0x900 && c <= 0xe7f) ||
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xac00 && c <= 0xd7af)
    ) {
      nonLatin++;
    }
  }
  return { latin, nonLatin, es, pt, fr, de };
}
