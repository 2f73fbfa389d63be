import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PostFilter } from '../../../models/filter.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { runCli, tempDir } from '../../support/cli.js';
import { jsonl } from '../../support/jsonl.js';

const NOVEMBER = PostFilter.parse({ from: '2026-11-01', to: '2026-11-30' });

describe('escucha import', () => {
  it('stores 10,000 posts, analyses and aggregates them, and inserts nothing the second time', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'posts.jsonl');
    writeFileSync(file, jsonl(10_000));
    const first = await runCli(['import', file], { ESCUCHA_DATA_DIR: dataDir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.summary).toEqual({ read: 10_000, inserted: 10_000, duplicates: 0, rejected: 0 });
    const second = await runCli(['import', file], { ESCUCHA_DATA_DIR: dataDir });
    expect(second.summary).toEqual({ read: 10_000, inserted: 0, duplicates: 10_000, rejected: 0 });

    const store = createSqliteStore(dataDir);
    try {
      expect(await store.posts.count()).toBe(10_000);
      expect(await store.posts.countPendingEnrichment((await store.posts.get('x:p0'))!.enrichment!.version)).toBe(0);
      expect(await store.rollups.dirtyBuckets(10)).toEqual([]);
      const kpis = await store.analytics.kpis(NOVEMBER);
      expect(kpis.posts).toBe(10_000);
      expect(kpis.authors).toBe(37 + 37);
      const series = await store.analytics.series(NOVEMBER, 'day');
      expect(series.reduce((sum, point) => sum + point.posts, 0)).toBe(10_000);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('reports bad lines by number, skips them and keeps the good ones', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'mixed.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ text: 'primera', createdAt: '2026-11-02T10:00:00Z' }),
        '{"text": "cortado", "createdAt": ',
        JSON.stringify({ text: 'sin fecha' }),
        '',
        JSON.stringify({ text: 'cuarta', createdAt: '2026-11-03', likes: 'muchos' }),
        JSON.stringify({ text: 'quinta', createdAt: '2026-11-04T00:00:00+01:00', platform: 'reddit' }),
      ].join('\n'),
    );
    const result = await runCli(['import', file], { ESCUCHA_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.summary).toEqual({ read: 5, inserted: 2, duplicates: 0, rejected: 3 });
    expect(result.stderr).toMatch(/^línea 2: JSON mal formado/m);
    expect(result.stderr).toMatch(/^línea 3: falta createdAt/m);
    expect(result.stderr).toMatch(/^línea 5: likes debe ser un número entero/m);
  });

  it('imports CSV with a column map and refuses a CSV without a text column, keeping stored posts', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const good = join(dir, 'export.csv');
    writeFileSync(good, '\uFEFFFecha,Mensaje,Red\n2026-11-02 10:00,"Basta de violencia, ya",x\n2026-11-03 11:00,Otra nota,x\n');
    const ok = await runCli(['import', good, '--map', 'createdAt=Fecha', '--map', 'text=Mensaje', '--map', 'platform=Red'], {
      ESCUCHA_DATA_DIR: dataDir,
    });
    expect(ok.summary).toEqual({ read: 2, inserted: 2, duplicates: 0, rejected: 0 });

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Fecha,Cuerpo\n2026-11-02,hola\n');
    const refused = await runCli(['import', bad, '--map', 'createdAt=Fecha'], { ESCUCHA_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no tiene la columna "text" para text; columnas encontradas: Fecha, Cuerpo/);
    const store = createSqliteStore(dataDir);
    expect(await store.posts.count()).toBe(2);
    await store.close();
  });

  it('imports the first sheet of an XLSX workbook', async () => {
    const xlsx = fileURLToPath(new URL('../../fixtures/file/posts.xlsx', import.meta.url));
    const result = await runCli(['import', xlsx, '--map', 'text=Mensaje', '--map', 'createdAt=Fecha', '--map', 'platform=Red'], {
      ESCUCHA_DATA_DIR: tempDir(),
    });
    expect(result.code).toBe(0);
    expect(result.summary).toEqual({ read: 3, inserted: 2, duplicates: 0, rejected: 1 });
    expect(result.stderr).toMatch(/^línea 5: /m);
  });

  it.each([
    [['import'], /indique un único archivo/, 2],
    [['import', '/nonexistent/file.jsonl'], /no se encuentra el archivo/, 2],
    [['import', 'x.jsonl', '--map', 'texto=Mensaje'], /campo desconocido "texto"/, 2],
    [['import', 'x.jsonl', '--bogus'], /Unknown option '--bogus'/, 2],
  ])('refuses %o with a clear message', async (argv, message, code) => {
    const result = await runCli(argv, { ESCUCHA_DATA_DIR: tempDir() });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  it('says when the configuration is wrong', async () => {
    const file = join(tempDir(), 'one.jsonl');
    writeFileSync(file, jsonl(1));
    const result = await runCli(['import', file], { ESCUCHA_DATA_DIR: tempDir(), PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/configuración no válida: PORT="abc"/);
  });
});
