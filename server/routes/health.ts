import { Router } from 'express';
import type { ServerDeps } from '../deps.js';

/** GET /api/health: liveness plus which store and queue this instance runs on. */
export function healthRoutes({ store, runner, version }: ServerDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    await store.posts.count();
    res.json({ status: 'ok', store: store.kind, queue: runner.kind, version });
  });
  return router;
}
