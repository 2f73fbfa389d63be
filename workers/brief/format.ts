/**
 * Number, date and label formatting of the brief, in the dashboard's conventions
 * (client/format.ts): es-419 (1,234.5 — the convention of Guatemala, Honduras, El Salvador,
 * Panamá and the Dominican Republic) and en-BZ, percentages with a space in Spanish ("48 %").
 */

export type BriefLocale = 'es' | 'en';

const NBSP = '\u00a0';

function intlLocale(locale: BriefLocale): string {
  return locale === 'es' ? 'es-419' : 'en-BZ';
}

// Intl formatters are costly to build and the brief formats hundreds of values: keep them.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(value: number, locale: BriefLocale, digits = 0): string {
  const key = `${locale}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits, minimumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A count: no decimals ("1,234"); large reach as "1.2 M" so a card stays one line. */
export function formatCount(value: number, locale: BriefLocale): string {
  if (Math.abs(value) >= 10_000_000) return `${formatNumber(value / 1_000_000, locale, 1)}${NBSP}M`;
  return formatNumber(value, locale);
}

/** "48 %" (es) or "48%" (en), one decimal only below 10. */
export function formatPercent(value: number, locale: BriefLocale, digits?: number): string {
  const d = digits ?? (Math.abs(value) < 10 && !Number.isInteger(value) ? 1 : 0);
  return `${formatNumber(value, locale, d)}${locale === 'es' ? NBSP : ''}%`;
}

/** Signed change: "+48 %", "−12 %" (true minus sign). */
export function formatChange(value: number, locale: BriefLocale): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${formatPercent(Math.abs(value), locale)}`;
}

/** Signed difference in points: "+1.4 p. p." / "+1.4 pts". */
export function formatPoints(value: number, locale: BriefLocale): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${formatNumber(Math.abs(value), locale, 1)}${NBSP}${locale === 'es' ? 'p.' + NBSP + 'p.' : 'pts'}`;
}

export function formatDay(day: string, locale: BriefLocale, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' }): string {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format.format(new Date(`${day.slice(0, 10)}T12:00:00Z`));
}

/**
 * "16 al 22 de noviembre de 2026" / "16–22 November 2026": the month and year of the start only
 * when they differ from the end's ("30 de noviembre al 6 de diciembre de 2026").
 */
export function formatRange(from: string, to: string, locale: BriefLocale): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const sameMonth = sameYear && from.slice(5, 7) === to.slice(5, 7);
  const end = formatDay(to, locale, { day: 'numeric', month: 'long', year: 'numeric' });
  const start = sameMonth
    ? String(Number(from.slice(8, 10)))
    : formatDay(from, locale, sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' });
  if (locale === 'es') return `${start} al ${end}`;
  return sameMonth ? `${start}–${end}` : `${start} – ${end}`;
}

/** Short weekday + day for chart axes: "lun 16" / "Mon 16". */
export function formatAxisDay(day: string, locale: BriefLocale): string {
  const weekday = formatDay(day, locale, { weekday: 'short' }).replace('.', '');
  return `${weekday} ${Number(day.slice(8, 10))}`;
}

/** Percentage change, null when the previous value is 0. */
export function percentChange(current: number, previous: number): number | null {
  return previous === 0 ? null : Math.round(((current - previous) / previous) * 1000) / 10;
}
