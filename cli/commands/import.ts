import { existsSync } from 'node:fs';
import { loadConfig } from '../../app/config.js';
import { createAppContext } from '../../app/context.js';
import { Identifier, Platform } from '../../models/common.js';
import type { Post } from '../../models/post.js';
import {
  checkColumns,
  detectFormat,
  FIELDS,
  readRecords,
  recordToPost,
  RowError,
  type Field,
  type FileFormat,
  type FileImportOptions,
} from '../../workers/collectors/file.js';
import { DATE_FORMATS, DateOrderSurvey, type DateFormat } from '../../workers/collectors/file-dates.js';
import { parseCommandArgs, UsageError, type Command } from '../command.js';
import { progress } from '../progress.js';
import { queueAfterStore } from '../../workers/after-store.js';

const BATCH = 1_000;

const command: Command = {
  name: 'import',
  summary: 'importa publicaciones de un archivo JSONL, CSV o XLSX (idempotente)',
  usage: `
escucha import <archivo> [opciones]

Importa publicaciones de un archivo JSONL, CSV o XLSX (primera hoja). Volver a importar el mismo archivo no inserta
nada nuevo (solo actualiza las métricas). Sin --map, cada registro usa los campos de escucha:
text y createdAt son obligatorios; id, platform, url, author (id u objeto),
followers, likes, reposts, replies, quotes, views, lang, hashtags y country son opcionales.

Fechas: ISO 8601 (2026-11-28T10:15:00Z) o numéricas con el día primero (28/11/2026, con hora
opcional 10:15 o 10:15:30; sin zona horaria se leen como UTC). Las fechas numéricas se leen como
día/mes/año si alguna del archivo solo puede serlo (día mayor que 12) y ninguna lo contradice; si
el archivo no lo aclara, indique --date-format. Nunca se supone mes/día/año. Se rechazan las
fechas de más de un día en el futuro. Un país (country) fuera de GT, HN, SV, CR, PA, DO, BZ no
descarta la publicación: se importa sin país y el análisis lo deduce.

Opciones:
  --format jsonl|csv|xlsx formato del archivo (por defecto, según la extensión; .tsv es CSV)
  --delimiter <sep>       separador de un CSV: coma (,), punto y coma (;) o tab; por defecto se
                          deduce de la fila de encabezados (o de una primera línea "sep=;")
  --date-format dmy|mdy|iso
                          fechas numéricas día/mes/año (dmy) o mes/día/año (mdy), o solo ISO 8601
  --map campo=columna     lee un campo de otra columna; repetible (campos: ${FIELDS.join(', ')})
  --platform <nombre>     plataforma de las filas que no indican ninguna (por defecto: file)
  --campaign <id>         asigna todas las publicaciones a esta campaña; repetible
  --wait                  con REDIS_URL, espera a que los workers procesen la importación

La última línea es un resumen JSON: {"read":N,"inserted":N,"duplicates":N,"rejected":N}.`,

  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string' },
      delimiter: { type: 'string' },
      'date-format': { type: 'string' },
      map: { type: 'string', multiple: true },
      platform: { type: 'string' },
      campaign: { type: 'string', multiple: true },
      wait: { type: 'boolean' },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('indique un único archivo para importar');
    const map = parseMap(values.map ?? []);
    if (!existsSync(file)) throw new UsageError(`no se encuentra el archivo: ${file}`);
    const format = values.format ?? detectFormat(file);
    if (format !== 'jsonl' && format !== 'csv' && format !== 'xlsx') {
      throw new UsageError('--format debe ser jsonl, csv o xlsx');
    }
    const delimiter = values.delimiter === undefined ? undefined : parseDelimiter(values.delimiter);
    if (delimiter !== undefined && format !== 'csv') throw new UsageError('--delimiter solo se aplica a archivos CSV');
    const dateOption = values['date-format'];
    if (dateOption !== undefined && !(DATE_FORMATS as readonly string[]).includes(dateOption)) {
      throw new UsageError(`--date-format debe ser dmy (día/mes/año), mdy (mes/día/año) o iso, no "${dateOption}"`);
    }
    const platform = Platform.safeParse(values.platform ?? 'file');
    if (!platform.success) throw new UsageError(`--platform debe ser una de ${Platform.options.join(', ')}`);
    const campaignIds = (values.campaign ?? []).map((id) => {
      if (!Identifier.safeParse(id).success) throw new UsageError(`--campaign "${id}" no es un identificador de campaña válido`);
      return id;
    });

    const config = loadConfig(io.env);
    const checkHeader = (columns: string[]) => checkColumns(columns, map);
    // Read the whole file once before storing anything: its columns, and how its dates are written.
    const dateFormat =
      (dateOption as DateFormat | undefined) ??
      (await surveyDates(file, format, map, { delimiter, onColumns: checkHeader }, io.stderr));

    const app = await createAppContext(config, { consume: !config.redisUrl });
    const summary = { read: 0, inserted: 0, duplicates: 0, rejected: 0 };
    try {
      for (const id of campaignIds) {
        if (!(await app.store.campaigns.get(id))) {
          io.stderr.write(`aviso: la campaña "${id}" aún no está definida; las publicaciones se etiquetan igualmente\n`);
        }
      }
      await app.runner.start();
      const ignoredCountries = new Map<string, number>();
      const options: FileImportOptions = {
        map,
        platform: platform.data,
        campaignIds,
        secret: config.secret,
        now: new Date(),
        queryId: `import:${file.split('/').pop()}`,
        dateFormat,
        onIgnoredCountry: (value) => ignoredCountries.set(value, (ignoredCountries.get(value) ?? 0) + 1),
      };
      const bar = progress(io.stderr, 'importando filas:');
      let batch: Post[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const result = await app.store.posts.upsert(batch);
        summary.inserted += result.inserted;
        summary.duplicates += result.duplicates;
        await queueAfterStore(app.runner, result, 'import');
        batch = [];
      };
      const records = readRecords(file, format, {
        delimiter,
        onColumns: checkHeader,
        onEncoding: () =>
          io.stderr.write('el archivo no está en UTF-8: se lee como Windows-1252 (lo que guarda Excel en español)\n'),
      });
      for await (const item of unlessUnreadable(records)) {
        summary.read++;
        if ('error' in item) {
          summary.rejected++;
          io.stderr.write(`línea ${item.line}: ${item.error}; omitida\n`);
          continue;
        }
        try {
          batch.push(recordToPost(item.record, options));
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          summary.rejected++;
          io.stderr.write(`línea ${item.line}: ${error.message}; omitida\n`);
        }
        if (batch.length >= BATCH) await flush();
        bar.update(summary.read);
      }
      await flush();
      bar.done();
      if (ignoredCountries.size > 0) io.stderr.write(`${ignoredCountriesWarning(ignoredCountries)}\n`);
      if (app.runner.kind === 'inline' || values.wait) await app.runner.drain();
    } finally {
      await app.close();
    }
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  },
};
export default command;

/** A file that cannot be read at all (a damaged workbook, a wrong header) is a user error. */
async function* unlessUnreadable<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* items;
  } catch (error) {
    if (error instanceof RowError) throw new UsageError(error.message, 1);
    throw error;
  }
}

/**
 * How the file's numeric dates are written: day first when the file shows it, or only ISO
 * 8601; a UsageError when they may be month first or the file does not say.
 */
async function surveyDates(
  file: string,
  format: FileFormat,
  map: FileImportOptions['map'],
  options: Parameters<typeof readRecords>[2],
  stderr: NodeJS.WritableStream,
): Promise<DateFormat> {
  const survey = new DateOrderSurvey();
  const column = map.createdAt ?? 'createdAt';
  for await (const item of unlessUnreadable(readRecords(file, format, options))) {
    if ('record' in item) survey.add(item.record[column], item.line);
  }
  const verdict = survey.verdict();
  const where = (example: { example: string; line: number }) => `"${example.example}" (línea ${example.line})`;
  const nothing = 'no se importó nada';
  switch (verdict.kind) {
    case 'none':
      return 'iso';
    case 'dmy':
      if (verdict.example) stderr.write(`fechas leídas como día/mes/año, p. ej. ${where(verdict.example)}\n`);
      return 'dmy';
    case 'ambiguous':
      throw new UsageError(
        `las fechas de "${column}" como ${where(verdict)} pueden ser día/mes o mes/día y ninguna del archivo lo aclara; ` +
          `indique --date-format dmy (día/mes/año, lo habitual en Centroamérica) o --date-format mdy (mes/día/año); ${nothing}`,
        1,
      );
    case 'mdy':
      throw new UsageError(
        `las fechas de "${column}" parecen mes/día/año, p. ej. ${where(verdict)}; escucha no lo supone: ` +
          `si lo son, indique --date-format mdy (o --date-format dmy si son día/mes/año); ${nothing}`,
        1,
      );
    case 'mixed':
      throw new UsageError(
        `las fechas de "${column}" mezclan día/mes/año, p. ej. ${where(verdict.dmy)}, y mes/día/año, p. ej. ${where(verdict.mdy)}; ` +
          `indique --date-format dmy o mdy (las filas que no lo sigan se omitirán); ${nothing}`,
        1,
      );
  }
}

const DELIMITER_NAMES: Record<string, string> = {
  ',': ',',
  coma: ',',
  comma: ',',
  ';': ';',
  'punto-y-coma': ';',
  puntoycoma: ';',
  'punto y coma': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  tabulador: '\t',
  '|': '|',
};

function parseDelimiter(value: string): string {
  const delimiter = DELIMITER_NAMES[value.toLowerCase()];
  if (!delimiter) throw new UsageError(`--delimiter debe ser ",", ";" o tab (también coma, punto-y-coma, tab o |), no "${value}"`);
  return delimiter;
}

function ignoredCountriesWarning(counts: Map<string, number>): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const listed = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = listed.slice(0, 5).map(([value, n]) => `${JSON.stringify(value)}: ${n}`);
  if (listed.length > 5) shown.push(`y ${listed.length - 5} más`);
  return (
    `aviso: ${total} ${total === 1 ? 'publicación traía un país' : 'publicaciones traían un país'} que escucha no cubre ` +
    `(${shown.join(', ')}); se importaron sin país y el análisis lo deduce del texto y del perfil`
  );
}

function parseMap(pairs: string[]): FileImportOptions['map'] {
  const map: FileImportOptions['map'] = {};
  for (const pair of pairs) {
    const [field, column] = pair.split('=', 2);
    if (!field || !column) throw new UsageError(`--map "${pair}" debe tener la forma campo=columna`);
    if (!(FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(`--map: campo desconocido "${field}"; campos: ${FIELDS.join(', ')}`);
    }
    map[field as Field] = column;
  }
  return map;
}
