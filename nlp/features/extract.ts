/**
 * Sparse features of a normalised post, shared by every linear model:
 *   c:<gram>   character 2–5-grams of the normalised text (value count/√N_char)
 *   w:<word>   words; n:<word> for words inside a negation scope (value count/√N_word)
 *   b:<w1 w2>  word bigrams;  h:<tag> hashtags;  g:<gloss> slang glosses
 *   l:<name>   lexicon signals and s:<name> surface statistics (raw values)
 * Features are emitted as (FNV hash of the name, value) to a sink; names are only built when a
 * `names` map is given (training), so inference allocates no substrings.
 */
import { FNV_OFFSET, fnvContinue, fnvStep, hashFeature } from './hash.js';
import type { NormalizedText } from '../text/normalize.js';
import type { LexiconSignals } from '../lexicon-signals.js';

export type FeatureSink = (hash: number, value: number) => void;

export interface ExtractOptions {
  maxCharN: number;
  minCharN: number;
  /** Slang term → gloss words. */
  slang: Map<string, string[]> | null;
}

const CHAR_STATE = fnvContinue(FNV_OFFSET, 'c:');
/** Code units of the text being hashed (reused: extraction is synchronous). */
let CODES = new Uint16Array(1024);
const WORD_STATE = fnvContinue(FNV_OFFSET, 'w:');
const NEG_STATE = fnvContinue(FNV_OFFSET, 'n:');
const BIGRAM_STATE = fnvContinue(FNV_OFFSET, 'b:');

export function extractFeatures(
  norm: NormalizedText,
  signals: LexiconSignals,
  options: ExtractOptions,
  sink: FeatureSink,
  names?: Map<number, string>,
): void {
  const text = ` ${norm.text} `;
  const L = text.length;
  const { minCharN, maxCharN } = options;
  let nChar = 0;
  for (let n = minCharN; n <= maxCharN; n++) nChar += Math.max(0, L - n + 1);
  const charValue = nChar > 0 ? 1 / Math.sqrt(nChar) : 0;
  // Each character is hashed into up to maxCharN grams: read the code units once.
  if (CODES.length < L) CODES = new Uint16Array(L * 2);
  const codes = CODES;
  for (let i = 0; i < L; i++) codes[i] = text.charCodeAt(i);
  for (let i = 0; i < L; i++) {
    let h = CHAR_STATE;
    const limit = Math.min(maxCharN, L - i);
    for (let n = 1; n <= limit; n++) {
      h = fnvStep(h, codes[i + n - 1]!);
      if (n >= minCharN) {
        sink(h, charValue);
        if (names && !names.has(h)) names.set(h, `c:${text.slice(i, i + n)}`);
      }
    }
  }

  const words = norm.words;
  const glosses: string[] = [];
  if (options.slang) {
    for (const word of words) {
      const gloss = options.slang.get(word);
      if (gloss) glosses.push(...gloss);
    }
  }
  const nWord = words.length * 2 - 1 + norm.hashtags.length + glosses.length;
  const wordValue = nWord > 0 ? 1 / Math.sqrt(nWord) : 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const h = fnvContinue(norm.negated[i] ? NEG_STATE : WORD_STATE, word);
    sink(h, wordValue);
    if (names && !names.has(h)) names.set(h, `${norm.negated[i] ? 'n' : 'w'}:${word}`);
    if (i > 0) {
      const hb = fnvContinue(fnvStep(fnvContinue(BIGRAM_STATE, words[i - 1]!), 32), word);
      sink(hb, wordValue);
      if (names && !names.has(hb)) names.set(hb, `b:${words[i - 1]} ${word}`);
    }
  }
  for (const tag of norm.hashtags) emitNamed(`h:${tag}`, wordValue, sink, names);
  for (const gloss of glosses) emitNamed(`g:${gloss}`, wordValue, sink, names);

  for (const [name, value] of signals.features)
    if (value !== 0) emitNamed(name, value, sink, names);
}

const NAME_CACHE = new Map<string, number>();

function emitNamed(
  name: string,
  value: number,
  sink: FeatureSink,
  names?: Map<number, string>,
): void {
  let h = NAME_CACHE.get(name);
  if (h === undefined) {
    h = hashFeature(name);
    if (NAME_CACHE.size < 50_000) NAME_CACHE.set(name, h);
  }
  sink(h, value);
  if (names && !names.has(h)) names.set(h, name);
}
