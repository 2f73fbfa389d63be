import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { runCli, tempDir } from '../../support/cli.js';

/** Writes `text` to a new file `name` and returns its path. */
function file(name: string, text: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

async function stored(dataDir: string) {
  const store = createSqliteStore(dataDir);
  try {
    const posts = [];
    for (const id of ['file:a', 'file:b', 'file:c', 'file:d']) {
      const post = await store.posts.get(id);
      if (post) posts.push(post);
    }
    return { count: await store.posts.count(), posts };
  } finally {
    await store.close();
  }
}

const MAP = ['--map', 'createdAt=Fecha', '--map', 'text=Mensaje'];

/** Text as Windows-1252 bytes (its Spanish letters are all in Latin-1's range). */
function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

describe('escucha import: files from a new user', () => {
  it('reads a semicolon CSV (Excel in Spanish) with day-first dates, counting rows, not lines', async () => {
    const dataDir = tempDir();
    const csv = file(
      'excel.csv',
      '\uFEFFid;Fecha;Mensaje\r\na;28/11/2026 10:15;"Basta de violencia; ya"\r\nb;05/11/2026;"Dijo ""basta""\r\ny se fue"\r\n',
    );
    const result = await runCli(['import', csv, ...MAP], { ESCUCHA_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.summary).toEqual({ read: 2, inserted: 2, duplicates: 0, rejected: 0 });
    expect(result.stderr).toBe('fechas leídas como día/mes/año, p. ej. "28/11/2026 10:15" (línea 2)\n');
    const { posts } = await stored(dataDir);
    expect(posts.map((p) => [p.text, p.createdAt])).toEqual([
      ['Basta de violencia; ya', '2026-11-28T10:15:00.000Z'],
      ['Dijo "basta"\ny se fue', '2026-11-05T00:00:00.000Z'],
    ]);
  });

  it('reads a CSV that Excel saved in Windows-1252, and says so', async () => {
    const dataDir = tempDir();
    const text = 'id;Fecha;Mensaje\r\na;2026-11-02;¿Hasta cuándo? Niña de 13 años\r\n';
    const csv = file('ansi.csv', latin1(text));
    const result = await runCli(['import', csv, ...MAP], { ESCUCHA_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('no está en UTF-8: se lee como Windows-1252');
    const { posts } = await stored(dataDir);
    expect(posts.map((p) => p.text)).toEqual(['¿Hasta cuándo? Niña de 13 años']);
  });

  it('refuses a --map column the file does not have, instead of leaving the field empty', async () => {
    const csv = file('pais.csv', 'Fecha;Mensaje;Pais\n2026-11-02;hola;GT\n');
    const result = await runCli(['import', csv, ...MAP, '--map', 'country=País'], { ESCUCHA_DATA_DIR: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('el archivo no tiene la columna "País" de --map country=País; columnas encontradas: Fecha, Mensaje, Pais.');
  });

  it('reports each malformed row of a semicolon CSV once, at its own line', async () => {
    const csv = file('roto.csv', 'Fecha;Mensaje\n2026-11-02;"uno"\n2026-11-03;"dos "mal" citado"\n2026-11-04;"tres"\n');
    const result = await runCli(['import', csv, ...MAP], { ESCUCHA_DATA_DIR: tempDir() });
    expect(result.summary).toEqual({ read: 3, inserted: 2, duplicates: 0, rejected: 1 });
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^línea 3: CSV mal formado: hay texto entre unas comillas/)]);
  });

  it('takes --delimiter, and says which separators it knows', async () => {
    const csv = file('pipes.txt', 'Fecha|Mensaje\n2026-11-02|hola; qué tal\n');
    const ok = await runCli(['import', csv, '--format', 'csv', '--delimiter', '|', ...MAP], { ESCUCHA_DATA_DIR: tempDir() });
    expect(ok.summary).toEqual({ read: 1, inserted: 1, duplicates: 0, rejected: 0 });
    const wrong = await runCli(['import', file('a.csv', 'Fecha;Mensaje\n2026-11-02;hola\n'), '--delimiter', 'coma', ...MAP], {
      ESCUCHA_DATA_DIR: tempDir(),
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/columnas encontradas: Fecha;Mensaje\. .*indíquelo con --delimiter/);
    const unknown = await runCli(['import', csv, '--delimiter', 'xx'], { ESCUCHA_DATA_DIR: tempDir() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--delimiter debe ser/);
  });

  it('refuses numeric dates that may be month first unless --date-format says how to read them', async () => {
    const dataDir = tempDir();
    const ambiguous = file('amb.csv', 'Fecha,Mensaje\n05/11/2026,uno\n06/11/2026 08:30,dos\n');
    const refused = await runCli(['import', ambiguous, ...MAP], { ESCUCHA_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/"05\/11\/2026" \(línea 2\) pueden ser día\/mes o mes\/día.*--date-format dmy.*no se importó nada/);
    expect((await stored(dataDir)).count).toBe(0);

    const monthFirst = await runCli(['import', file('mdy.csv', 'Fecha,Mensaje\n11/28/2026,uno\n'), ...MAP], { ESCUCHA_DATA_DIR: dataDir });
    expect(monthFirst.code).toBe(1);
    expect(monthFirst.stderr).toMatch(/parecen mes\/día\/año.*escucha no lo supone.*--date-format mdy/);

    const dmy = await runCli(['import', ambiguous, ...MAP, '--date-format', 'dmy'], { ESCUCHA_DATA_DIR: dataDir });
    expect(dmy.summary).toEqual({ read: 2, inserted: 2, duplicates: 0, rejected: 0 });
    const mdy = await runCli(['import', ambiguous, ...MAP, '--date-format', 'mdy'], { ESCUCHA_DATA_DIR: tempDir() });
    expect(mdy.summary).toEqual({ read: 2, inserted: 2, duplicates: 0, rejected: 0 });
    const bad = await runCli(['import', ambiguous, '--date-format', 'ymd'], { ESCUCHA_DATA_DIR: tempDir() });
    expect(bad.code).toBe(2);
  });

  it('rejects a post dated in the future like any bad line, and keeps the others', async () => {
    const dataDir = tempDir();
    const jsonl = file(
      'futuro.jsonl',
      [
        JSON.stringify({ id: 'a', text: 'hoy', createdAt: '2026-11-02T10:00:00Z' }),
        JSON.stringify({ id: 'b', text: 'futuro', createdAt: '2031-01-01T00:00:00Z' }),
      ].join('\n'),
    );
    const result = await runCli(['import', jsonl], { ESCUCHA_DATA_DIR: dataDir });
    expect(result.summary).toEqual({ read: 2, inserted: 1, duplicates: 0, rejected: 1 });
    expect(result.stderr).toMatch(/^línea 2: createdAt "2031-01-01T00:00:00Z" .*está en el futuro/m);
    expect((await stored(dataDir)).posts.map((p) => p.externalId)).toEqual(['a']);
  });

  it('keeps posts from countries outside the seven, without a country, with one warning per file', async () => {
    const dataDir = tempDir();
    const jsonl = file(
      'paises.jsonl',
      [
        JSON.stringify({ id: 'a', text: 'uno', createdAt: '2026-11-02', country: 'MX' }),
        JSON.stringify({ id: 'b', text: 'dos', createdAt: '2026-11-02', country: 'mx' }),
        JSON.stringify({ id: 'c', text: 'tres', createdAt: '2026-11-02', country: 'US' }),
        JSON.stringify({ id: 'd', text: 'cuatro', createdAt: '2026-11-02', country: 'Honduras' }),
      ].join('\n'),
    );
    const result = await runCli(['import', jsonl], { ESCUCHA_DATA_DIR: dataDir });
    expect(result.summary).toEqual({ read: 4, inserted: 4, duplicates: 0, rejected: 0 });
    expect(result.stderr.trim().split('\n')).toEqual([
      'aviso: 3 publicaciones traían un país que escucha no cubre ("MX": 1, "mx": 1, "US": 1); se importaron sin país y el análisis lo deduce del texto y del perfil',
    ]);
    const { posts } = await stored(dataDir);
    expect(posts.map((p) => p.place?.country ?? null)).toEqual([null, null, null, 'HN']);
  });

  it('says a damaged .xlsx cannot be read, with no stack trace and a non-zero exit', async () => {
    const xlsx = file('roto.xlsx', Buffer.from('PK\u0003\u0004 truncated'));
    const result = await runCli(['import', xlsx], { ESCUCHA_DATA_DIR: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^escucha import: el archivo no es un libro XLSX legible: .*Ábralo en Excel o LibreOffice/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
