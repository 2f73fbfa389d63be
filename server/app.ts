import express, { type Express } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerDeps } from './deps.js';
import { errorHandler, messages } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { overviewRoutes } from './routes/overview.js';

/** The HTTP application: JSON API under /api, the dashboard everywhere else. */
export function createServerApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'] } } }));
  app.use(express.json({ limit: '1mb' }));

  const api = express.Router();
  api.use(healthRoutes(deps));
  api.use(overviewRoutes(deps));
  api.use((req, res) => {
    res.status(404).json({ error: { message: messages(req).notFound, code: 'ESCUCHA_NOT_FOUND', status: 404 } });
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
        .send('El panel no está compilado: ejecute "npm run build:client" (npm start lo hace por usted).'),
    );
  }
  app.use(errorHandler(deps.logger));
  return app;
}
