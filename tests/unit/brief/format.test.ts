import { describe, expect, test } from 'vitest';
import { formatAxisDay, formatChange, formatCount, formatPercent, formatRange, percentChange } from '../../../workers/brief/format.js';
import { niceCeiling } from '../../../workers/brief/figures.js';

const nbsp = (text: string) => text.replaceAll(' ', '\u00a0');

describe('brief formatting', () => {
  test.each([
    [1234, 'es', '1,234'],
    [5_421_125, 'es', '5,421,125'],
    [12_500_000, 'en', nbsp('12.5 M')],
  ] as const)('counts %d in %s as %s', (value, locale, expected) => {
    expect(formatCount(value, locale)).toBe(expected);
  });

  test.each([
    [48, 'es', undefined, nbsp('48 %')],
    [6.42, 'es', undefined, nbsp('6.4 %')],
    [48, 'en', undefined, '48%'],
    [10.14, 'en', 1, '10.1%'],
  ] as const)('percent %d (%s) reads %s', (value, locale, digits, expected) => {
    expect(formatPercent(value, locale, digits)).toBe(expected);
  });

  test.each([
    [48, nbsp('+48 %')],
    [-12, nbsp('−12 %')],
    [0, nbsp('±0 %')],
  ])('change %d reads %s', (value, expected) => {
    expect(formatChange(value, 'es')).toBe(expected);
  });

  test.each([
    ['2026-11-16', '2026-11-22', 'es', '16 al 22 de noviembre de 2026'],
    ['2026-11-30', '2026-12-06', 'es', '30 de noviembre al 6 de diciembre de 2026'],
    ['2025-12-29', '2026-01-04', 'es', '29 de diciembre de 2025 al 4 de enero de 2026'],
    ['2026-11-16', '2026-11-22', 'en', '16–22 November 2026'],
  ] as const)('range %s–%s in %s reads "%s"', (from, to, locale, expected) => {
    expect(formatRange(from, to, locale)).toBe(expected);
  });

  test('axis days, percentage change and round axis ends', () => {
    expect(formatAxisDay('2026-11-18', 'es')).toBe('mié 18');
    expect(formatAxisDay('2026-11-18', 'en')).toBe('Wed 18');
    expect(percentChange(312, 211)).toBe(47.9);
    expect(percentChange(5, 0)).toBeNull();
    expect([0.7, 3, 10.1 * 1.7, 240].map(niceCeiling)).toEqual([1, 5, 20, 250]);
  });
});
