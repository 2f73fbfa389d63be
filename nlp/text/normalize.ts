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
const TOKEN_RE = /_(?:url|user|hashtag)_|[\p{L}\p{N}]+|\p{Extended_Pictographic}|[.,;:!?¿¡]/gu;
const EMOJI_RE = /\p{Extended_Pictographic}/u;
const PUNCT = new Set(['.', ',', ';', ':', '!', '?', '¿', '¡']);

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
  const tokens = s.match(TOKEN_RE) ?? [];
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

/** Expands abbreviations for `lang` and marks negation scope; drops punctuation. */
export function finish(
  prepared: PreparedText,
  lang: 'es' | 'en' | 'other',
  res: TextResources,
): NormalizedText {
  const abbreviations = lang === 'en' ? res.abbreviations.en : res.abbreviations.es;
  const negators = lang === 'en' ? res.negators.en : res.negators.es;
  const words: string[] = [];
  const flags = new Uint8Array(prepared.tokens.length * 4);
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
        words.push(word);
        scope = res.negationScope;
        continue;
      }
      if (res.negationStop.has(word)) scope = 0;
      if (scope > 0 && words.length < flags.length) flags[words.length] = 1;
      words.push(word);
      if (scope > 0) scope--;
    }
  }
  const negated = flags.subarray(0, words.length);
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
