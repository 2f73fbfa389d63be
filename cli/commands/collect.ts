import { loadConfig } from '../../app/config.js';
import { createAppContext } from '../../app/context.js';
import { ConfigError } from '../../app/errors.js';
import { errorMap, issueMessage } from '../../app/validation-messages.js';
import { CountryCode, Platform } from '../../models/common.js';
import { SourceQuery } from '../../models/source.js';
import type { Store } from '../../models/store.js';
import { collectorFor, COLLECTOR_KINDS } from '../../workers/collectors/index.js';
import { addSource, adHocSourceId, describeQuery } from '../../workers/collectors/sources.js';
import { runCollection, type CollectSummary } from '../../workers/processors/collect.js';
import { parseCommandArgs, UsageError, type Command, type CommandIO } from '../command.js';

/** The query options shared by `collect` and `sources add`. */
export const QUERY_OPTIONS = {
  hashtag: { type: 'string', multiple: true },
  query: { type: 'string', multiple: true },
  handle: { type: 'string', multiple: true },
  channel: { type: 'string' },
  language: { type: 'string' },
  country: { type: 'string', multiple: true },
  'base-url': { type: 'string' },
} as const;

export const QUERY_USAGE = `  --hashtag H             un hashtag (sin #); repetible
  --query Q               una palabra clave o frase; repetible
  --handle H              una cuenta; repetible
  --channel C             canal, subreddit, URL de un feed, id de video o "jetstream" (Bluesky)
  --language L            código de idioma (es, en)
  --country XX            código de país (${CountryCode.options.join(', ')}); repetible
  --base-url URL          URL base de la API o instancia (autoalojada, espejos, pruebas)`;

interface QueryValues {
  hashtag?: string[];
  query?: string[];
  handle?: string[];
  channel?: string;
  language?: string;
  country?: string[];
  'base-url'?: string;
}

export function parseKind(value: string | undefined): Platform {
  const kind = Platform.safeParse(value);
  if (!kind.success || !collectorFor(kind.data)) {
    throw new UsageError(`indique el tipo de fuente: ${COLLECTOR_KINDS.join(', ')} (los archivos se cargan con "escucha import")`);
  }
  return kind.data;
}

export function queryFromValues(values: QueryValues): { query: SourceQuery; baseUrl: string | null } {
  const parsed = SourceQuery.safeParse({
    hashtags: (values.hashtag ?? []).map((h) => h.replace(/^#/, '')),
    keywords: values.query ?? [],
    handles: values.handle ?? [],
    channel: values.channel ?? null,
    language: values.language ?? null,
    countries: (values.country ?? []).map((c) => c.toUpperCase()),
  }, { error: errorMap('es') });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0] ?? 'query')}: ${issueMessage(issue, 'es')}`);
  }
  return { query: parsed.data, baseUrl: values['base-url'] ?? null };
}

/** Fails before any request when a credential the source needs is not set. */
export function checkCredentials(kind: Platform, source: { query: SourceQuery; baseUrl: string | null }, env: (name: string) => string | undefined): void {
  const missing = collectorFor(kind)!.requiredCredentials(source).filter((name) => !env(name));
  if (missing.length > 0) {
    throw new ConfigError(`falta la credencial ${missing.join(' y ')}: defínala en el entorno`);
  }
}

/**
 * Runs one pass of a source with the app's store and queue; the posts it inserts are enriched
 * like any others (embedded mode: here, before returning; with REDIS_URL: by the workers).
 */
export async function runOnce(
  io: CommandIO,
  sourceId: (store: Store) => Promise<string>,
  options: { max?: number; since?: Date | null },
): Promise<{ summary: CollectSummary; code: number }> {
  const config = loadConfig(io.env);
  const app = await createAppContext(config, { consume: !config.redisUrl });
  let summary: CollectSummary;
  try {
    const id = await sourceId(app.store);
    await app.runner.start();
    summary = await runCollection(id, { config, logger: app.logger, store: app.store, analyzer: app.analyzer, queue: app.runner }, { ...options, force: true });
    if (summary.skipped) io.stderr.write(`escucha: la fuente ${id} no se ejecutó: ${summary.skipped}\n`);
    else if (summary.error) io.stderr.write(`escucha: ${summary.error}\n`);
    if (app.runner.kind === 'inline') await app.runner.drain();
  } finally {
    await app.close();
  }
  return { summary, code: summary.error || summary.skipped ? 1 : 0 };
}

export function parseMax(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 1) throw new UsageError('--max debe ser un número entero ≥ 1');
  return max;
}

export function parseSince(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`--since "${value}" no es una fecha ISO 8601 (por ejemplo, 2026-11-01T00:00:00Z)`);
  return new Date(ms);
}

const command: Command = {
  name: 'collect',
  summary: 'ejecuta una pasada de recolección de una plataforma (mastodon, bluesky, rss, x…)',
  usage: `
escucha collect <tipo> --once [opciones]

Hace una pasada por una plataforma para una consulta y guarda las publicaciones (idempotente:
de las ya guardadas solo se actualizan las métricas). La misma consulta reutiliza su registro de
fuente ("cli-<tipo>-<hash>"), así que una segunda pasada continúa donde se detuvo la primera.
Tipos: ${COLLECTOR_KINDS.join(', ')}.

Opciones:
  --once                  una pasada (el único modo aquí; "escucha start" recolecta de forma continua)
${QUERY_USAGE}
  --since ISO             retrocede hasta este instante (en la primera pasada, por defecto: 3 días)
  --max N                 se detiene tras N publicaciones

Las credenciales se leen del entorno: X_BEARER_TOKEN, YOUTUBE_API_KEY, REDDIT_CLIENT_ID y
REDDIT_CLIENT_SECRET, BLUESKY_HANDLE y BLUESKY_APP_PASSWORD (búsqueda; Jetstream no necesita),
MASTODON_TOKEN (opcional).

La última línea es un resumen JSON: {"source":"<tipo>","fetched":N,"inserted":N,"duplicates":N,"rejected":N}.`,

  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      once: { type: 'boolean' },
      since: { type: 'string' },
      max: { type: 'string' },
      ...QUERY_OPTIONS,
    });
    if (positionals.length > 1) throw new UsageError('indique un solo tipo de fuente');
    const kind = parseKind(positionals[0]);
    const { query, baseUrl } = queryFromValues(values);
    const max = parseMax(values.max);
    const since = parseSince(values.since);
    const problems = collectorFor(kind)!.validate(query);
    if (problems.length > 0) throw new UsageError(problems.join('; '));
    checkCredentials(kind, { query, baseUrl }, (name) => io.env[name]);

    const id = adHocSourceId(kind, query, baseUrl);
    const { summary, code } = await runOnce(
      io,
      async (store) => {
        if (!(await store.sources.get(id))) {
          await addSource(store, { id, name: `CLI ${kind}: ${describeQuery(query)}`, kind, query, baseUrl, everyMinutes: 0 });
        }
        return id;
      },
      { max, since },
    );
    const { fetched, inserted, duplicates, rejected } = summary;
    io.stdout.write(`${JSON.stringify({ source: kind, fetched, inserted, duplicates, rejected })}\n`);
    return code;
  },
};
export default command;
