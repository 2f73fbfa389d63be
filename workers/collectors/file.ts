import { parse as parseCsv } from 'csv-parse';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { describeIssues, errorMap } from '../../app/validation-messages.js';
import { Platform, toIso } from '../../models/common.js';
import { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import { hashtagsIn, linksIn, mentionsIn } from './entities.js';

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
}

export type FileRecord = { line: number; record: Record<string, unknown> } | { line: number; error: string };

/** A row that cannot become a Post; `message` says which field and why. */
export class RowError extends Error {}

export type FileFormat = 'jsonl' | 'csv' | 'xlsx';

export function detectFormat(path: string): FileFormat {
  return /\.csv$/i.test(path) ? 'csv' : /\.xlsx$/i.test(path) ? 'xlsx' : 'jsonl';
}

/**
 * Records of a file, one per line (JSONL) or row (CSV, XLSX: first sheet, first row = column
 * names), numbered as an editor or spreadsheet shows them.
 */
export async function* readRecords(path: string, format: FileFormat): AsyncGenerator<FileRecord> {
  if (format === 'xlsx') {
    yield* readSpreadsheet(path);
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
  const parser = createReadStream(path).pipe(
    parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, skip_records_with_error: true }),
  );
  // Rows the parser could not read (a stray quote) are skipped and reported where they were.
  const skipped: FileRecord[] = [];
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ line: error.lines ?? 0, error: `CSV mal formado: ${csvProblem(error)}` });
  });
  let line = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      line = info.lines;
      while (skipped.length > 0 && (skipped[0]!.line ?? 0) <= line) yield skipped.shift()!;
      yield { line, record };
    }
    yield* skipped.splice(0);
  } catch (error) {
    // A broken quote or the like: the parser cannot find the next row, so reading stops here.
    // The rows before it are still imported (the caller stores what it has read).
    const at = (error as { lines?: number }).lines ?? line + 1;
    yield { line: at, error: `CSV mal formado: ${csvProblem(error as Error)}; no se leyó nada a partir de aquí (corrija el archivo y vuelva a importarlo: lo ya importado no se duplica)` };
  }
}

/** csv-parse's error codes in words a user can act on. */
function csvProblem(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unas comillas no se cierran';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'hay comillas en medio de un campo sin encerrar el campo completo';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'una fila tiene un número de columnas distinto';
    default:
      return error.message;
  }
}

async function* readSpreadsheet(path: string): AsyncGenerator<FileRecord> {
  const { readSheet } = await import('read-excel-file/node');
  let rows: unknown[][];
  try {
    rows = (await readSheet(path)) as unknown[][];
  } catch (error) {
    throw new RowError(`no es un libro XLSX legible (${(error as Error).message})`);
  }
  const columns = (rows[0] ?? []).map((cell) => (cell === null || cell === undefined ? '' : String(cell).trim()));
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
  for (const field of ['text', 'createdAt'] as const) {
    const column = map[field] ?? field;
    if (!columns.includes(column)) {
      throw new RowError(
        `el archivo no tiene la columna "${column}" para ${field}; columnas encontradas: ${columns.join(', ')}. ` +
          `Indíquela con --map ${field}=<columna>`,
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
  const createdAt = parseInstant(get('createdAt'));
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
    place: typeof country === 'string' ? { country: country.toUpperCase(), admin1: null } : null,
    source: { kind: 'file' as const, queryId: options.queryId },
    campaignIds: options.campaignIds,
  };
  // Rows are reported to whoever runs the import, in Spanish (the CLI's language).
  const parsed = Post.safeParse(post, { error: errorMap('es') });
  if (!parsed.success) throw new RowError(describeIssues(parsed.error, 'es', 1));
  return parsed.data;
}

const ISO_8601 =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 date or date-time; without an offset it is read as UTC. */
function parseInstant(value: unknown): string {
  const match = typeof value === 'string' ? ISO_8601.exec(value.trim()) : null;
  const ms = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00'}${match[3] ?? 'Z'}`) : NaN;
  if (!Number.isFinite(ms)) {
    throw new RowError(
      value === undefined || value === null
        ? 'falta createdAt (una fecha ISO 8601 como 2026-11-02T10:15:00Z)'
        : `createdAt ${JSON.stringify(value)} no es una fecha ISO 8601 (p. ej. 2026-11-02T10:15:00Z)`,
    );
  }
  return toIso(ms);
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
