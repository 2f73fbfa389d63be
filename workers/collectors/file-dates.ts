/**
 * Dates of imported rows. ISO 8601 is always read; numeric dates (28/11/2026, 28-11-2026 or
 * 28.11.2026, with an optional time hh:mm or hh:mm:ss) are read day first (`dmy`, as written in
 * Central America and the Dominican Republic) or month first (`mdy`) when the caller says so.
 * `DateOrderSurvey` looks at every date of a file to say whether day-first is certain; month
 * first is never assumed.
 */

/** How the numeric dates of a file are written; `iso` accepts ISO 8601 only. */
export const DATE_FORMATS = ['iso', 'dmy', 'mdy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:(?:[ T]+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A numeric date's two leading numbers, or null if `value` is not one. */
export function numericDateParts(value: unknown): { first: number; second: number } | null {
  const match = typeof value === 'string' ? NUMERIC.exec(value.trim()) : null;
  return match ? { first: Number(match[1]), second: Number(match[3]) } : null;
}

/**
 * Milliseconds since the epoch of an ISO 8601 date or date-time, or (with `dmy` or `mdy`) of a
 * numeric date; without an offset the time is read as UTC. NaN when it is neither or not a real
 * day (31/02/2026).
 */
export function parseDate(value: unknown, format: DateFormat): number {
  if (typeof value !== 'string') return NaN;
  const text = value.trim();
  const iso = ISO_8601.exec(text);
  if (iso) {
    const [year, month, day] = iso[1]!.split('-').map(Number) as [number, number, number];
    // Date.parse takes 2026-02-31 for 3 March.
    if (!realDay(year, month, day)) return NaN;
    return Date.parse(`${iso[1]}T${iso[2] ?? '00:00'}${iso[3] ?? 'Z'}`);
  }
  if (format === 'iso') return NaN;
  const m = NUMERIC.exec(text);
  if (!m) return NaN;
  const [day, month] = format === 'dmy' ? [Number(m[1]), Number(m[3])] : [Number(m[3]), Number(m[1])];
  const year = Number(m[4]);
  const [hour, minute, second] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0)];
  if (!realDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function realDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** What the numeric dates of a file say about their order. */
export type DateOrderVerdict =
  /** No numeric date. */
  | { kind: 'none' }
  /**
   * Some dates can only be day first (28/11/2026, the example) and none only month first; or
   * (no example) every numeric date reads the same either way (05/05/2026).
   */
  | { kind: 'dmy'; example?: { example: string; line: number } }
  /** Every numeric date could be either (05/11/2026): the file does not say. */
  | { kind: 'ambiguous'; example: string; line: number }
  /** Some dates can only be month first (11/28/2026) and none only day first. */
  | { kind: 'mdy'; example: string; line: number }
  /** Some dates can only be day first and others only month first. */
  | { kind: 'mixed'; dmy: { example: string; line: number }; mdy: { example: string; line: number } };

/** Collects the numeric dates of a file, then says whether day first is certain. */
export class DateOrderSurvey {
  private dayFirst: { example: string; line: number } | null = null;
  private monthFirst: { example: string; line: number } | null = null;
  private either: { example: string; line: number } | null = null;
  private same = false;

  add(value: unknown, line: number): void {
    const parts = numericDateParts(value);
    if (!parts) return;
    const example = { example: String(value).trim(), line };
    if (parts.first > 12 && parts.second <= 12) this.dayFirst ??= example;
    else if (parts.second > 12 && parts.first <= 12) this.monthFirst ??= example;
    else if (parts.first > 12 || parts.second > 12) return; // no month either way: the row is refused
    else if (parts.first !== parts.second) this.either ??= example;
    else this.same = true;
  }

  verdict(): DateOrderVerdict {
    if (this.dayFirst && this.monthFirst) return { kind: 'mixed', dmy: this.dayFirst, mdy: this.monthFirst };
    if (this.dayFirst) return { kind: 'dmy', example: this.dayFirst };
    if (this.monthFirst) return { kind: 'mdy', ...this.monthFirst };
    if (this.either) return { kind: 'ambiguous', ...this.either };
    return this.same ? { kind: 'dmy' } : { kind: 'none' };
  }
}
