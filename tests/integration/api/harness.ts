import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../../app/config.js';
import type { Store } from '../../../models/store.js';
import type { Role, User } from '../../../models/user.js';
import type { Analyzer } from '../../../nlp/analyze.js';
import { createServerApp } from '../../../server/app.js';
import { createAccount } from '../../../server/auth/accounts.js';
import { Credentials } from '../../../server/auth/credentials.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import type { JobName, JobRunner } from '../../../workers/jobs.js';
import { makeEnrichment, makePost } from '../../support/factories.js';

export const PASSWORD = 'contraseña-de-prueba-1';
export const ROLES: Role[] = ['admin', 'analyst', 'viewer'];

/** A job runner that only records what the API queued. */
export function recordingRunner(): JobRunner & {
  jobs: { name: JobName; data: unknown; jobId?: string }[];
} {
  const jobs: { name: JobName; data: unknown; jobId?: string }[] = [];
  return {
    kind: 'inline',
    jobs,
    async enqueue(name, data, options) {
      jobs.push({ name, data, jobId: options?.jobId });
    },
    async start() {},
    async drain() {},
    async stop() {},
  };
}

const stubAnalyzer: Analyzer = {
  version: 'test-1',
  analyze: () => {
    throw new Error('the API never analyses in a request');
  },
  analyzeBatch: async () => [],
};

export interface Session {
  cookie: string;
  csrf: string;
}

export interface TestServer {
  url: string;
  store: Store;
  credentials: Credentials;
  runner: ReturnType<typeof recordingRunner>;
  users: Record<Role, User>;
  /** A fresh cookie session (and its CSRF token) for a role, without going through argon2. */
  session(role: Role): Promise<Session>;
  close(): Promise<void>;
}

/** The real server on an in-memory SQLite store, listening on a free port, with one user per role. */
export async function startTestServer(
  options: {
    seed?: boolean;
    limits?: { loginPerMinute?: number; apiPerMinute?: number };
    runner?: JobRunner;
    /** Extra environment for loadConfig (ESCUCHA_ALLOW_PRIVATE_WEBHOOKS...). */
    env?: Record<string, string>;
  } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'escucha-api-'));
  const config = loadConfig({
    ESCUCHA_DATA_DIR: dataDir,
    ESCUCHA_SECRET: 'test-secret-0123456789abcdef',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const store = createSqliteStore(':memory:');
  const credentials = new Credentials(store.settings, config.secret);
  const runner = recordingRunner();
  const app = createServerApp({
    config,
    logger: pino({ level: 'silent' }),
    store,
    analyzer: stubAnalyzer,
    runner: options.runner ?? runner,
    version: 'test',
    clientDir: join(dataDir, 'no-client'),
    limits: { loginPerMinute: 1_000, apiPerMinute: 1_000_000, ...options.limits },
  });
  const users = {} as Record<Role, User>;
  for (const role of ROLES) {
    users[role] = (
      await createAccount(store, credentials, {
        email: `${role}@example.org`,
        name: role,
        role,
        password: PASSWORD,
      })
    ).user;
  }
  if (options.seed !== false) await seed(store);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    credentials,
    runner,
    users,
    async session(role) {
      const { token } = await credentials.createSession(users[role]);
      return { cookie: `escucha_session=${token}`, csrf: credentials.csrfToken(token) };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

/** Posts on 2026-11-02/03 in GT and SV (one with a phone, an e-mail and a mention), a campaign, a source, a rule, an alert, a brief. */
export async function seed(store: Store): Promise<void> {
  const posts = [
    makePost({
      externalId: '1',
      text: 'Llame al +502 5555-1234 o escriba a denuncia@example.org, @vecina123 sabe más #NiUnaMenos',
      author: {
        id: 'a_private1',
        handle: 'vecina_real',
        name: 'Ana Pérez',
        followers: 50,
        verified: false,
        location: 'Zona 1',
      },
      hashtags: ['NiUnaMenos'],
      mentions: ['vecina123'],
      url: 'https://mastodon.social/@vecina_real/1',
    }),
    makePost({
      externalId: '2',
      text: 'La policía informa sobre un operativo',
      createdAt: '2026-11-03T09:00:00.000Z',
      author: {
        id: 'a_pnc',
        handle: 'pnc_sv',
        name: 'PNC',
        followers: 50_000,
        verified: true,
        location: null,
      },
      platform: 'x',
      source: { kind: 'x', queryId: null },
    }),
    makePost({
      externalId: '3',
      text: 'Otra publicación sobre violencia',
      createdAt: '2026-11-03T11:00:00.000Z',
    }),
  ];
  await store.posts.upsert(posts);
  await store.posts.saveEnrichments([
    {
      id: 'mastodon:1',
      enrichment: makeEnrichment({
        sentiment: 'N',
        misogyny: true,
        country: 'GT',
        topics: ['femicidio'],
      }),
    },
    {
      id: 'x:2',
      enrichment: makeEnrichment({ sentiment: 'NEU', country: 'SV', topics: ['policia_justicia'] }),
    },
    { id: 'mastodon:3', enrichment: makeEnrichment({ sentiment: 'P', country: 'GT' }) },
  ]);
  await store.rollups.recompute(await store.rollups.dirtyBuckets(1_000));
  const now = '2026-11-01T00:00:00.000Z';
  await store.campaigns.save({
    id: 'ni-una-menos',
    name: 'Ni una menos',
    description: '',
    hashtags: ['niunamenos'],
    handles: ['mp_guatemala'],
    keywords: [],
    countries: [],
    startDate: '2026-10-20',
    endDate: null,
    launchDate: null,
    createdAt: now,
    updatedAt: now,
  });
  await store.sources.save({
    id: 'mastodon-gt',
    name: 'Mastodon GT',
    kind: 'mastodon',
    query: {
      hashtags: ['guatemala'],
      keywords: [],
      handles: [],
      channel: null,
      language: null,
      countries: ['GT'],
    },
    baseUrl: null,
    everyMinutes: 15,
    enabled: true,
    credential: null,
    cursor: null,
    status: 'ok',
    lastRunAt: null,
    lastSuccessAt: null,
    lastError: null,
    runs: [],
    gaps: [],
    quotaUsed: 0,
    createdAt: now,
    updatedAt: now,
  });
  await store.alerts.saveRule({
    id: 'picos-misoginia',
    name: 'Picos de misoginia',
    metric: 'misogyny',
    country: null,
    platform: null,
    topic: null,
    campaign: null,
    granularity: 'day',
    threshold: 3,
    minVolume: 20,
    cooldownHours: 24,
    enabled: true,
    webhookUrl: null,
    createdAt: now,
    updatedAt: now,
  });
  await store.alerts.insert({
    id: 'alert-1',
    ruleId: 'picos-misoginia',
    bucket: '2026-11-02T00:00:00.000Z',
    severity: 'high',
    observed: 40,
    expected: 10,
    score: 5,
    message: 'Pico de misoginia',
    createdAt: now,
    acknowledgedAt: null,
    delivered: false,
  });
  await store.briefs.save(
    {
      id: 'brief-2026-W44',
      week: '2026-W44',
      from: '2026-10-26',
      to: '2026-11-01',
      locale: 'es',
      scope: { countries: [], campaigns: [] },
      bytes: 9,
      createdAt: now,
    },
    Buffer.from('%PDF-1.7\n'),
  );
}

export interface Call {
  method?: string;
  path: string;
  session?: Session;
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  csrf?: boolean;
}

/** One request; cookie sessions send their CSRF token on unsafe methods unless `csrf: false`. */
export async function call(
  server: TestServer,
  c: Call,
): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
  const method = c.method ?? 'GET';
  const headers: Record<string, string> = { 'accept-language': 'en', ...c.headers };
  if (c.session) {
    headers.cookie = c.session.cookie;
    if (c.csrf !== false && method !== 'GET') headers['x-csrf-token'] = c.session.csrf;
  }
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  let body: string | undefined;
  if (c.rawBody !== undefined) body = c.rawBody;
  else if (c.body !== undefined) {
    body = JSON.stringify(c.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${server.url}${c.path}`, {
    method,
    headers,
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}
