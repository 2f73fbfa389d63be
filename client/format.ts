import { SMALL_SAMPLE } from '../models/metrics.js';
import { i18n } from './i18n/index.js';

/** Numbers, percentages and dates in the user's locale (Intl), for cards, tables and axes. */

export function formatNumber(value: number, locale = i18n.intlLocale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** 12 300 → "12,3 mil" / "12.3K": for cards and axes where space is short. */
export function formatCompact(value: number, locale = i18n.intlLocale): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/**
 * Below this many posts analysed, a rate is shown with a "small sample" note: 4 of 6 is 67 %,
 * and one post more or less moves it by 15 points (models/metrics.ts, shared with the brief).
 */
export { SMALL_SAMPLE };

export const isSmallSample = (analysed: number): boolean => analysed > 0 && analysed < SMALL_SAMPLE;

/** A value already in percent (12.5 → "12,5 %"). */
export function formatPercent(value: number, locale = i18n.intlLocale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** A signed number: +12,5 / −3. */
export function formatSigned(value: number, locale = i18n.intlLocale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
}

/** Change between periods: percent for counts, percentage points for rates and indices. */
export function formatChange(current: number, previous: number, kind: 'count' | 'points' = 'count', locale = i18n.intlLocale): string | null {
  if (kind === 'points') {
    const diff = Math.round((current - previous) * 10) / 10;
    return `${formatSigned(diff, locale)} ${locale.startsWith('es') ? 'pp' : 'pts'}`;
  }
  if (previous === 0) return null;
  const change = ((current - previous) / previous) * 100;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(change / 100);
}

/** A calendar day "2026-11-02" as "2 nov 2026". */
export function formatDay(day: string, locale = i18n.intlLocale, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** An axis label for a day: "2 nov". */
export function formatShortDay(day: string, locale = i18n.intlLocale): string {
  return formatDay(day, locale, { day: 'numeric', month: 'short' });
}

/** An instant in the user's time zone: "2 nov 2026, 10:15". */
export function formatDateTime(iso: string, locale = i18n.intlLocale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatBytes(bytes: number, locale = i18n.intlLocale): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  return kb < 1024 ? `${formatNumber(kb, locale)} kB` : `${formatNumber(kb / 1024, locale)} MB`;
}
