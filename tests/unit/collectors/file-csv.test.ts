import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUOTE_NOT_CLOSED, readCsv, sniffDelimiter, TEXT_AFTER_QUOTE, type CsvItem } from '../../../workers/collectors/csv.js';
import { readRecords, type FileRecord } from '../../../workers/collectors/file.js';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Items of `text`, the same whatever the chunk size (1, 2, 3, 7 characters or all at once). */
async function items(text: string, delimiter?: string): Promise<{ delimiter: string; items: CsvItem[] }> {
  const results: { delimiter: string; items: CsvItem[] }[] = [];
  for (const size of [1, 2, 3, 7, text.length || 1]) {
    let used = '';
    const out: CsvItem[] = [];
    for await (const item of readCsv(chunked(text, size), { delimiter, onDelimiter: (d) => (used = d) })) out.push(item);
    results.push({ delimiter: used, items: out });
  }
  for (const r of results) expect(r).toEqual(results[0]);
  return results[0]!;
}

/** What Excel in a Spanish locale writes: semicolons, CRLF, quotes around fields with ; or ". */
const EXCEL_ES =
  'Fecha;Mensaje;Red\r\n' +
  '28/11/2026 10:15;"Basta de violencia; ya";x\r\n' +
  '27/11/2026 09:00;"Dijo ""basta"" y se fue";facebook\r\n';

describe('CSV delimiter', () => {
  it.each([
    ['text,createdAt,likes', ','],
    ['text;createdAt;likes', ';'],
    ['text\tcreatedAt\tlikes', '\t'],
    // Separators inside quotes do not count.
    ['"a,b,c,d";createdAt', ';'],
    ['"Mensaje; texto",Fecha,Red', ','],
    ['text', ','],
  ])('reads %j as %j', (header, delimiter) => {
    expect(sniffDelimiter(header)).toBe(delimiter);
  });

  it('reads a semicolon export (Excel, Spanish locale) from its header, rows at their lines', async () => {
    const { delimiter, items: out } = await items(EXCEL_ES);
    expect(delimiter).toBe(';');
    expect(out).toEqual([
      { line: 1, fields: ['Fecha', 'Mensaje', 'Red'] },
      { line: 2, fields: ['28/11/2026 10:15', 'Basta de violencia; ya', 'x'] },
      { line: 3, fields: ['27/11/2026 09:00', 'Dijo "basta" y se fue', 'facebook'] },
    ]);
  });

  it('takes the delimiter it is given, or an Excel "sep=" first line', async () => {
    expect((await items('a;b\n1;2\n', ',')).items).toEqual([
      { line: 1, fields: ['a;b'] },
      { line: 2, fields: ['1;2'] },
    ]);
    const { delimiter, items: out } = await items('sep=|\r\na|b,c\r\n1|2,3\r\n');
    expect(delimiter).toBe('|');
    expect(out).toEqual([
      { line: 2, fields: ['a', 'b,c'] },
      { line: 3, fields: ['1', '2,3'] },
    ]);
  });
});

describe('CSV records and errors', () => {
  it('numbers a row by the line it starts on when a quoted field spans lines, and skips empty rows', async () => {
    const text = '\uFEFFtext;createdAt\n"una\r\ndos\ntres";2026-11-02\n\n;;\n"cuatro";2026-11-03';
    expect((await items(text)).items).toEqual([
      { line: 1, fields: ['text', 'createdAt'] },
      { line: 2, fields: ['una\ndos\ntres', '2026-11-02'] },
      { line: 7, fields: ['cuatro', '2026-11-03'] },
    ]);
  });

  it('keeps quotes inside an unquoted field as text', async () => {
    expect((await items('a,b\nél dijo "no",2\n')).items[1]).toEqual({ line: 2, fields: ['él dijo "no"', '2'] });
  });

  it('reports a malformed row once, at its line, and reads on from the next line', async () => {
    const text = [
      'text;createdAt',
      '"Dijo "basta" ya";2026-11-02', // inner quotes not doubled
      'bien;2026-11-03',
      '"sin cerrar;2026-11-04', // the quote swallows the next lines
      'otra;2026-11-05',
      '"tercera";2026-11-06',
      'última;2026-11-07',
      '',
    ].join('\r\n');
    expect((await items(text)).items).toEqual([
      { line: 1, fields: ['text', 'createdAt'] },
      { line: 2, error: TEXT_AFTER_QUOTE },
      { line: 3, fields: ['bien', '2026-11-03'] },
      { line: 4, error: QUOTE_NOT_CLOSED },
      { line: 5, fields: ['otra', '2026-11-05'] },
      { line: 6, fields: ['tercera', '2026-11-06'] },
      { line: 7, fields: ['última', '2026-11-07'] },
    ]);
  });

  it('reports a quote left open at the end of the file once, then reads the lines after it', async () => {
    expect((await items('a,b\n"x,1\ny,2\n')).items).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: QUOTE_NOT_CLOSED },
      { line: 3, fields: ['y', '2'] },
    ]);
  });

  it('reads back any table written with quotes where needed, whatever the delimiter and chunking', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ñ', ' ', ',', ';', '\t', '"', '\n', 'x') });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        async (delimiter, rows, size) => {
          const header = ['h1', 'h2', 'h3'];
          const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
          const text = [header, ...rows].map((row) => row.map(quote).join(delimiter)).join('\r\n');
          const out: CsvItem[] = [];
          for await (const item of readCsv(chunked(text, size))) out.push(item);
          const expected = [header, ...rows].filter((row) => row.some((v) => v.trim() !== ''));
          expect(out.map((item) => ('fields' in item ? item.fields : item.error))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('file collector: CSV files', () => {
  const file = (name: string, text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'escucha-csv-')), name);
    writeFileSync(path, text);
    return path;
  };
  const all = async (path: string, options = {}) => {
    const out: FileRecord[] = [];
    for await (const item of readRecords(path, 'csv', options)) out.push(item);
    return out;
  };

  it('reads a semicolon CSV as records keyed by its columns, one per row', async () => {
    let columns: string[] = [];
    const out = await all(file('excel.csv', EXCEL_ES), { onColumns: (c: string[]) => (columns = c) });
    expect(columns).toEqual(['Fecha', 'Mensaje', 'Red']);
    expect(out).toEqual([
      { line: 2, record: { Fecha: '28/11/2026 10:15', Mensaje: 'Basta de violencia; ya', Red: 'x' } },
      { line: 3, record: { Fecha: '27/11/2026 09:00', Mensaje: 'Dijo "basta" y se fue', Red: 'facebook' } },
    ]);
  });

  it('reports each malformed row of a semicolon CSV once, at its line', async () => {
    const out = await all(file('roto.csv', 'text;createdAt\n"a";2026-11-02\n"b "x"";2026-11-03\n"c";2026-11-04\n'));
    expect(out).toEqual([
      { line: 2, record: { text: 'a', createdAt: '2026-11-02' } },
      { line: 3, error: `CSV mal formado: ${TEXT_AFTER_QUOTE}` },
      { line: 4, record: { text: 'c', createdAt: '2026-11-04' } },
    ]);
  });

  it('reads a tab-separated .tsv', async () => {
    expect(await all(file('x.tsv', 'text\tcreatedAt\nhola, qué tal\t2026-11-02\n'))).toEqual([
      { line: 2, record: { text: 'hola, qué tal', createdAt: '2026-11-02' } },
    ]);
  });
});
