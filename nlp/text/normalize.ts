/**
 * Text normalisation for analysis (never for display).
 *
 * `prepare(text)`: URLs → `_url_`, @mentions and the EmoEvent `USER` placeholder → `_user_`,
 * `#Hashtags` → their segmented words (the EmoEvent `HASHTAG` placeholder → `_hashtag_`),
 * lower-case + accent folding, laughter → `jaja`, elongations collapsed ("siiii" → "si"),
 * tokenisation into words, emoji and punctuation.
 * `finish(prepared, lang)`: expands abbreviations (q, xq, tmb, x…) and marks negation scope.
 * Contract: pure and allocation-light; the same input always gives the same output.
 */
import { fold } from './fold.js';
import { segmentHashtag, type SegmentDictionary } from './hashtags.js';

export interface TextResources {
  abbreviations: { es: Map<string, string[]>; en: Map<string, string[]> };
  negators: { es: Set<string>; en: Set<string> };
  /** Words that close a negation scope. */
  negationStop: Set<string>;
  negationScope: number;
  segment: SegmentDictionary | null;
}

export interface PreparedText {
  /** Folded tokens: words, `_url_`/`_user_`/`_hashtag_`, emoji and punctuation marks. */
  tokens: string[];
  hashtags: string[];
  mentions: string[];
  emojis: string[];
  stats: TextStats;
}

export interface TextStats {
  urls: number;
  elongations: number;
  exclamations: number;
  questions: number;
  /** Share of letters in upper case (0..1). */
  upperRatio: number;
  laughs: number;
  length: number;
}

export interface NormalizedText extends PreparedText {
  /** Words, placeholders and emoji (no punctuation), abbreviations expanded. */
  words: string[];
  /** 1 where words[i] is inside a negation scope. */
  negated: Uint8Array;
  /** words joined by single spaces. */
  text: string;
}

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/gi;
const URL_HINT = /https?:\/\/|www\./i;
const MENTION_RE = /(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_]{1,50})/gu;
const HASHTAG_RE = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]{1,100})/gu;
const PLACEHOLDER_USER = /\bUSER\b/g;
const PLACEHOLDER_HASHTAG = /\bHASHTAG\b/g;
const LAUGH_RE =
  /\b(?:a?(?:j+[aeiou]+){2,}j*|(?:ha){2,}h?|(?:he){3,}|j+s+j+[sj]*|x+d+|lol|lmao)\b/g;
const ELONG_RE = /([a-z])\1{2,}/g;
/** The token definition; `tokenize` implements it by hand (tests compare the two). */
export const TOKEN_RE =
  /_(?:url|user|hashtag)_|[\p{L}\p{N}]+|\p{Extended_Pictographic}|[.,;:!?¿¡]/gu;
const EMOJI_RE = /\p{Extended_Pictographic}/u;
const PUNCT = new Set(['.', ',', ';', ':', '!', '?', '¿', '¡']);
let FLAG_SCRATCH = new Uint8Array(1024);

export function prepare(text: string, res: TextResources): PreparedText {
  const hashtags: string[] = [];
  const mentions: string[] = [];
  let urls = 0;
  let s = text;
  // Each pass only runs when its trigger is present (most posts have no URL or placeholder).
  if (URL_HINT.test(s))
    s = s.replace(URL_RE, () => {
      urls++;
      return ' _url_ ';
    });
  if (s.includes('USER')) s = s.replace(PLACEHOLDER_USER, ' _user_ ');
  if (s.includes('HASHTAG')) s = s.replace(PLACEHOLDER_HASHTAG, ' _hashtag_ ');
  if (s.includes('@'))
    s = s.replace(MENTION_RE, (_m, pre: string, handle: string) => {
      mentions.push(handle.toLowerCase());
      return `${pre} _user_ `;
    });
  if (s.includes('#'))
    s = s.replace(HASHTAG_RE, (_m, pre: string, tag: string) => {
      hashtags.push(fold(tag));
      return `${pre} ${segmentHashtag(tag, res.segment)} . `;
    });
  let letters = 0;
  let upper = 0;
  let exclamations = 0;
  let questions = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      letters++;
    } else if (c >= 97 && c <= 122) letters++;
    else if (c === 33 || c === 161) exclamations++;
    else if (c === 63 || c === 191) questions++;
  }
  let laughs = 0;
  let elongations = 0;
  s = fold(s)
    .replace(LAUGH_RE, () => {
      laughs++;
      return ' jaja ';
    })
    .replace(ELONG_RE, (_m, ch: string) => {
      elongations++;
      return ch;
    });
  const tokens = tokenize(s);
  const emojis: string[] = [];
  for (const token of tokens) if (token.length <= 2 && EMOJI_RE.test(token)) emojis.push(token);
  return {
    tokens,
    hashtags,
    mentions,
    emojis,
    stats: {
      urls,
      elongations,
      exclamations,
      questions,
      upperRatio: letters > 0 ? upper / letters : 0,
      laughs,
      length: text.length,
    },
  };
}

/**
 * `s.match(TOKEN_RE) ?? []` in one hand-written pass (the regex was the costliest step of
 * prepare): at each position a placeholder, else a run of letters/digits, else one
 * pictograph, else one punctuation mark, else the character is skipped. ASCII is classified
 * inline; other code points by the same Unicode property tests, memoised per code point.
 */
export function tokenize(s: string): string[] {
  const tokens: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const placeholder = s.charCodeAt(i) === 95 /* _ */ ? placeholderAt(s, i) : 0;
    if (placeholder > 0) {
      tokens.push(s.slice(i, i + placeholder));
      i += placeholder;
      continue;
    }
    const kind = kindAt(s, i);
    const start = i;
    i += codeUnits(s, i);
    if (kind === WORD) {
      while (i < n && kindAt(s, i) === WORD) i += codeUnits(s, i);
      tokens.push(s.slice(start, i));
    } else if (kind !== OTHER) tokens.push(s.slice(start, i));
  }
  return tokens;
}

const OTHER = 0;
const WORD = 1;
const PICTO = 2;
const PUNCT_MARK = 3;
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, c) => kindOf(c));
const KIND_CACHE = new Map<number, number>();
const PLACEHOLDERS = ['_url_', '_user_', '_hashtag_'];

function kindOf(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (/[\p{L}\p{N}]/u.test(ch)) return WORD;
  if (/\p{Extended_Pictographic}/u.test(ch)) return PICTO;
  if (/[.,;:!?¿¡]/u.test(ch)) return PUNCT_MARK;
  return OTHER;
}

/** Token class of the code point at i. */
function kindAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? ASCII_KIND[c]! : codePointKind(s.codePointAt(i)!);
}

function codePointKind(cp: number): number {
  let kind = KIND_CACHE.get(cp);
  if (kind === undefined) {
    kind = kindOf(cp);
    if (KIND_CACHE.size >= 20_000) KIND_CACHE.clear();
    KIND_CACHE.set(cp, kind);
  }
  return kind;
}

/** Code units of the code point at i (2 for a surrogate pair). */
function codeUnits(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Length of the placeholder starting at i, or 0 (alternatives tried in TOKEN_RE's order). */
function placeholderAt(s: string, i: number): number {
  for (const p of PLACEHOLDERS) if (s.startsWith(p, i)) return p.length;
  return 0;
}

/** Expands abbreviations for `lang` and marks negation scope; drops punctuation. */
export function finish(
  prepared: PreparedText,
  lang: 'es' | 'en' | 'other',
  res: TextResources,
): NormalizedText {
  const abbreviations = lang === 'en' ? res.abbreviations.en : res.abbreviations.es;
  const negators = lang === 'en' ? res.negators.en : res.negators.es;
  const words: string[] = [];
  // Flags go to a reused scratch buffer; the result is an exact-size copy (small typed arrays
  // live on the JS heap, large ones cost a native allocation per post).
  if (FLAG_SCRATCH.length < prepared.tokens.length * 4)
    FLAG_SCRATCH = new Uint8Array(prepared.tokens.length * 8);
  const flags = FLAG_SCRATCH;
  const capacity = prepared.tokens.length * 4;
  let scope = 0;
  for (const token of prepared.tokens) {
    if (PUNCT.has(token)) {
      scope = 0;
      continue;
    }
    const expansion = lang === 'other' ? undefined : abbreviations.get(token);
    const parts = expansion ?? [token];
    for (const word of parts) {
      if (negators.has(word)) {
        if (words.length < capacity) flags[words.length] = 0;
        words.push(word);
        scope = res.negationScope;
        continue;
      }
      if (res.negationStop.has(word)) scope = 0;
      if (words.length < capacity) flags[words.length] = scope > 0 ? 1 : 0;
      words.push(word);
      if (scope > 0) scope--;
    }
  }
  // (Like the former subarray: at most `capacity` flags; words beyond read as not negated.)
  const negated = flags.slice(0, Math.min(words.length, capacity));
  return {
    tokens: prepared.tokens,
    hashtags: prepared.hashtags,
    mentions: prepared.mentions,
    emojis: prepared.emojis,
    stats: prepared.stats,
    words,
    negated,
    text: words.join(' '),
  };
}

export function normalize(
  text: string,
  res: TextResources,
  lang: 'es' | 'en' | 'other' = 'es',
): NormalizedText {
  return finish(prepare(text, res), lang, res);
}
