import { CountryCode } from '../../models/common.js';
import type { BriefLocale } from './format.js';
import type { BriefScope } from './types.js';
import { lastCompleteWeek } from '../../models/iso-week.js';

/** When the weekly brief is produced: a weekday (0 = Monday) and a UTC time. */
export interface BriefSchedule {
  weekday: number;
  hour: number;
  minute: number;
}

export const DEFAULT_BRIEF_SCHEDULE = 'mon 06:00';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Thrown for an ESCUCHA_BRIEF_SCHEDULE or ESCUCHA_BRIEF_EDITIONS that cannot be read. */
export class BriefScheduleError extends Error {
  readonly code = 'ESCUCHA_BRIEF_SCHEDULE';
}

/**
 * Reads ESCUCHA_BRIEF_SCHEDULE: "mon 06:00" (weekday and UTC time, the default when unset) or
 * "off". Returns null for off.
 */
export function parseBriefSchedule(text: string | undefined | null): BriefSchedule | null {
  const value = (text ?? DEFAULT_BRIEF_SCHEDULE).trim().toLowerCase();
  if (value === 'off') return null;
  const match = /^([a-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})$/.exec(value);
  const weekday = match ? WEEKDAYS.indexOf(match[1]!) : -1;
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (!match || weekday === -1 || hour > 23 || minute > 59) {
    throw new BriefScheduleError(`ESCUCHA_BRIEF_SCHEDULE="${text}": use a weekday and a UTC time like "mon 06:00", or "off"`);
  }
  return { weekday, hour, minute };
}

/**
 * The week whose brief is due at `now`: the last complete week as of the latest scheduled
 * instant at or before `now`. A process started mid-week thus catches up on the week's brief.
 */
export function dueWeek(schedule: BriefSchedule, now: Date): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const weekday = (now.getUTCDay() + 6) % 7;
  let occurrence = today - ((weekday - schedule.weekday + 7) % 7) * 86_400_000 + (schedule.hour * 60 + schedule.minute) * 60_000;
  if (occurrence > now.getTime()) occurrence -= 7 * 86_400_000;
  return lastCompleteWeek(new Date(occurrence));
}

/** One brief produced every week: a language and a scope. */
export interface BriefEdition {
  locale: BriefLocale;
  scope: BriefScope;
}

export const DEFAULT_BRIEF_EDITIONS = 'es:*,en:BZ';

/**
 * Reads ESCUCHA_BRIEF_EDITIONS: comma-separated `locale:countries`, countries joined by "+" or
 * "*" for all. The default, "es:*,en:BZ", is the regional brief in Spanish and Belize's in English.
 */
export function parseBriefEditions(text: string | undefined | null): BriefEdition[] {
  return (text ?? DEFAULT_BRIEF_EDITIONS)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [locale, countries = '*'] = item.split(':');
      if (locale !== 'es' && locale !== 'en') throw new BriefScheduleError(`ESCUCHA_BRIEF_EDITIONS: "${item}" must start with es: or en:`);
      const codes = countries === '*' ? [] : countries.split('+').map((c) => c.trim().toUpperCase());
      const parsed = codes.map((code) => CountryCode.safeParse(code));
      if (parsed.some((p) => !p.success)) throw new BriefScheduleError(`ESCUCHA_BRIEF_EDITIONS: "${item}" names an unknown country`);
      return { locale, scope: { countries: parsed.map((p) => p.data!), campaigns: [] } };
    });
}
