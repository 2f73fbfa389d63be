import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildRegistry, routeDeps } from '../../../server/app.js';
import { openApiDocument } from '../../../server/openapi.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';

describe('OpenAPI from the route registry', () => {
  const routes = buildRegistry(
    routeDeps({
      config: {} as never,
      logger: pino({ level: 'silent' }),
      store: createSqliteStore(':memory:'),
      analyzer: {} as never,
      runner: {} as never,
      version: '1.2.3',
      clientDir: '',
    }),
  );
  const doc = openApiDocument(routes, '1.2.3') as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };

  it('documents every route once, with its access, parameters and body', () => {
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(operations).toHaveLength(routes.length);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(routes.length);
    for (const route of routes) {
      const op = doc.paths[`/api${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`]![route.method]!;
      expect(op['x-escucha-access']).toBe(route.access);
      expect(Boolean(op.requestBody)).toBe(Boolean(route.schemas.body));
      const pathParams = ((op.parameters ?? []) as { in: string; name: string }[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      expect(pathParams.sort()).toEqual(
        [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort(),
      );
    }
  });

  it('describes the login body and the overview filter', () => {
    const login = doc.paths['/api/auth/login']!.post!.requestBody as {
      content: { 'application/json': { schema: { required: string[] } } };
    };
    expect(login.content['application/json'].schema.required).toEqual(['email', 'password']);
    const overview = doc.paths['/api/overview']!.get!;
    expect(overview.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(
      (overview.parameters as { name: string; required: boolean }[])
        .filter((p) => p.required)
        .map((p) => p.name),
    ).toEqual(['from', 'to']);
  });
});
