import { describe, expect, it, test } from 'vitest';
import { dueWeek, parseBriefEditions, parseBriefSchedule } from '../../../workers/brief/schedule.js';
import { InvalidWeekError, isoWeekOf, lastCompleteWeek, shiftWeek, weekRange } from '../../../models/iso-week.js';

describe('ISO weeks (UTC)', () => {
  test.each([
    ['2026-W47', '2026-11-16', '2026-11-22'],
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
  ])('%s runs from %s to %s', (week, from, to) => {
    expect(weekRange(week)).toEqual({ week, from, to });
    expect(isoWeekOf(new Date(`${from}T00:00:00Z`))).toBe(week);
    expect(isoWeekOf(new Date(`${to}T23:59:59Z`))).toBe(week);
  });

  test.each(['2025-W53', '2026-W00', '2026-47', '26-W47', 'W47'])('rejects %s', (week) => {
    expect(() => weekRange(week)).toThrow(InvalidWeekError);
  });

  it('names the last complete week: a week ends on Sunday at 24:00 UTC', () => {
    expect(lastCompleteWeek(new Date('2026-11-23T00:00:00Z'))).toBe('2026-W47');
    expect(lastCompleteWeek(new Date('2026-11-22T23:59:59Z'))).toBe('2026-W46');
    expect(lastCompleteWeek(new Date('2026-01-01T12:00:00Z'))).toBe('2025-W52');
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52');
  });
});

describe('weekly schedule', () => {
  it('reads "mon 06:00" by default, other days and times, and "off"', () => {
    expect(parseBriefSchedule(undefined)).toEqual({ weekday: 0, hour: 6, minute: 0 });
    expect(parseBriefSchedule('Tuesday 18:30')).toEqual({ weekday: 1, hour: 18, minute: 30 });
    expect(parseBriefSchedule('off')).toBeNull();
    expect(() => parseBriefSchedule('monday')).toThrow(/ESCUCHA_BRIEF_SCHEDULE="monday"/);
    expect(() => parseBriefSchedule('xyz 06:00')).toThrow(/"mon 06:00"/);
    expect(() => parseBriefSchedule('mon 25:00')).toThrow();
  });

  it('is due for the week that ended before the latest scheduled instant', () => {
    const monday6 = parseBriefSchedule('mon 06:00')!;
    expect(dueWeek(monday6, new Date('2026-11-23T05:59:00Z'))).toBe('2026-W46');
    expect(dueWeek(monday6, new Date('2026-11-23T06:00:00Z'))).toBe('2026-W47');
    expect(dueWeek(monday6, new Date('2026-11-26T10:00:00Z'))).toBe('2026-W47');
    const tuesday = parseBriefSchedule('tue 08:00')!;
    expect(dueWeek(tuesday, new Date('2026-11-23T09:00:00Z'))).toBe('2026-W46');
    expect(dueWeek(tuesday, new Date('2026-11-24T08:00:00Z'))).toBe('2026-W47');
  });

  it('reads editions: the regional brief in Spanish and Belize in English by default', () => {
    expect(parseBriefEditions(undefined)).toEqual([
      { locale: 'es', scope: { countries: [], campaigns: [] } },
      { locale: 'en', scope: { countries: ['BZ'], campaigns: [] } },
    ]);
    expect(parseBriefEditions('es:GT+HN')).toEqual([{ locale: 'es', scope: { countries: ['GT', 'HN'], campaigns: [] } }]);
    expect(() => parseBriefEditions('fr:*')).toThrow(/es: or en:/);
    expect(() => parseBriefEditions('es:XX')).toThrow(/unknown country/);
  });
});
