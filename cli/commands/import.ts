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
  type FileImportOptions,
} from '../../workers/collectors/file.js';
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
text y createdAt (ISO 8601) son obligatorios; id, platform, url, author (id u objeto),
followers, likes, reposts, replies, quotes, views, lang, hashtags y country son opcionales.

Opciones:
  --format jsonl|csv|xlsx formato del archivo (por defecto, según la extensión)
  --map campo=columna     lee un campo de otra columna; repetible (campos: ${FIELDS.join(', ')})
  --platform <nombre>     plataforma de las filas que no indican ninguna (por defecto: file)
  --campaign <id>         asigna todas las publicaciones a esta campaña; repetible
  --wait                  con REDIS_URL, espera a que los workers procesen la importación

La última línea es un resumen JSON: {"read":N,"inserted":N,"duplicates":N,"rejected":N}.`,

  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string' },
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
    const platform = Platform.safeParse(values.platform ?? 'file');
    if (!platform.success) throw new UsageError(`--platform debe ser una de ${Platform.options.join(', ')}`);
    const campaignIds = (values.campaign ?? []).map((id) => {
      if (!Identifier.safeParse(id).success) throw new UsageError(`--campaign "${id}" no es un identificador de campaña válido`);
      return id;
    });

    const config = loadConfig(io.env);
    const app = await createAppContext(config, { consume: !config.redisUrl });
    const summary = { read: 0, inserted: 0, duplicates: 0, rejected: 0 };
    try {
      for (const id of campaignIds) {
        if (!(await app.store.campaigns.get(id))) {
          io.stderr.write(`aviso: la campaña "${id}" aún no está definida; las publicaciones se etiquetan igualmente\n`);
        }
      }
      await app.runner.start();
      const options: FileImportOptions = {
        map,
        platform: platform.data,
        campaignIds,
        secret: config.secret,
        now: new Date(),
        queryId: `import:${file.split('/').pop()}`,
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
      let checked = format === 'jsonl';
      for await (const item of readRecords(file, format)) {
        if ('error' in item) {
          summary.read++;
          summary.rejected++;
          io.stderr.write(`línea ${item.line}: ${item.error}; omitida\n`);
          continue;
        }
        if (!checked) {
          try {
            checkColumns(Object.keys(item.record), map);
          } catch (error) {
            throw new UsageError((error as Error).message, 1);
          }
          checked = true;
        }
        summary.read++;
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
      if (app.runner.kind === 'inline' || values.wait) await app.runner.drain();
    } finally {
      await app.close();
    }
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  },
};
export default command;

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
