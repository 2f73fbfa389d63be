import { z } from 'zod';
import { EMOTIONS } from './enrichment.js';

export const Granularity = z.enum(['hour', 'day']);
export type Granularity = z.infer<typeof Granularity>;

/** Marks "every value" in a rollup dimension (posts with any or no topic, campaign...). */
export const ALL = '*';
/** Marks a post whose country could not be resolved. */
export const UNKNOWN = '';

/**
 * Metrics of one time bucket × dimension cell, recomputed from posts whenever a post in the
 * bucket changes (never incremented, so a retried job cannot double-count). Definitions are in
 * models/metrics.ts.
 */
export const Rollup = z.object({
  granularity: Granularity,
  /** Start of the bucket, ISO UTC. */
  bucket: z.string(),
  country: z.string(),
  platform: z.string(),
  /** Analysed language: es, en or other. */
  lang: z.string(),
  topic: z.string(),
  campaign: z.string(),
  posts: z.number().int(),
  /** Posts analysed in Spanish or English: the denominator of rates. */
  analysed: z.number().int(),
  authors: z.number().int(),
  interactions: z.number().int(),
  potentialReach: z.number().int(),
  impressions: z.number().int(),
  sentimentP: z.number().int(),
  sentimentNeu: z.number().int(),
  sentimentN: z.number().int(),
  emotions: z.record(z.enum(EMOTIONS), z.number().int()),
  misogyny: z.number().int(),
  hate: z.number().int(),
});
export type Rollup = z.infer<typeof Rollup>;
