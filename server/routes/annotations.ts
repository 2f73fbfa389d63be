import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Annotation, AnnotationInput } from '../../models/annotation.js';
import { CountryCode } from '../../models/common.js';
import type { RouteDeps } from '../deps.js';
import { applyCorrection } from '../../models/corrections.js';
import { ResourceConflictError, ResourceNotFoundError } from '../errors.js';
import { defineRoute, type Route } from '../registry.js';
import { IdParam } from './schemas.js';

const Correction = AnnotationInput.refine(
  (a) => a.country === undefined || a.country === null || CountryCode.safeParse(a.country).success,
  {
    message: 'country must be one of GT, HN, SV, CR, PA, DO, BZ',
    path: ['country'],
  },
);

/**
 * Analysts' corrections of a post's labels: the annotation is kept (it feeds `escucha train`)
 * and applied to the post's stored analysis, whose rollups are then recomputed.
 */
export function annotationRoutes({ store, runner }: RouteDeps): Route[] {
  const analyst = { access: 'analyst', tag: 'annotations' } as const;
  return [
    defineRoute({
      ...analyst,
      method: 'post',
      path: '/annotations',
      status: 201,
      summary: "Correct a post's labels (applied to its analysis and used for training)",
      body: Correction,
      response: z.object({ annotation: Annotation }).loose(),
      async handler({ body, principal }) {
        const post = await store.posts.get(body.postId);
        if (!post)
          throw new ResourceNotFoundError({ es: 'la publicación', en: 'post' }, body.postId);
        if (!post.enrichment) {
          throw new ResourceConflictError({
            es: 'La publicación aún no está analizada.',
            en: 'The post is not analysed yet.',
          });
        }
        const { postId, note, ...labels } = body;
        const annotation: Annotation = {
          id: randomUUID(),
          postId,
          userId: principal!.user.id,
          labels,
          note: note ?? null,
          createdAt: new Date().toISOString(),
        };
        await store.annotations.add(annotation);
        const enrichment = applyCorrection(post.enrichment, {
          ...labels,
          country: labels.country as CountryCode | null | undefined,
        });
        await store.posts.saveEnrichments([{ id: post.id, enrichment }]);
        await runner.enqueue('aggregate', {}, { jobId: 'aggregate' });
        return { annotation, post: { ...post, enrichment } };
      },
    }),
    defineRoute({
      ...analyst,
      method: 'get',
      path: '/posts/:id/annotations',
      summary: "A post's corrections, oldest first",
      params: IdParam,
      response: z.array(Annotation),
      handler: ({ params }) => store.annotations.listForPost(params.id),
    }),
    defineRoute({
      ...analyst,
      method: 'get',
      path: '/annotations',
      summary: 'Every correction, oldest first (the training set of `escucha train`)',
      response: z.array(Annotation),
      handler: () => store.annotations.all(),
      table: (rows) => ({
        name: 'correcciones',
        columns: ['id', 'postId', 'userId', 'createdAt', 'labels', 'note'],
        rows: rows.map((a) => [
          a.id,
          a.postId,
          a.userId,
          a.createdAt,
          JSON.stringify(a.labels),
          a.note,
        ]),
      }),
    }),
  ];
}
