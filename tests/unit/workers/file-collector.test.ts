import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pseudonymize } from '../../../models/pseudonym.js';
import { checkColumns, readRecords, recordToPost, RowError, type FileImportOptions } from '../../../workers/collectors/file.js';

const options: FileImportOptions = {
  map: {},
  platform: 'file',
  campaignIds: [],
  secret: 'test-secret-0123456789',
  now: new Date('2026-11-20T00:00:00Z'),
  queryId: 'import:test.jsonl',
};

describe('file collector: record → Post', () => {
  it('maps escucha field names, pseudonymises the author and reads entities from text', () => {
    const post = recordToPost(
      {
        id: 991,
        platform: 'x',
        text: 'Basta de violencia #NiUnaMenos @PNC_SV https://example.org/a.',
        createdAt: '2026-11-02T10:15:00-06:00',
        author: { id: 'u1', handle: 'ana', followers: 1200 },
        likes: '1,234',
        reposts: 3,
      },
      options,
    );
    expect(post).toMatchObject({
      platform: 'x',
      externalId: '991',
      createdAt: '2026-11-02T16:15:00.000Z',
      hashtags: ['NiUnaMenos'],
      mentions: ['PNC_SV'],
      links: ['https://example.org/a'],
      metrics: { likes: 1234, reposts: 3, replies: 0, quotes: 0, views: null },
      source: { kind: 'file', queryId: 'import:test.jsonl' },
    });
    expect(post.author.id).toBe(pseudonymize(options.secret, 'x', 'u1'));
    expect(post.author.id).not.toContain('u1');
    expect(post.author.followers).toBe(1200);
  });

  it('derives a stable id from platform, author, time and text when none is given', () => {
    const record = { text: 'hola', createdAt: '2026-11-02', author: 'u1' };
    const a = recordToPost(record, options);
    const b = recordToPost({ ...record }, { ...options, now: new Date() });
    expect(a.externalId).toBe(b.externalId);
    expect(recordToPost({ ...record, text: 'adiós' }, options).externalId).not.toBe(a.externalId);
  });

  it('reads columns named by the map and tags campaigns', () => {
    const post = recordToPost(
      { Mensaje: 'texto', Fecha: '2026-11-02 08:00:00', Red: 'facebook' },
      { ...options, map: { text: 'Mensaje', createdAt: 'Fecha', platform: 'Red' }, campaignIds: ['nounamenos'] },
    );
    expect(post).toMatchObject({ platform: 'facebook', createdAt: '2026-11-02T08:00:00.000Z', campaignIds: ['nounamenos'] });
  });

  it.each([
    [{ createdAt: '2026-11-02' }, /falta text/],
    [{ text: 'x' }, /falta createdAt/],
    [{ text: 'x', createdAt: 'ayer' }, /"ayer" no es una fecha ISO 8601/],
    [{ text: 'x', createdAt: '2026-11-02', likes: -2 }, /likes debe ser un número entero/],
    [{ text: 'x', createdAt: '2026-11-02', platform: 'myspace' }, /la plataforma "myspace" no es una de/],
  ])('rejects %o with a reason', (record, reason) => {
    expect(() => recordToPost(record, options)).toThrow(RowError);
    expect(() => recordToPost(record, options)).toThrow(reason);
  });

  it('requires the text and createdAt columns and says which exist', () => {
    expect(() => checkColumns(['Fecha', 'Mensaje'], { createdAt: 'Fecha' })).toThrow(
      /no tiene la columna "text" para text; columnas encontradas: Fecha, Mensaje. Indíquela con --map text=<columna>/,
    );
    expect(() => checkColumns(['Fecha', 'Mensaje'], { createdAt: 'Fecha', text: 'Mensaje' })).not.toThrow();
  });
});

describe('file collector: reading a broken CSV', () => {
  it('keeps the rows before a stray quote and reports the broken one by line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'escucha-csv-')), 'roto.csv');
    writeFileSync(path, 'text,createdAt\n"hola",2026-11-20T10:00:00Z\n"segunda",2026-11-20T11:00:00Z\n"rota sin cerrar,2026-11-20T12:00:00Z\n');
    const items = [];
    for await (const item of readRecords(path, 'csv')) items.push(item);
    expect(items.filter((i) => 'record' in i).map((i) => ('record' in i ? i.record.text : null))).toEqual(['hola', 'segunda']);
    expect(items.at(-1)).toEqual({ line: 4, error: 'CSV mal formado: unas comillas no se cierran' });
  });
});
