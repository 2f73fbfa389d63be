import { z } from 'zod';
import { blockedUrl } from '../../app/outbound.js';
import { outboundMessage } from '../../app/validation-messages.js';
import { Identifier } from '../../models/common.js';
import { DAY_MS, filterRange, PostFilter } from '../../models/filter.js';
import { Role } from '../../models/user.js';

/** Path parameters, filters and answers shared by several route files. */
export const IdParam = z.object({ id: z.string().min(1).max(128) });
export const SlugParam = z.object({ id: Identifier });

const EARLIEST = '2000-01-01';
const LATEST = '2100-12-31';
const inBounds = (f: { from: string; to: string }) => f.from >= EARLIEST && f.to <= LATEST;
const BOUNDS = { message: 'dates must fall between 2000-01-01 and 2100-12-31', path: ['from'] };

/** The global filter (models/filter.ts) within dates the store can reason about. */
export const ApiFilter = PostFilter.refine(inBounds, BOUNDS);

/** The global filter plus a granularity; hourly series cover at most 92 days, daily 10 years. */
export const SeriesQuery = PostFilter.extend({
  granularity: z.enum(['hour', 'day']).default('day'),
})
  .refine(inBounds, BOUNDS)
  .refine((f) => days(f) <= (f.granularity === 'hour' ? 92 : 3_660), {
    message: 'range too long for this granularity (hour: 92 days, day: 10 years)',
    path: ['to'],
  });

export function days(filter: { from: string; to: string }): number {
  const { start, end } = filterRange(filter);
  return (end - start) / DAY_MS;
}

export const PublicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  locale: z.enum(['es', 'en']),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

export const Accepted = z.object({ queued: z.literal(true), job: z.string() });

export const Kpi = z.object({
  posts: z.number(),
  authors: z.number(),
  interactions: z.number(),
  potentialReach: z.number(),
  impressions: z.number(),
  netSentiment: z.number(),
  misogynyRate: z.number(),
  hateRate: z.number(),
});

/**
 * Refuses, on `path`, a URL the server would later fetch (a webhook, a source's base URL) that
 * points to a loopback, private, link-local, unspecified, reserved or metadata address — unless
 * the deployment allows internal receivers (ESCUCHA_ALLOW_PRIVATE_WEBHOOKS). Host names are
 * checked again at delivery, after DNS (app/outbound.ts). Schemes are the caller's to word.
 */
export function checkOutboundUrl(
  url: string | null | undefined,
  field: Parameters<typeof outboundMessage>[0],
  path: (string | number)[],
  allowPrivate: boolean,
  ctx: z.RefinementCtx,
): void {
  const target = url ? blockedUrl(url) : null;
  if (!target || target === 'scheme' || allowPrivate) return;
  ctx.addIssue({ code: 'custom', message: outboundMessage(field, target), path, input: url });
}
