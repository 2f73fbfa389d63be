/**
 * Hashtag segmentation: `#DesaprendamosASerMachistas` → "desaprendamos a ser machistas",
 * `#niunamenos` → "ni una menos" (dictionary word break), `#Guate2024` → "guate 2024".
 * Contract: pure; returns folded lower-case words joined by single spaces; when a lower-case
 * tag cannot be fully explained by the dictionary it is returned unsplit.
 */
import { fold } from './fold.js';

export interface SegmentDictionary {
  /** Folded word → negative log probability (smaller is more frequent). */
  cost: Map<string, number>;
  maxLen: number;
}

export function buildSegmentDictionary(
  words: Iterable<readonly [string, number]>,
): SegmentDictionary {
  const counts = [...words];
  const total = counts.reduce((sum, [, count]) => sum + count, 0) || 1;
  const cost = new Map<string, number>();
  let maxLen = 1;
  for (const [word, count] of counts) {
    const key = fold(word);
    if (!key) continue;
    cost.set(key, Math.log(total / Math.max(count, 1)));
    if (key.length > maxLen) maxLen = key.length;
  }
  return { cost, maxLen };
}

/** Splits camelCase, UPPERCase runs and letter/digit boundaries. */
function splitCase(tag: string): string[] {
  return tag
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(/\s+/)
    .filter(Boolean);
}

/** Viterbi word break of a folded lower-case chunk; null when no full segmentation exists. */
export function wordBreak(chunk: string, dict: SegmentDictionary): string[] | null {
  const n = chunk.length;
  const best = new Float64Array(n + 1).fill(Infinity);
  const back = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let end = 1; end <= n; end++) {
    for (let start = Math.max(0, end - dict.maxLen); start < end; start++) {
      const prev = best[start]!;
      if (prev === Infinity) continue;
      const word = chunk.slice(start, end);
      let cost = dict.cost.get(word);
      if (cost === undefined) {
        if (/^\d+$/.test(word)) cost = 8;
        else continue;
      }
      // Single letters other than real one-letter words are discouraged.
      const total = prev + cost + 4;
      if (total < best[end]!) {
        best[end] = total;
        back[end] = start;
      }
    }
  }
  if (best[n] === Infinity) return null;
  const words: string[] = [];
  for (let end = n; end > 0; end = back[end]!) words.unshift(chunk.slice(back[end]!, end));
  return words;
}

/** Hashtags repeat across posts: segmentations are memoised per dictionary. */
const SEGMENT_CACHE = new WeakMap<SegmentDictionary, Map<string, string>>();
const NO_DICT_CACHE = new Map<string, string>();

export function segmentHashtag(tag: string, dict: SegmentDictionary | null): string {
  let cache = dict ? SEGMENT_CACHE.get(dict) : NO_DICT_CACHE;
  if (!cache) {
    cache = new Map();
    SEGMENT_CACHE.set(dict!, cache);
  }
  let out = cache.get(tag);
  if (out === undefined) {
    out = segmentUncached(tag, dict);
    if (cache.size >= 50_000) cache.clear();
    cache.set(tag, out);
  }
  return out;
}

function segmentUncached(tag: string, dict: SegmentDictionary | null): string {
  const body = tag.replace(/^#/, '');
  const parts = splitCase(body);
  const out: string[] = [];
  for (const part of parts) {
    const folded = fold(part);
    if (
      dict &&
      parts.length === 1 &&
      folded.length > 3 &&
      !dict.cost.has(folded) &&
      /^\p{L}+$/u.test(folded)
    ) {
      const words = wordBreak(folded, dict);
      if (words && words.length <= Math.ceil(folded.length / 2)) {
        out.push(...words);
        continue;
      }
    }
    out.push(folded);
  }
  return out.join(' ');
}
