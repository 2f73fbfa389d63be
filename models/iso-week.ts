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

/** Why `week` cannot have a brief at `now`, or null when it can. */
export type WeekProblem = 'format' | 'nonexistent' | 'future';

/**
 * Checks a requested week: `YYYY-Www`, a week its year has (2026-W53 does not exist), and not in
 * the future (its Monday is not after `now`'s day, UTC). The week under way is allowed: its brief
 * covers the days so far.
 */
export function weekProblem(week: string, now: Date = new Date()): WeekProblem | null {
  if (!WEEK.test(week)) return 'format';
  let range: WeekRange;
  try {
    range = weekRange(week);
  } catch {
    return 'nonexistent';
  }
  return range.from > isoDay(now.getTime()) ? 'future' : null;
}

/** What `weekProblem` found, as a sentence for people (the CLI; the API words it through zod). */
export function weekProblemText(week: string, problem: WeekProblem, locale: 'es' | 'en' = 'es'): string {
  const text = {
    es: {
      format: `"${week}" no es una semana ISO: use AAAA-Www, p. ej. 2026-W47`,
      nonexistent: `la semana "${week}" no existe: el año ISO tiene 52 o 53 semanas`,
      future: `la semana "${week}" todavía no empezó: elija una semana en curso o pasada`,
    },
    en: {
      format: `"${week}" is not an ISO week: use YYYY-Www, e.g. 2026-W47`,
      nonexistent: `week "${week}" does not exist: an ISO year has 52 or 53 weeks`,
      future: `week "${week}" has not started yet: pick the current or a past week`,
    },
  };
  return text[locale][problem];
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
