import { z } from 'zod';
import { Brief } from '../../models/brief.js';
import type { RouteDeps } from '../deps.js';
import { ResourceNotFoundError } from '../errors.js';
import { defineRoute, FileReply, type Route } from '../registry.js';
import { Accepted, IdParam } from './schemas.js';

/** Weekly briefs: list and download (everyone signed in), generate (analysts, queued). */
export function briefRoutes({ store, runner }: RouteDeps): Route[] {
  const tag = 'briefs';
  return [
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/briefs',
      summary: 'Generated briefs, newest first',
      response: z.array(Brief),
      handler: () => store.briefs.list(),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'post',
      path: '/briefs',
      status: 202,
      summary:
        'Generate a weekly brief (the last complete ISO week unless `week` is given), queued',
      body: z.object({ week: Brief.shape.week.optional() }),
      response: Accepted,
      async handler({ body }) {
        await runner.enqueue('brief', body.week ? { week: body.week } : {}, {
          jobId: `brief:${body.week ?? 'latest'}`,
        });
        return { queued: true as const, job: 'brief' };
      },
    }),
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/briefs/:id/pdf',
      summary: 'Download a brief (PDF)',
      params: IdParam,
      async handler({ params }) {
        const found = await store.briefs.get(params.id);
        if (!found) throw new ResourceNotFoundError({ es: 'el informe', en: 'brief' }, params.id);
        return new FileReply(
          'application/pdf',
          `escucha-${found.brief.week}-${found.brief.locale}.pdf`,
          found.pdf,
        );
      },
    }),
  ];
}
