import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { describeIssues, errorMap } from '../../app/validation-messages.js';
import { COUNTRIES, Platform, toIso, type CountryCode } from '../../models/common.js';
import { COUNTRY_NAMES } from '../../models/countries.js';
import { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import { readCsv, sniffEncoding } from './csv.js';
import { hashtagsIn, linksIn, mentionsIn } from './entities.js';
import { parseDate, type DateFormat } from './file-dates.js';

/**
 * The `file` source: exports of other tools (JSONL, CSV) mapped to Posts. Without a column
 * map, a record uses escucha's own field names: text, createdAt (required), id, platform, url,
 * author (id or object), followers, likes, reposts, replies, quotes, views, lang, hashtags.
 */
export const FIELDS = [
  'id', 'text', 'createdAt', 'platform', 'url', 'author', 'authorHandle', 'authorName',
  'followers', 'verified', 'location', 'likes', 'reposts', 'replies', 'quotes', 'views', 'lang',
  'hashtags', 'country',
] as const;
export type Field = (typeof FIELDS)[number];

export interface FileImportOptions {
  /** field → column (or JSON key) of the file. */
  map: Partial<Record<Field, string>>;
  /** Platform of rows that do not name one. */
  platform: Platform;
  campaignIds: string[];
  secret: string;
  now: Date;
  queryId: string | null;
  /** How numeric dates (28/11/2026) are read; by default only ISO 8601 is. */
  dateFormat?: DateFormat;
  /** Told of each country that is not one escucha covers (the post is kept without a country). */
  onIgnoredCountry?: (value: string) => void;
}

/** How far after `now` a post may be dated (clocks and time zones differ) before it is refused. */
export const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

export interface ReadOptions {
  /** CSV field delimiter; by default read from the header line. */
  delimiter?: string;
  /** Told of the CSV delimiter in use. */
  onDelimiter?: (delimiter: string) => void;
  /** Told of the column names (CSV, XLSX), before the first record. */
  onColumns?: (columns: string[]) => void;
  /** Told when a CSV is not UTF-8 and is read as Windows-1252 (Excel in Spanish). */
  onEncoding?: (encoding: 'windows-1252') => void;
}

/** The first megabyte of a file, to tell its encoding. */
async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export type FileRecord = { line: number; record: Record<string, unknown> } | { line: number; error: string };

/** A row that cannot become a Post; `message` says which field and why. */
export class RowError extends Error {}

export type FileFormat = 'jsonl' | 'csv' | 'xlsx';

export function detectFormat(path: string): FileFormat {
  return /\.(csv|tsv)$/i.test(path) ? 'csv' : /\.xlsx$/i.test(path) ? 'xlsx' : 'jsonl';
}

/**
 * Records of a file, one per line (JSONL) or row (CSV, XLSX: first sheet, first row = column
 * names), numbered as an editor or spreadsheet shows them (a CSV row by the line it starts on).
 * Throws RowError when the file cannot be read at all (not a workbook, unreadable header).
 */
export async function* readRecords(path: string, format: FileFormat, options: ReadOptions = {}): AsyncGenerator<FileRecord> {
  if (format === 'xlsx') {
    yield* readSpreadsheet(path, options);
    return;
  }
  if (format === 'jsonl') {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      try {
        const record: unknown = JSON.parse(text);
        if (record === null || typeof record !== 'object' || Array.isArray(record)) {
          yield { line, error: 'no es un objeto JSON' };
        } else yield { line, record: record as Record<string, unknown> };
      } catch (error) {
        yield { line, error: `JSON mal formado (${(error as Error).message})` };
      }
    }
    return;
  }
  // One item per row: a malformed row is reported once, at the line where it starts, and
  // reading goes on at the next line.
  let columns: string[] | null = null;
  const encoding = sniffEncoding(await firstBytes(path));
  if (encoding === 'windows-1252') options.onEncoding?.(encoding);
  for await (const item of readCsv(createReadStream(path), { ...options, encoding })) {
    if ('error' in item) {
      if (!columns) throw new RowError(`línea ${item.line}: no se pueden leer los nombres de las columnas: ${item.error}`);
      yield { line: item.line, error: `CSV mal formado: ${item.error}` };
      continue;
    }
    if (!columns) {
      columns = item.fields.map((name) => name.trim());
      options.onColumns?.(columns);
      continue;
    }
    const record: Record<string, unknown> = {};
    columns.forEach((column, j) => {
      if (column && j < item.fields.length) record[column] = item.fields[j];
    });
    yield { line: item.line, record };
  }
}

async function* readSpreadsheet(path: string, options: ReadOptions): AsyncGenerator<FileRecord> {
  const { readSheet } = await import('read-excel-file/node');
  let rows: unknown[][];
  try {
    rows = (await readSheet(path)) as unknown[][];
  } catch (error) {
    throw new RowError(
      'el archivo no es un libro XLSX legible: puede estar dañado, ' +
        'incompleto o ser de otro tipo con la extensión .xlsx. Ábralo en Excel o LibreOffice y guárdelo de nuevo ' +
        `como .xlsx, o expórtelo como CSV e impórtelo así (detalle: ${(error as Error).message})`,
    );
  }
  const columns = (rows[0] ?? []).map((cell) => (cell === null || cell === undefined ? '' : String(cell).trim()));
  if (rows.length > 0) options.onColumns?.(columns);
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.every((cell) => cell === null || cell === undefined || cell === '')) continue;
    const record: Record<string, unknown> = {};
    columns.forEach((column, j) => {
      const cell = row[j];
      // Spreadsheet dates arrive as Date objects; the mapping reads ISO 8601 text.
      if (column) record[column] = cell instanceof Date ? cell.toISOString() : (cell ?? undefined);
    });
    yield { line: i + 1, record };
  }
}

/** Columns a CSV header must have for the required fields; throws with the columns it found. */
export function checkColumns(columns: string[], map: FileImportOptions['map']): void {
  // A --map column the file lacks would silently leave its field empty on every row.
  for (const [field, column] of Object.entries(map)) {
    if (column && !columns.includes(column) && field !== 'text' && field !== 'createdAt')
      throw new RowError(
        `el archivo no tiene la columna "${column}" de --map ${field}=${column}; columnas encontradas: ${columns.join(', ')}.`,
      );
  }
  for (const field of ['text', 'createdAt'] as const) {
    const column = map[field] ?? field;
    if (!columns.includes(column)) {
      // One column holding separators: the file is split by another delimiter than the one read.
      const delimiterHint =
        columns.length === 1 && /[;,\t]/.test(columns[0]!)
          ? ' Si el archivo usa otro separador, indíquelo con --delimiter (coma, punto y coma o tab).'
          : '';
      throw new RowError(
        `el archivo no tiene la columna "${column}" para ${field}; columnas encontradas: ${columns.join(', ')}. ` +
          `Indíquela con --map ${field}=<columna>.${delimiterHint}`,
      );
    }
  }
}

const Count = z.coerce.number().int().nonnegative();
const AuthorObject = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  handle: z.string().nullish(),
  name: z.string().nullish(),
  followers: Count.nullish(),
  verified: z.coerce.boolean().nullish(),
  location: z.string().nullish(),
});

/** Maps one record to a Post, or throws RowError naming the field at fault. */
export function recordToPost(record: Record<string, unknown>, options: FileImportOptions): Post {
  const get = (field: Field): unknown => {
    const value = record[options.map[field] ?? field];
    return value === '' ? undefined : value;
  };
  const text = get('text');
  if (typeof text !== 'string' || text.trim() === '') throw new RowError('falta text o está vacío');
  const createdAt = parseInstant(get('createdAt'), options);
  const platformValue = get('platform');
  const platform = platformValue === undefined ? options.platform : Platform.safeParse(platformValue).data;
  if (!platform) throw new RowError(`la plataforma "${String(platformValue)}" no es una de ${Platform.options.join(', ')}`);

  const author = parseAuthor(get('author'), get);
  const count = (field: Field): number | null => {
    const value = get(field);
    if (value === undefined || value === null) return null;
    const parsed = Count.safeParse(typeof value === 'string' ? value.replace(/[ ,_]/g, '') : value);
    if (!parsed.success) throw new RowError(`${field} debe ser un número entero ≥ 0, no ${JSON.stringify(value)}`);
    return parsed.data;
  };
  const rawId = get('id');
  const externalId =
    rawId !== undefined && rawId !== null
      ? String(rawId)
      : `h_${createHash('sha256').update(`${platform}\u0000${author.id}\u0000${createdAt}\u0000${text}`).digest('hex').slice(0, 24)}`;
  const hashtags = get('hashtags');
  const country = get('country');
  const url = get('url');
  const lang = get('lang');
  const post = {
    platform,
    externalId,
    url: typeof url === 'string' ? url : null,
    text,
    lang: typeof lang === 'string' ? lang.toLowerCase().slice(0, 16) : null,
    createdAt,
    collectedAt: options.now.toISOString(),
    author: {
      id: pseudonymize(options.secret, platform, author.id),
      handle: author.handle,
      name: author.name,
      followers: author.followers ?? count('followers'),
      verified: author.verified ?? truthy(get('verified')),
      location: author.location ?? (typeof get('location') === 'string' ? (get('location') as string) : null),
    },
    metrics: {
      likes: count('likes') ?? 0,
      reposts: count('reposts') ?? 0,
      replies: count('replies') ?? 0,
      quotes: count('quotes') ?? 0,
      views: count('views'),
      observedAt: options.now.toISOString(),
    },
    hashtags: parseList(hashtags) ?? hashtagsIn(text),
    mentions: mentionsIn(text),
    links: linksIn(text),
    place: placeOf(country, options),
    source: { kind: 'file' as const, queryId: options.queryId },
    campaignIds: options.campaignIds,
  };
  // Rows are reported to whoever runs the import, in Spanish (the CLI's language).
  const parsed = Post.safeParse(post, { error: errorMap('es') });
  if (!parsed.success) throw new RowError(describeIssues(parsed.error, 'es', 1));
  return parsed.data;
}

/** An ISO 8601 date or date-time (or a numeric date, per `dateFormat`), not in the future. */
function parseInstant(value: unknown, options: FileImportOptions): string {
  const format = options.dateFormat ?? 'iso';
  const ms = parseDate(value, format);
  if (!Number.isFinite(ms)) {
    const example = '2026-11-02T10:15:00Z';
    if (value === undefined || value === null) throw new RowError(`falta createdAt (una fecha ISO 8601 como ${example})`);
    const shown = JSON.stringify(typeof value === 'string' ? value.trim() : value);
    if (format === 'iso') {
      const numeric = typeof value === 'string' && /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b/.test(value.trim());
      throw new RowError(
        numeric
          ? `createdAt ${shown} no es una fecha ISO 8601 (${example}); si las fechas son día/mes/año, indique --date-format dmy (mes/día/año: --date-format mdy)`
          : `createdAt ${shown} no es una fecha ISO 8601 (p. ej. ${example})`,
      );
    }
    const order = format === 'dmy' ? 'día/mes/año como 28/11/2026' : 'mes/día/año como 11/28/2026';
    throw new RowError(`createdAt ${shown} no es una fecha válida (${order}, con hora opcional hh:mm[:ss], o ISO 8601)`);
  }
  if (ms > options.now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new RowError(
      `createdAt ${JSON.stringify(value)} (${toIso(ms).slice(0, 16).replace('T', ' ')} UTC) está en el futuro; ` +
        `revise la fecha${format === 'dmy' ? ' (se leyó como día/mes/año)' : format === 'mdy' ? ' (se leyó como mes/día/año)' : ''}`,
    );
  }
  return toIso(ms);
}

/** Country codes and names (es, en; without accents, any case) of the countries escucha covers. */
const COUNTRY_BY_NAME = new Map<string, CountryCode>([
  ...COUNTRIES.map((code) => [code.toLowerCase(), code] as const),
  ...Object.values(COUNTRY_NAMES).flatMap((names) =>
    COUNTRIES.map((code) => [foldName(names[code]), code] as const),
  ),
  ['salvador', 'SV'],
  ['rep. dominicana', 'DO'],
]);

function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/**
 * The place of a `country` value. A country escucha does not cover (or cannot read) is not a
 * reason to lose the post: it is kept without a country, for the analysis to place it.
 */
function placeOf(value: unknown, options: FileImportOptions): Post['place'] {
  if (value === undefined || value === null) return null;
  const code = typeof value === 'string' ? COUNTRY_BY_NAME.get(foldName(value)) : undefined;
  if (code) return { country: code, admin1: null };
  options.onIgnoredCountry?.(String(value).trim());
  return null;
}

function parseAuthor(
  value: unknown,
  get: (field: Field) => unknown,
): { id: string; handle: string | null; name: string | null; followers: number | null; verified: boolean | null; location: string | null } {
  if (value !== null && typeof value === 'object') {
    const parsed = AuthorObject.safeParse(value, { error: errorMap('es') });
    if (!parsed.success) throw new RowError(`author: ${describeIssues(parsed.error, 'es', 1)}`);
    const a = parsed.data;
    return { id: a.id, handle: a.handle ?? null, name: a.name ?? null, followers: a.followers ?? null, verified: a.verified ?? null, location: a.location ?? null };
  }
  const handle = get('authorHandle');
  const name = get('authorName');
  const id = value ?? handle ?? 'unknown';
  return {
    id: String(id),
    handle: typeof handle === 'string' ? handle : typeof value === 'string' ? value : null,
    name: typeof name === 'string' ? name : null,
    followers: null,
    verified: null,
    location: null,
  };
}

function parseList(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.map((v) => String(v).replace(/^#/, ''));
  if (typeof value === 'string') return value.split(/[\s,;|]+/).filter(Boolean).map((v) => v.replace(/^#/, ''));
  return null;
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && /^(true|1|yes|sí|si)$/i.test(value));
}
