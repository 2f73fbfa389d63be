/**
 * The single feature pipeline shared by training and inference for Spanish text:
 * prepare → finish('es') → lexicon signals → sparse hashed features.
 */
import { extractFeatures, type ExtractOptions, type FeatureSink } from './features/extract.js';
import { lexiconSignals, type LexiconSignals } from './lexicon-signals.js';
import type { TextBundle } from './text-resources.js';
import { finish, type NormalizedText, type PreparedText } from './text/normalize.js';

/** Character n-gram range (ESCUCHA_CHAR_N="min,max" overrides it for training experiments). */
export const DEFAULT_EXTRACT: { minCharN: number; maxCharN: number } = (() => {
  const env = typeof process !== 'undefined' ? process.env.ESCUCHA_CHAR_N : undefined;
  const [min, max] = (env ?? '3,5').split(',').map(Number);
  return { minCharN: min ?? 3, maxCharN: max ?? 5 };
})();

export function featurizePrepared(
  prepared: PreparedText,
  bundle: TextBundle,
  sink: FeatureSink,
  names?: Map<number, string>,
  extract: Omit<ExtractOptions, 'slang'> = DEFAULT_EXTRACT,
): { norm: NormalizedText; signals: LexiconSignals } {
  const norm = finish(prepared, 'es', bundle.text);
  const signals = lexiconSignals(norm, 'es', bundle.lexicon);
  extractFeatures(norm, signals, { ...extract, slang: bundle.slang }, sink, names);
  return { norm, signals };
}
