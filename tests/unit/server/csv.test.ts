import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../server/csv.js';

/** A strict RFC 4180 reader, to prove what toCsv writes reads back. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('toCsv', () => {
  it('writes a BOM, CRLF rows, quotes what needs quoting and defuses formulas', () => {
    const csv = toCsv({
      name: 't',
      columns: ['a', 'b'],
      rows: [
        ['x,y', 'di "hola"'],
        ['=1+1', null],
        [-3, true],
      ],
    });
    expect(csv).toBe('\uFEFFa,b\r\n"x,y","di ""hola"""\r\n\'=1+1,\r\n-3,true\r\n');
  });

  it('round-trips any text through an RFC 4180 reader', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 2 }), {
          maxLength: 5,
        }),
        (rows) => {
          const csv = toCsv({ name: 't', columns: ['a', 'b'], rows });
          const back = parse(csv.slice(1)).slice(1);
          const defused = rows.map((r) =>
            r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)),
          );
          expect(back).toEqual(defused);
        },
      ),
    );
  });
});
