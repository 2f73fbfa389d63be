import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { defineRoute, type Route } from '../registry.js';

/** GET /api/health: liveness (the store answers), which store and queue run, and demo data. */
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
        /** True on a data set made by `escucha demo`: the dashboard shows a DEMO badge. */
        demo: z.boolean(),
      }),
      async handler() {
        // `escucha demo` keeps its marker under this key (workers/demo/seed.ts).
        const demo = (await store.settings.get<{ demo?: boolean }>('demo'))?.demo === true;
        return { status: 'ok' as const, store: store.kind, queue: runner.kind, version, demo };
      },
    }),
  ];
}
