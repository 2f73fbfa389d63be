/**
 * Multi-word phrase matching over normalised word arrays (longest match wins at each
 * position). Phrases are folded and split on spaces; a trailing `*` on the last word matches
 * any word with that prefix ("asesinad*"). Contract: pure; O(words × phrases starting there).
 */
import { fold } from './text/fold.js';
import { WordFilter } from './text/word-filter.js';

interface Entry<T> {
  words: string[];
  prefix: boolean;
  payload: T;
  /** The folded phrase as reported in hits (built once). */
  phrase: string;
}

export interface PhraseHit<T> {
  payload: T;
  start: number;
  end: number;
  phrase: string;
}

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  private readonly prefixFirst: Entry<T>[] = [];
  /** Bloom filter of the first words (built on the first match after an add). */
  private firstFilter: WordFilter | null = null;

  add(phrase: string, payload: T): void {
    const words = fold(phrase)
      .split(/[^\p{L}\p{N}*_]+/u)
      .filter(Boolean);
    if (words.length === 0) return;
    const last = words[words.length - 1]!;
    const prefix = last.endsWith('*');
    if (prefix) words[words.length - 1] = last.slice(0, -1);
    const entry: Entry<T> = {
      words,
      prefix,
      payload,
      phrase: words.join(' ') + (prefix ? '*' : ''),
    };
    this.firstFilter = null;
    if (prefix && words.length === 1) {
      this.prefixFirst.push(entry);
      return;
    }
    const list = this.byFirst.get(words[0]!) ?? [];
    list.push(entry);
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(words[0]!, list);
  }

  get size(): number {
    let n = this.prefixFirst.length;
    for (const list of this.byFirst.values()) n += list.length;
    return n;
  }

  /** All matches (several payloads may match at the same position). */
  match(words: readonly string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    // Most words start no phrase: the filter spares their Map lookup.
    const filter = (this.firstFilter ??= new WordFilter(this.byFirst.keys()));
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const list = filter.mightHave(word) ? this.byFirst.get(word) : undefined;
      if (list) {
        for (const entry of list) {
          if (matchesAt(entry, words, i)) {
            hits.push({
              payload: entry.payload,
              start: i,
              end: i + entry.words.length,
              phrase: entry.phrase,
            });
          }
        }
      }
      for (const entry of this.prefixFirst) {
        if (word.length >= entry.words[0]!.length && word.startsWith(entry.words[0]!)) {
          hits.push({ payload: entry.payload, start: i, end: i + 1, phrase: entry.phrase });
        }
      }
    }
    return hits;
  }
}

function matchesAt<T>(entry: Entry<T>, words: readonly string[], i: number): boolean {
  const n = entry.words.length;
  if (i + n > words.length) return false;
  for (let k = 1; k < n; k++) {
    const want = entry.words[k]!;
    const got = words[i + k]!;
    if (k === n - 1 && entry.prefix ? !got.startsWith(want) : got !== want) return false;
  }
  return true;
}
