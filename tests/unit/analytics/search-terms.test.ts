import { describe, expect, it } from 'vitest';
import { searchTerms, singulars } from '../../../analytics/search-terms.js';
import { PostFilter } from '../../../models/filter.js';
import { searchMatch, termRegex } from '../../../store/mongo/pipelines/search.js';

const matches = (q: string, text: string) =>
  searchTerms(q).every((term) => new RegExp(termRegex(term), 'i').test(text));

describe('searchTerms', () => {
  it('matches long words by prefix, plurals by their singular, short words whole with their plurals', () => {
    expect(searchTerms('  Policías, la  ')).toEqual([
      { prefix: 'policia', exact: [] },
      { prefix: null, exact: ['la', 'las'] },
    ]);
    expect(searchTerms('mujeres asaltos')).toEqual([
      { prefix: 'mujer', exact: [] },
      { prefix: 'asalto', exact: [] },
    ]);
    expect(searchTerms('maras robo redes')).toEqual([
      { prefix: 'maras', exact: ['mara', 'maras'] },
      { prefix: null, exact: ['robo', 'robos'] },
      { prefix: 'redes', exact: ['red', 'rede', 'redes'] },
    ]);
  });

  it('keeps quoted words whole, and drops repeats', () => {
    expect(searchTerms('"Robo" robo "robo"')).toEqual([
      { prefix: null, exact: ['robo'] },
      { prefix: null, exact: ['robo', 'robos'] },
    ]);
    expect(searchTerms('"policía joven"')).toEqual([
      { prefix: null, exact: ['policia'] },
      { prefix: null, exact: ['joven'] },
    ]);
    expect(searchTerms('"')).toEqual([]);
  });

  it('finds the forms people mean, not every word that shares a few letters', () => {
    expect(matches('asaltos', 'Otro asalto en la colonia')).toBe(true);
    expect(matches('desaparecida', 'Dos jóvenes desaparecidas')).toBe(true);
    expect(matches('mujeres', 'Una mujer desaparecida')).toBe(true);
    expect(matches('redes', 'Lo vi en la red')).toBe(true);
    expect(matches('veces', 'Otra vez la policía')).toBe(true);
    expect(matches('vez', 'Muchas veces lo dijimos')).toBe(true);
    expect(matches('leyes', 'La ley no se cumple')).toBe(true);
    expect(matches('mara', 'Las maras cobran renta')).toBe(true);
    expect(matches('maras', 'Corrió la maratón')).toBe(false);
    expect(matches('robo', 'Un robot de limpieza')).toBe(false);
    expect(matches('"asalto"', 'Otro asalto')).toBe(true);
    expect(matches('"asalto"', 'Otros asaltos')).toBe(false);
    expect(matches('mujeres asalto', 'Una mujer sufrió un asalto')).toBe(true);
    expect(matches('mujeres asalto', 'Una mujer desaparecida')).toBe(false);
  });

  it('reads at most ten terms', () => {
    expect(searchTerms(Array.from({ length: 14 }, (_, i) => `palabra${i}`).join(' '))).toHaveLength(
      10,
    );
  });
});

describe('singulars', () => {
  it('removes a plural ending, never below three letters', () => {
    expect(singulars('mujeres')).toEqual(['mujer', 'mujere']);
    expect(singulars('calles')).toEqual(['call', 'calle']);
    expect(singulars('asaltos')).toEqual(['asalto']);
    expect(singulars('veces')).toEqual(['vez']);
    expect(singulars('redes')).toEqual(['red', 'rede']);
    expect(singulars('mes')).toEqual([]);
    expect(singulars('address')).toEqual([]);
    expect(singulars('joven')).toEqual([]);
  });
});

describe('MongoDB search narrowing', () => {
  it('narrows through the text index only with quoted (whole-word) terms', () => {
    const filter = PostFilter.parse({ from: '2026-11-01', to: '2026-11-07' });
    expect(searchMatch(filter, '"asalto" mujeres de', null, true).$text).toEqual({
      $search: '"asalto"',
    });
    expect(searchMatch(filter, 'asaltos mujeres', null, true).$text).toBeUndefined();
    expect(searchMatch(filter, '"asalto"', null, false).$text).toBeUndefined();
  });
});
