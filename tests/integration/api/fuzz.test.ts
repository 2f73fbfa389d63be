import fc from 'fast-check';
import { pino } from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistry, routeDeps } from '../../../server/app.js';
import type { Route } from '../../../server/registry.js';
import { Lexicons } from '../../../server/lexicons.js';
import {
  ROLES,
  call,
  recordingRunner,
  startTestServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * ≥ 1,000 generated malformed requests against every route: the server never answers 5xx,
 * every error leaves in the one shape, and nothing in the store changes.
 */
let server: TestServer;
let routes: Route[];
let adminToken: string;
let sessions: Record<string, Session>;
let lexiconNames: string[];

beforeAll(async () => {
  server = await startTestServer();
  const deps = routeDeps({
    config: {} as never,
    logger: pino({ level: 'silent' }),
    store: server.store,
    analyzer: {} as never,
    runner: recordingRunner(),
    version: 'test',
    clientDir: '',
  });
  routes = buildRegistry(deps);
  lexiconNames = await new Lexicons(deps.lexiconsDir, server.store.settings).list();
  adminToken = (await server.credentials.createApiToken(server.users.admin.id, 'fuzz', null)).token;
  sessions = {
    analyst: await server.session('analyst'),
    viewer: await server.session('viewer'),
    admin: await server.session('admin'),
  };
});
afterAll(() => server.close());

async function snapshot(): Promise<string> {
  const { store } = server;
  const users = await store.users.list();
  const settings: Record<string, unknown> = { privacy: await store.settings.get('privacy') };
  for (const name of lexiconNames)
    settings[`lexicon:${name}`] = await store.settings.get(`lexicon:${name}`);
  for (const user of users) {
    settings[`tokens:${user.id}`] = await store.settings.get(`auth:tokens:${user.id}`);
    settings[`must-change:${user.id}`] = await store.settings.get(`auth:must-change:${user.id}`);
  }
  return JSON.stringify({
    posts: await store.posts.count(),
    enrichments: await store.posts.getMany(['mastodon:1', 'x:2', 'mastodon:3']),
    users,
    settings,
    campaigns: await store.campaigns.list(),
    sources: await store.sources.list(),
    rules: await store.alerts.listRules(),
    alerts: await store.alerts.list(1_000),
    briefs: await store.briefs.list(),
    annotations: await store.annotations.all(),
  });
}

function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(json.properties ?? {});
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%00',
    '__proto__',
    'constructor',
    '2026-13-45',
    '9999-12-31',
    '-1',
    '1e309',
    'NaN',
    '<script>',
    "' OR 1=1 --",
    'GT,XX',
    'true',
    'null',
    '{}',
    '[]',
    'a'.repeat(300),
  ),
  fc.integer().map(String),
);
const value = fc.oneof(
  text,
  fc.anything({ maxDepth: 2 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
);

function valid(schema: z.ZodType | undefined, input: unknown): boolean {
  return schema ? schema.safeParse(input).success : true;
}

interface Generated {
  route: Route;
  caller: 'token' | 'analyst' | 'viewer' | 'admin-no-csrf' | 'anonymous';
  params: Record<string, string>;
  query: [string, string][];
  body: { json: unknown } | { raw: string; type: string } | null;
  lang: string;
}

function requestFor(route: Route): fc.Arbitrary<Generated> {
  const paramNames = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const queryKeys = [...keysOf(route.schemas.query), 'format'];
  const bodyKeys = keysOf(route.schemas.body);
  return fc.record({
    route: fc.constant(route),
    caller: fc.constantFrom('token', 'token', 'analyst', 'viewer', 'admin-no-csrf', 'anonymous'),
    params: fc.record(Object.fromEntries(paramNames.map((name) => [name, text]))) as fc.Arbitrary<
      Record<string, string>
    >,
    query: fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...queryKeys), text, fc.constant('country[x]')),
        fc.oneof(text, fc.constant('2026-11-02')),
      ),
      { maxLength: 6 },
    ),
    body: fc.oneof(
      fc.constant(null),
      fc.record({
        json: fc.dictionary(
          fc.oneof(fc.constantFrom(...(bodyKeys.length ? bodyKeys : ['x'])), text),
          value,
          { maxKeys: 6 },
        ),
      }),
      fc.record({ json: value }),
      fc.record({
        raw: fc.oneof(text, fc.constantFrom('{', '{"a":', '[1,2', 'x'.repeat(120_000))),
        type: fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
        ),
      }),
    ),
    lang: fc.constantFrom('es', 'en', 'fr', '*', 'es-GT,en;q=0.5', ''),
  });
}

describe('fuzzing the API with malformed requests', () => {
  it('never answers 5xx and never changes the store', async () => {
    const before = await snapshot();
    let sent = 0;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes).chain(requestFor), async (g) => {
        const body = g.body && 'json' in g.body ? g.body.json : undefined;
        // Only malformed requests: a mutation whose inputs all validate is not a fuzz case.
        if (g.route.method !== 'get') {
          fc.pre(
            !(valid(g.route.schemas.params, g.params) && valid(g.route.schemas.body, body ?? {})),
          );
        }
        const path = `/api${g.route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(g.params[name] ?? ''))}`;
        const qs = new URLSearchParams(g.query).toString();
        const session =
          g.caller === 'token' || g.caller === 'anonymous'
            ? undefined
            : sessions[g.caller === 'admin-no-csrf' ? 'admin' : g.caller];
        const res = await call(server, {
          method: g.route.method.toUpperCase(),
          path: qs ? `${path}?${qs}` : path,
          session,
          csrf: g.caller !== 'admin-no-csrf',
          token: g.caller === 'token' ? adminToken : undefined,
          ...(g.route.method === 'get' || !g.body
            ? {}
            : 'json' in g.body
              ? { body: g.body.json }
              : { rawBody: g.body.raw, headers: { 'content-type': g.body.type } }),
          headers: {
            'accept-language': g.lang,
            ...(g.body && 'raw' in g.body && g.route.method !== 'get'
              ? { 'content-type': g.body.type }
              : {}),
          },
        });
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500)
          failures.push(
            `${g.route.method} ${path}?${qs} → ${res.status} ${res.text.slice(0, 300)}`,
          );
        if (res.status >= 400) {
          const shape = z.object({
            error: z.object({
              message: z.string().min(1),
              code: z.string().startsWith('ESCUCHA_'),
              status: z.literal(res.status),
            }),
          });
          if (!shape.safeParse(res.json).success)
            failures.push(`${g.route.method} ${path} → bad error shape: ${res.text.slice(0, 200)}`);
        }
        return res.status < 500;
      }),
      { numRuns: 1_050, seed: 20_261_102 },
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(await snapshot()).toEqual(before);
    expect(server.runner.jobs).toEqual([]);
    expect(ROLES).toHaveLength(3);
    // The generator reaches validation (400), authentication (401), roles/CSRF (403) and lookups (404).
    for (const status of [400, 401, 403]) expect(statuses.get(status) ?? 0).toBeGreaterThan(50);
    console.info('fuzz statuses', Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])));
  }, 80_000);
});
