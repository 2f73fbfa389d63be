import { describe, expect, it } from 'vitest';
import { pluralStem, searchTerms } from '../../../analytics/search-terms.js';

describe('searchTerms', () => {
  it('folds words and matches them by prefix, plurals by their singular', () => {
    expect(searchTerms('  Policías, la  ')).toEqual([
      { word: 'policia', prefix: true },
      { word: 'la', prefix: false },
    ]);
    expect(searchTerms('mujeres asaltos MARAS')).toEqual([
      { word: 'mujer', prefix: true },
      { word: 'asalto', prefix: true },
      { word: 'mara', prefix: true },
    ]);
  });

  it('keeps quoted words and short words whole, and drops repeats', () => {
    expect(searchTerms('"Robo" robo pnc "robo"')).toEqual([
      { word: 'robo', prefix: false },
      { word: 'robo', prefix: true },
      { word: 'pnc', prefix: false },
    ]);
    expect(searchTerms('"policía joven" sur')).toEqual([
      { word: 'policia', prefix: false },
      { word: 'joven', prefix: false },
      { word: 'sur', prefix: false },
    ]);
    expect(searchTerms('"')).toEqual([]);
  });

  it('reads at most ten terms', () => {
    expect(searchTerms(Array.from({ length: 14 }, (_, i) => `palabra${i}`).join(' '))).toHaveLength(
      10,
    );
  });
});

describe('pluralStem', () => {
  it('removes a plural ending, never below four letters', () => {
    expect(pluralStem('mujeres')).toBe('mujer');
    expect(pluralStem('ciudades')).toBe('ciudad');
    expect(pluralStem('calles')).toBe('call');
    expect(pluralStem('asaltos')).toBe('asalto');
    expect(pluralStem('crisis')).toBe('crisi');
    expect(pluralStem('mes')).toBe('mes');
    expect(pluralStem('tres')).toBe('tres');
    expect(pluralStem('address')).toBe('address');
    expect(pluralStem('joven')).toBe('joven');
  });
});
