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

/**
 * The one rule for percentages and indices, used by every view, chart, table and card:
 * - a magnitude under 10 keeps one decimal, always ("8.0 %", "8.4 %"), so neighbouring small
 *   rates line up; from 10 up, whole numbers ("11 %", "64 %"): the decimal is noise there;
 * - the percent sign is placed by Intl for the locale (never a hand-written " %");
 * - signed figures (changes, net sentiment) use the same decimals with an explicit sign.
 */
function decimalsFor(value: number): Intl.NumberFormatOptions {
  const magnitude = Math.abs(Math.round(value * 10) / 10);
  if (magnitude === 0) return { minimumFractionDigits: 0, maximumFractionDigits: 0 };
  return magnitude < 10 ? { minimumFractionDigits: 1, maximumFractionDigits: 1 } : { minimumFractionDigits: 0, maximumFractionDigits: 0 };
}

/** A value already in percent (12.5 → "13 %", 8 → "8.0 %", as the locale places the sign). */
export function formatPercent(value: number, locale = i18n.intlLocale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', ...decimalsFor(value) }).format(value / 100);
}

/** A signed change already in percent: "+30 %", "−4.2 %" (narrative trends, count changes). */
export function formatSignedPercent(value: number, locale = i18n.intlLocale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', ...decimalsFor(value) }).format(value / 100);
}

/**
 * A signed index such as net sentiment (−100..100): one decimal always ("-64.0", "+24.2"), so a
 * column of indices lines up and "-64" never sits next to "-70.4".
 */
export function formatIndex(value: number, locale = i18n.intlLocale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
}

/** A signed number: +12,5 / −3 (counts; indices use formatIndex). */
export function formatSigned(value: number, locale = i18n.intlLocale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
}

/** Change between periods: percent for counts, percentage points for rates and indices (same decimals rule). */
export function formatChange(current: number, previous: number, kind: 'count' | 'points' = 'count', locale = i18n.intlLocale): string | null {
  if (kind === 'points') {
    const diff = Math.round((current - previous) * 10) / 10;
    const points = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', ...decimalsFor(diff) }).format(diff);
    return `${points}\u00a0${locale.startsWith('es') ? 'pp' : 'pts'}`;
  }
  if (previous === 0) return null;
  return formatSignedPercent(((current - previous) / previous) * 100, locale);
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

/**
 * A text cut into the pieces after which a line may break: after the punctuation inside long
 * tokens (host names, URLs, paths: "jetstream2.us-east.bsky.network"), so a narrow table cell
 * wraps at "." or "/" instead of in the middle of a word. Joined with `<wbr>` by the caller.
 */
export function breakPoints(text: string): string[] {
  return text.split(/(?<=[./\\_\-:?&=@#])(?=[^\s./\\_\-:?&=@#)\]])/u);
}
