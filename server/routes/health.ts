import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { defineRoute, type Route } from '../registry.js';

/** GET /api/health: liveness plus which store and queue this instance runs on. */
export function healthRoutes({ store, runner, version }: RouteDeps): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      access: 'public',
      tag: 'system',
      summary: 'Liveness, store and queue kind, version',
      response: z.object({
        status: z.literal('ok'),
        store: z.string(),
        queue: z.string(),
        version: z.string(),
      }),
      async handler() {
        await store.posts.count();
        return { status: 'ok' as const, store: store.kind, queue: runner.kind, version };
      },
    }),
  ];
}
