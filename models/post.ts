import { z } from 'zod';
import { CountryCode, Identifier, IsoDateTime, Platform } from './common.js';

export const Author = z.object({
  /** Pseudonymised: HMAC-SHA256(instance secret, platform + raw id), never the platform's id. */
  id: z.string().min(1).max(128),
  handle: z.string().max(200).nullable(),
  name: z.string().max(300).nullable(),
  followers: z.number().int().nonnegative().nullable(),
  verified: z.boolean(),
  /** Free-text profile location as the platform reports it, used to resolve places. */
  location: z.string().max(300).nullable().default(null),
});
export type Author = z.infer<typeof Author>;

/** Engagement counters, with the instant they were read (a re-fetch updates them). */
export const Metrics = z.object({
  likes: z.number().int().nonnegative(),
  reposts: z.number().int().nonnegative(),
  replies: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
  /** Impressions / views where the platform reports them; null otherwise. */
  views: z.number().int().nonnegative().nullable(),
  observedAt: IsoDateTime,
});
export type Metrics = z.infer<typeof Metrics>;

export const Place = z.object({
  country: CountryCode.nullable(),
  admin1: z.string().max(120).nullable(),
});
export type Place = z.infer<typeof Place>;

export const SourceRef = z.object({
  kind: Platform,
  /** The listening query (Source id) or import batch that brought the post in. */
  queryId: z.string().max(128).nullable(),
});

/** A public post, as collected: no analysis yet (that is `Enrichment`). */
export const Post = z.object({
  platform: Platform,
  externalId: z.string().min(1).max(256),
  url: z.string().max(2048).nullable(),
  text: z.string().max(40_000),
  /** Language as the platform reports it (BCP-47 primary tag), if it does. */
  lang: z.string().max(16).nullable(),
  createdAt: IsoDateTime,
  collectedAt: IsoDateTime,
  author: Author,
  metrics: Metrics,
  hashtags: z.array(z.string().max(200)).max(200),
  mentions: z.array(z.string().max(200)).max(200),
  links: z.array(z.string().max(2048)).max(100),
  /** Place the platform attached (geo tag); the analysed place lives in the enrichment. */
  place: Place.nullable(),
  source: SourceRef,
  /** Campaigns the post was explicitly assigned to at import (`--campaign`). */
  campaignIds: z.array(Identifier).max(50).default([]),
});
export type Post = z.infer<typeof Post>;
export type PostInput = z.input<typeof Post>;

/** The store's key of a post: idempotency is by (platform, externalId). */
export function postKey(post: Pick<Post, 'platform' | 'externalId'>): string {
  return `${post.platform}:${post.externalId}`;
}

export function interactionsOf(metrics: Metrics): number {
  return metrics.likes + metrics.reposts + metrics.replies + metrics.quotes;
}
