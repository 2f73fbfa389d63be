import { createHash } from 'node:crypto';
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

const BATCH = 1_000;

const command: Command = {
  name: 'import',
  summary: 'import posts from a JSONL or CSV export (idempotent)',
  usage: `
escucha import <file> [options]

Imports posts from a JSONL or CSV file. Re-importing the same file inserts nothing new.
Without --map a record uses escucha's field names: text and createdAt (ISO 8601) are
required; id, platform, url, author (id or object), followers, likes, reposts, replies,
quotes, views, lang, hashtags and country are optional.

Options:
  --format jsonl|csv      file format (default: from the extension)
  --map field=column      read a field from another column, repeatable (fields: ${FIELDS.join(', ')})
  --platform <name>       platform of rows that name none (default: file)
  --campaign <id>         assign every post to this campaign, repeatable
  --wait                  with REDIS_URL, wait until the workers have processed the import

Prints a JSON summary as its last line: {"read":N,"inserted":N,"duplicates":N,"rejected":N}.`,

  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string' },
      map: { type: 'string', multiple: true },
      platform: { type: 'string' },
      campaign: { type: 'string', multiple: true },
      wait: { type: 'boolean' },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('give exactly one file to import');
    const map = parseMap(values.map ?? []);
    if (!existsSync(file)) throw new UsageError(`file not found: ${file}`);
    const format = values.format ?? detectFormat(file);
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format must be jsonl or csv');
    const platform = Platform.safeParse(values.platform ?? 'file');
    if (!platform.success) throw new UsageError(`--platform must be one of ${Platform.options.join(', ')}`);
    const campaignIds = (values.campaign ?? []).map((id) => {
      if (!Identifier.safeParse(id).success) throw new UsageError(`--campaign "${id}" is not a valid campaign id`);
      return id;
    });

    const config = loadConfig(io.env);
    const app = await createAppContext(config, { consume: !config.redisUrl });
    const summary = { read: 0, inserted: 0, duplicates: 0, rejected: 0 };
    try {
      for (const id of campaignIds) {
        if (!(await app.store.campaigns.get(id))) {
          io.stderr.write(`warning: campaign "${id}" is not defined yet; posts are tagged with it anyway\n`);
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
        if (result.insertedIds.length > 0) {
          const jobId = createHash('sha1').update(result.insertedIds.join('\n')).digest('hex');
          await app.runner.enqueue('enrich', { postIds: result.insertedIds }, { jobId: `import-${jobId}` });
        }
        // Duplicates may carry newer metrics: their buckets are dirty again.
        if (result.duplicates > 0) await app.runner.enqueue('aggregate', {}, { jobId: 'aggregate' });
        batch = [];
      };
      let checked = format === 'jsonl';
      for await (const item of readRecords(file, format)) {
        if ('error' in item) {
          summary.read++;
          summary.rejected++;
          io.stderr.write(`line ${item.line}: ${item.error}; skipped\n`);
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
          io.stderr.write(`line ${item.line}: ${error.message}; skipped\n`);
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
    if (!field || !column) throw new UsageError(`--map "${pair}" must look like field=column`);
    if (!(FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(`--map: unknown field "${field}"; fields: ${FIELDS.join(', ')}`);
    }
    map[field as Field] = column;
  }
  return map;
}
