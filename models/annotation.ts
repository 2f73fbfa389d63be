import { z } from 'zod';
import { Identifier, IsoDateTime } from './common.js';
import { Emotion, MisogynyCategory, SentimentLabel } from './enrichment.js';

/**
 * An analyst's correction of a post's labels. Corrections override the analysers in every view
 * and feed `escucha train` as extra training data.
 */
export const AnnotationInput = z
  .object({
    postId: z.string().min(1),
    sentiment: SentimentLabel.optional(),
    emotion: Emotion.optional(),
    misogyny: z.boolean().optional(),
    misogynyCategory: MisogynyCategory.nullable().optional(),
    hate: z.boolean().optional(),
    topics: z.array(Identifier).max(30).optional(),
    country: z.string().length(2).nullable().optional(),
    note: z.string().max(1000).optional(),
  })
  .refine((a) => Object.keys(a).some((k) => k !== 'postId' && k !== 'note'), {
    message: 'an annotation must correct at least one label',
  });
export const Annotation = z.object({
  id: z.string(),
  postId: z.string(),
  userId: z.string(),
  labels: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type AnnotationInput = z.input<typeof AnnotationInput>;
export type Annotation = z.infer<typeof Annotation>;
