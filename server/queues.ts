import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';
import { hasRole, principalOf } from './auth/principal.js';
import type { RouteDeps } from './deps.js';
import { ForbiddenError, LocalizedError, UnauthorizedError } from './errors.js';

/**
 * The BullMQ queues in bull-board at /admin/queues, read-only, for admins signed in with a
 * session or token. Only with Redis (runner.kind === 'bullmq'): bull-board needs BullMQ's Queue
 * objects, which the runner exposes through `dashboardQueues()` (duck-typed here, so the server
 * never imports bullmq itself).
 */
export function queueBoard({ runner, logger }: RouteDeps): Router {
  const router = Router();
  router.use((req, res, next) => {
    const principal = principalOf(res);
    if (!principal) return next(new UnauthorizedError());
    if (!hasRole(principal.user.role, 'admin') || principal.mustChangePassword)
      return next(new ForbiddenError());
    if (req.method !== 'GET' && req.method !== 'HEAD') return next(new ForbiddenError());
    next();
  });
  const queues = (runner as { dashboardQueues?: () => readonly unknown[] }).dashboardQueues?.();
  if (runner.kind !== 'bullmq' || !queues) {
    router.use((_req, _res, next) =>
      next(
        new LocalizedError(
          {
            es: 'El tablero de colas solo existe con Redis (REDIS_URL); en modo embebido los trabajos corren en este proceso.',
            en: 'The queue board exists only with Redis (REDIS_URL); in embedded mode jobs run in this process.',
          },
          'ESCUCHA_QUEUES_UNAVAILABLE',
          404,
        ),
      ),
    );
    return router;
  }
  let board: Promise<RequestHandler> | undefined;
  router.use(
    helmet({
      contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } },
    }),
  );
  router.use((req, res, next) => {
    board ??= mountBoard(queues);
    board
      .then((handler) => handler(req, res, next))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'queue board failed to load');
        next(error);
      });
  });
  return router;
}

async function mountBoard(queues: readonly unknown[]): Promise<RequestHandler> {
  const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/express'),
  ]);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/admin/queues');
  createBullBoard({
    queues: queues.map(
      (queue) =>
        new BullMQAdapter(queue as ConstructorParameters<typeof BullMQAdapter>[0], {
          readOnlyMode: true,
        }),
    ),
    serverAdapter,
  });
  return serverAdapter.getRouter() as RequestHandler;
}
