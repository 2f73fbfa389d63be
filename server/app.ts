import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Credentials } from './auth/credentials.js';
import { resolvePrincipal } from './auth/principal.js';
import { DEFAULT_LIMITS, type RouteDeps, type ServerDeps } from './deps.js';
import { errorHandler, messages } from './errors.js';
import { openApiDocument } from './openapi.js';
import { queueBoard } from './queues.js';
import { defineRoute, mountRoutes, type Route } from './registry.js';
import { apiRoutes } from './routes/index.js';
import { apiLimiter, strictCors } from './security.js';

const DEFAULT_LEXICONS = fileURLToPath(new URL('../lexicons', import.meta.url));

/** Every route of the API, openapi.json included: the registry the app, docs and tests share. */
export function buildRegistry(deps: RouteDeps): Route[] {
  const routes = apiRoutes(deps);
  let document: Record<string, unknown> | undefined;
  routes.push(
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      access: 'public',
      tag: 'system',
      summary: 'This API, described in OpenAPI 3.1 (generated from the route registry)',
      response: z.record(z.string(), z.unknown()),
      handler: async () => (document ??= openApiDocument(routes, deps.version)),
    }),
  );
  return routes;
}

export function routeDeps(deps: ServerDeps): RouteDeps {
  return {
    ...deps,
    credentials: new Credentials(deps.store.settings, deps.config.secret),
    lexiconsDir: deps.lexiconsDir ?? DEFAULT_LEXICONS,
    limits: { ...DEFAULT_LIMITS, ...deps.limits },
  };
}

/** The HTTP application: JSON API under /api, the queue board at /admin/queues, the dashboard elsewhere. */
export function createServerApp(serverDeps: ServerDeps): Express {
  const deps = routeDeps(serverDeps);
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy on the same host, trust its X-Forwarded-* (https → Secure cookies).
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'extended');
  app.use(strictCors(deps.config.corsOrigins));
  app.use('/admin/queues', resolvePrincipal(deps.store, deps.credentials), queueBoard(deps));
  app.use(
    helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'] } } }),
  );

  const api = Router();
  api.use(apiLimiter(deps.limits.apiPerMinute));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(resolvePrincipal(deps.store, deps.credentials));
  api.use(mountRoutes(buildRegistry(deps), deps.credentials));
  api.use((req, res) => {
    res
      .status(404)
      .json({ error: { message: messages(req).notFound, code: 'ESCUCHA_NOT_FOUND', status: 404 } });
  });
  app.use('/api', api);

  if (existsSync(deps.clientDir)) {
    app.use(express.static(deps.clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => res.sendFile(join(deps.clientDir, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      res
        .status(503)
        .type('text/plain')
        .send(
          'El panel no está compilado: ejecute "npm run build:client" (npm start lo hace por usted).',
        ),
    );
  }
  app.use(errorHandler(deps.logger));
  return app;
}
