/**
 * ISO-8601 weeks in UTC: a brief covers Monday 00:00 to Sunday 24:00 UTC of one week, named
 * `YYYY-Www` (the ISO week-numbering year, which differs from the calendar year around 1 January).
 */

const DAY_MS = 86_400_000;
const WEEK = /^(\d{4})-W(\d{2})$/;

export interface WeekRange {
  week: string;
  /** Monday, `YYYY-MM-DD`. */
  from: string;
  /** Sunday, `YYYY-MM-DD` (inclusive, like PostFilter.to). */
  to: string;
}

/** Thrown for a week string that is not `YYYY-Www` or names a week the year does not have. */
export class InvalidWeekError extends Error {
  readonly code = 'ESCUCHA_BRIEF_WEEK';
  constructor(week: string) {
    super(`"${week}" is not an ISO week like 2026-W47`);
    this.name = 'InvalidWeekError';
  }
}

/** The ISO week an instant falls in (UTC). */
export function isoWeekOf(instant: Date): string {
  const day = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday to Sunday of an ISO week; throws InvalidWeekError for `2026-W54` or `26-W1`. */
export function weekRange(week: string): WeekRange {
  const match = WEEK.exec(week);
  if (!match) throw new InvalidWeekError(week);
  const year = Number(match[1]);
  const number = Number(match[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = mondayOfWeek1 + (number - 1) * 7 * DAY_MS;
  if (number < 1 || isoWeekOf(new Date(monday)) !== week) throw new InvalidWeekError(week);
  return { week, from: isoDay(monday), to: isoDay(monday + 6 * DAY_MS) };
}

/** The last ISO week that has fully ended at `now`. */
export function lastCompleteWeek(now: Date): string {
  const monday = Date.parse(weekRange(isoWeekOf(now)).from);
  return isoWeekOf(new Date(monday - DAY_MS));
}

/** The ISO week `offset` weeks from `week` (−1: the week before). */
export function shiftWeek(week: string, offset: number): string {
  return isoWeekOf(new Date(Date.parse(weekRange(week).from) + offset * 7 * DAY_MS));
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
