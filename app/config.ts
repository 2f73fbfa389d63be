import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/** The only reader of process.env. Everything else receives a `Config`. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  ESCUCHA_DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'debe empezar por mongodb:// o mongodb+srv://')
    .optional(),
  MONGODB_DB: z.string().min(1).default('escucha'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'debe empezar por redis:// o rediss://')
    .optional(),
  ESCUCHA_SECRET: z.string().min(16, 'debe tener al menos 16 caracteres').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ESCUCHA_DEFAULT_SOURCES: z.enum(['on', 'off']).default('on'),
  ESCUCHA_ADMIN_EMAIL: z.email().optional(),
  ESCUCHA_ADMIN_PASSWORD: z.string().min(10, 'debe tener al menos 10 caracteres').optional(),
  ESCUCHA_CORS_ORIGINS: z.string().default(''),
  ESCUCHA_ONNX_DIR: z.string().optional(),
  ESCUCHA_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  ESCUCHA_ENRICH_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  ESCUCHA_QUEUE_PREFIX: z.string().min(1).default('escucha'),
  ESCUCHA_BRIEF_SCHEDULE: z
    .string()
    .regex(/^(off|[a-z]{3}[a-z]*\s+\d{1,2}:\d{2})$/i, 'use un día y una hora UTC como "mon 06:00", u "off"')
    .default('mon 06:00'),
  ESCUCHA_BRIEF_EDITIONS: z.string().optional(),
  ESCUCHA_ALLOW_PRIVATE_WEBHOOKS: z
    .enum(['true', 'false'], { error: 'use true o false' })
    .default('false'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  mongodbUri: string | null;
  mongodbDb: string;
  redisUrl: string | null;
  secret: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  defaultSources: boolean;
  admin: { email: string; password: string } | null;
  corsOrigins: string[];
  onnxDir: string | null;
  workerConcurrency: number;
  /** Worker threads analysing posts in each job-running process (0: on the main thread); null: automatic (app/context.ts). */
  enrichThreads: number | null;
  queuePrefix: string;
  /** Weekly brief: weekday and UTC time ("mon 06:00") or "off". */
  briefSchedule: string;
  /** Weekly brief editions, e.g. "es:*,en:BZ"; null for the default. */
  briefEditions: string | null;
  /**
   * ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true: alert webhooks and source base URLs may point to
   * loopback, private and link-local addresses (on-premise receivers); off by default (SSRF).
   */
  allowPrivateWebhooks: boolean;
  /** Credentials collectors ask for by name (X_BEARER_TOKEN, YOUTUBE_API_KEY...). */
  credential(name: string): string | undefined;
}

/**
 * Reads and validates the environment, creates the data directory and, on first run, the
 * instance secret. Throws ConfigError with a message naming the variable and the fix.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (common in .env files and compose templates) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])] ?? '')}: ${issue.message}`,
    );
    throw new ConfigError(`configuración no válida: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.ESCUCHA_DATA_DIR);
  ensureWritableDir(dataDir);
  if ((e.ESCUCHA_ADMIN_EMAIL === undefined) !== (e.ESCUCHA_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      'defina ESCUCHA_ADMIN_EMAIL y ESCUCHA_ADMIN_PASSWORD juntas, o ninguna (entonces se imprime una contraseña de un solo uso)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    mongodbUri: e.MONGODB_URI ?? null,
    mongodbDb: e.MONGODB_DB,
    redisUrl: e.REDIS_URL ?? null,
    secret: e.ESCUCHA_SECRET ?? instanceSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    defaultSources: e.ESCUCHA_DEFAULT_SOURCES === 'on',
    admin:
      e.ESCUCHA_ADMIN_EMAIL && e.ESCUCHA_ADMIN_PASSWORD
        ? { email: e.ESCUCHA_ADMIN_EMAIL, password: e.ESCUCHA_ADMIN_PASSWORD }
        : null,
    corsOrigins: e.ESCUCHA_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    onnxDir: e.ESCUCHA_ONNX_DIR ? resolve(e.ESCUCHA_ONNX_DIR) : null,
    workerConcurrency: e.ESCUCHA_WORKER_CONCURRENCY,
    enrichThreads: e.ESCUCHA_ENRICH_THREADS ?? null,
    queuePrefix: e.ESCUCHA_QUEUE_PREFIX,
    briefSchedule: e.ESCUCHA_BRIEF_SCHEDULE,
    briefEditions: e.ESCUCHA_BRIEF_EDITIONS ?? null,
    allowPrivateWebhooks: e.ESCUCHA_ALLOW_PRIVATE_WEBHOOKS === 'true',
    credential: (name) => env[name],
  };
}

function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new ConfigError(
      `no se puede escribir en el directorio de datos ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'}): ` +
        'indique en ESCUCHA_DATA_DIR una carpeta con permiso de escritura',
    );
  }
}

/** The secret that keys author pseudonyms; generated once and kept in the data dir. */
function instanceSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
