import type { CountryCode } from './common.js';

/** Country names as users read them, by locale; '' is a post whose country is unknown. */
export const COUNTRY_NAMES: Record<'es' | 'en', Record<CountryCode | '', string>> = {
  es: {
    GT: 'Guatemala',
    HN: 'Honduras',
    SV: 'El Salvador',
    CR: 'Costa Rica',
    PA: 'Panamá',
    DO: 'República Dominicana',
    BZ: 'Belice',
    '': 'País sin determinar',
  },
  en: {
    GT: 'Guatemala',
    HN: 'Honduras',
    SV: 'El Salvador',
    CR: 'Costa Rica',
    PA: 'Panama',
    DO: 'Dominican Republic',
    BZ: 'Belize',
    '': 'Country unknown',
  },
};

export function countryName(code: string, locale: 'es' | 'en' = 'es'): string {
  return (COUNTRY_NAMES[locale] as Record<string, string>)[code] ?? code;
}
