import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DateOrderSurvey, parseDate } from '../../../workers/collectors/file-dates.js';
import { readRecords, recordToPost, RowError, type FileImportOptions } from '../../../workers/collectors/file.js';

const options: FileImportOptions = {
  map: {},
  platform: 'file',
  campaignIds: [],
  secret: 'test-secret-0123456789',
  now: new Date('2026-11-29T12:00:00Z'),
  queryId: 'import:test.csv',
};

describe('file collector: day-first dates', () => {
  it.each([
    ['28/11/2026', 'dmy', '2026-11-28T00:00:00.000Z'],
    ['28/11/2026 10:15', 'dmy', '2026-11-28T10:15:00.000Z'],
    ['3/2/2026 9:05:07', 'dmy', '2026-02-03T09:05:07.000Z'],
    ['28-11-2026', 'dmy', '2026-11-28T00:00:00.000Z'],
    ['28.11.2026', 'dmy', '2026-11-28T00:00:00.000Z'],
    ['11/28/2026 10:15', 'mdy', '2026-11-28T10:15:00.000Z'],
    ['2026-11-28T10:15:00-06:00', 'dmy', '2026-11-28T16:15:00.000Z'],
  ] as const)('reads %j as %s', (value, format, iso) => {
    expect(new Date(parseDate(value, format)).toISOString()).toBe(iso);
  });

  it.each([
    ['28/11/2026', 'iso'],
    ['11/28/2026', 'dmy'],
    ['31/02/2026', 'dmy'],
    ['2026-02-31', 'iso'],
    ['28/11/2026 25:00', 'dmy'],
    ['28/11/26', 'dmy'],
    ['28/11-2026', 'dmy'],
  ] as const)('refuses %j as %s', (value, format) => {
    expect(parseDate(value, format)).toBeNaN();
  });

  it('maps a day-first row with dateFormat dmy, and tells how to fix it without', () => {
    const record = { text: 'hola', createdAt: '28/11/2026 10:15' };
    expect(recordToPost(record, { ...options, dateFormat: 'dmy' }).createdAt).toBe('2026-11-28T10:15:00.000Z');
    expect(() => recordToPost(record, options)).toThrow(/--date-format dmy/);
    expect(() => recordToPost({ text: 'x', createdAt: '11/28/2026' }, { ...options, dateFormat: 'dmy' })).toThrow(
      /"11\/28\/2026" no es una fecha válida \(día\/mes\/año/,
    );
  });

  it('says day first only when some date must be and none must be month first; never month first', () => {
    const verdict = (...values: string[]) => {
      const survey = new DateOrderSurvey();
      values.forEach((value, i) => survey.add(value, i + 2));
      return survey.verdict();
    };
    expect(verdict('2026-11-02T10:00:00Z', 'ayer')).toEqual({ kind: 'none' });
    expect(verdict('05/11/2026', '28/11/2026 10:15', '2026-11-02')).toEqual({ kind: 'dmy', example: { example: '28/11/2026 10:15', line: 3 } });
    expect(verdict('05/05/2026', '11/11/2026')).toEqual({ kind: 'dmy' });
    expect(verdict('05/11/2026', '06/11/2026')).toEqual({ kind: 'ambiguous', example: '05/11/2026', line: 2 });
    expect(verdict('05/11/2026', '11/28/2026')).toEqual({ kind: 'mdy', example: '11/28/2026', line: 3 });
    expect(verdict('28/11/2026', '11/28/2026')).toMatchObject({ kind: 'mixed', dmy: { line: 2 }, mdy: { line: 3 } });
  });
});

describe('file collector: dates in the future', () => {
  it('refuses a post dated more than a day after now, and keeps one within the tolerance', () => {
    expect(() => recordToPost({ text: 'x', createdAt: '2031-01-01T00:00:00Z' }, options)).toThrow(RowError);
    expect(() => recordToPost({ text: 'x', createdAt: '2031-01-01T00:00:00Z' }, options)).toThrow(/está en el futuro/);
    expect(() => recordToPost({ text: 'x', createdAt: '01/12/2026' }, { ...options, dateFormat: 'dmy' })).toThrow(
      /está en el futuro; revise la fecha \(se leyó como día\/mes\/año\)/,
    );
    expect(recordToPost({ text: 'x', createdAt: '2026-11-30T10:00:00Z' }, options).createdAt).toBe('2026-11-30T10:00:00.000Z');
  });
});

describe('file collector: countries', () => {
  it('keeps a post whose country escucha does not cover, without a country, and says so', () => {
    const ignored: string[] = [];
    const post = recordToPost({ text: 'x', createdAt: '2026-11-02', country: 'MX' }, { ...options, onIgnoredCountry: (c) => ignored.push(c) });
    expect(post.place).toBeNull();
    expect(ignored).toEqual(['MX']);
  });

  it.each([
    ['gt', 'GT'],
    ['Guatemala', 'GT'],
    ['PANAMÁ', 'PA'],
    ['República Dominicana', 'DO'],
    ['Belize', 'BZ'],
  ])('reads country %j as %s', (value, code) => {
    expect(recordToPost({ text: 'x', createdAt: '2026-11-02', country: value }, options).place).toEqual({ country: code, admin1: null });
  });
});

describe('file collector: damaged workbooks', () => {
  it('refuses a damaged .xlsx with a message the user can act on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'escucha-xlsx-')), 'roto.xlsx');
    writeFileSync(path, Buffer.from('PK\u0003\u0004 not really a zip'));
    await expect(async () => {
      for await (const _ of readRecords(path, 'xlsx')) void _;
    }).rejects.toThrow(/no es un libro XLSX legible: puede estar dañado.*guárdelo de nuevo/);
  });
});
