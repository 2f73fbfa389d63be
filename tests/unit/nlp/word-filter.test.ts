import { describe, expect, it } from 'vitest';
import { WordFilter } from '../../../nlp/text/word-filter.js';
import { sharedResources } from './helpers/shared.js';

describe('word filter', () => {
  it('never rules out a word of its set (lookups it spares would have missed)', () => {
    const words = [...sharedResources().bundle.lexicon.polarity.es.keys()];
    const filter = new WordFilter(words);
    for (const word of words) expect(filter.mightHave(word)).toBe(true);
  });

  it('rules out most other words', () => {
    const filter = new WordFilter(['miedo', 'balacera', 'feliz']);
    const others = Array.from({ length: 1000 }, (_, i) => `palabra${i}`);
    expect(others.filter((w) => filter.mightHave(w)).length).toBeLessThan(20);
  });
});
