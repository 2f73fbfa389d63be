import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../models/user.js';
import { hasRole } from '../../../server/auth/principal.js';
import { buildRegistry, routeDeps } from '../../../server/app.js';
import type { Route } from '../../../server/registry.js';
import { ROLES, call, recordingRunner, startTestServer, type TestServer } from './harness.js';

/**
 * Every route of the registry × anonymous and every role: anonymous callers get 401 on
 * non-public routes, roles below the route's get 403, allowed roles never get 401/403 (nor a
 * 5xx). Requests carry unknown ids and empty bodies, so allowed calls stop at 400/404 and
 * nothing changes. A new route is covered by being declared.
 */
let server: TestServer;
let routes: Route[];
beforeAll(async () => {
  server = await startTestServer();
  routes = buildRegistry(
    routeDeps({
      config: {} as never,
      logger: pino({ level: 'silent' }),
      store: server.store,
      analyzer: {} as never,
      runner: recordingRunner(),
      version: 'test',
      clientDir: '',
    }),
  );
});
afterAll(() => server.close());

function pathOf(route: Route): string {
  return `/api${route.path.replace(/:[A-Za-z]+/g, 'no-such-thing')}`;
}

type Caller = Role | 'anonymous';
function expected(route: Route, caller: Caller): 'allowed' | 401 | 403 {
  if (route.access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (route.access === 'user') return 'allowed';
  return hasRole(caller, route.access) ? 'allowed' : 403;
}

describe('role matrix (generated from the route registry)', () => {
  it('covers every route', () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it.each(['anonymous', ...ROLES] as Caller[])('%s', async (caller) => {
    const failures: string[] = [];
    for (const route of routes) {
      if (route.path === '/auth/logout' && caller !== 'anonymous') continue; // would end the session; tested in auth.test
      const session = caller === 'anonymous' ? undefined : await server.session(caller);
      const method = route.method.toUpperCase();
      const res = await call(server, {
        method,
        path: pathOf(route),
        session,
        body: method === 'GET' ? undefined : {},
      });
      const want = expected(route, caller);
      const ok =
        want === 'allowed'
          ? res.status !== 401 && res.status !== 403 && res.status < 500
          : res.status === want;
      if (!ok)
        failures.push(
          `${method} ${route.path} as ${caller}: ${res.status} (want ${want}) ${res.text.slice(0, 200)}`,
        );
      if (res.status >= 400)
        expect(Object.keys((res.json as { error: object }).error)).toEqual(
          expect.arrayContaining(['message', 'code', 'status']),
        );
    }
    expect(failures).toEqual([]);
    expect(server.runner.jobs.filter((j) => j.name !== 'brief')).toEqual([]); // POST /briefs {} is a valid request
  });

  it('needs an admin for the queue board', async () => {
    expect((await call(server, { path: '/admin/queues' })).status).toBe(401);
    expect(
      (await call(server, { path: '/admin/queues', session: await server.session('analyst') }))
        .status,
    ).toBe(403);
    const admin = await call(server, {
      path: '/admin/queues',
      session: await server.session('admin'),
    });
    expect(admin.json).toMatchObject({
      error: { code: 'ESCUCHA_QUEUES_UNAVAILABLE', status: 404 },
    });
  });
});
