import { z } from 'zod';
import { CountryCode, Identifier, IsoDateTime, Platform } from './common.js';

/** What a listening query asks a platform for. Which fields apply depends on the platform. */
export const SourceQuery = z.object({
  hashtags: z.array(z.string().min(1).max(100)).max(50).default([]),
  keywords: z.array(z.string().min(1).max(200)).max(100).default([]),
  handles: z.array(z.string().min(1).max(100)).max(100).default([]),
  /** Channel, subreddit, feed URL or video id, as the platform names it. */
  channel: z.string().max(2048).nullable().default(null),
  language: z.string().max(8).nullable().default(null),
  countries: z.array(CountryCode).default([]),
});
export type SourceQuery = z.infer<typeof SourceQuery>;

export const SourceStatus = z.enum(['idle', 'running', 'ok', 'error', 'offline', 'paused']);
export type SourceStatus = z.infer<typeof SourceStatus>;

/** A period the source could not fetch, kept so coverage is reported honestly. */
export const CoverageGap = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  reason: z.string().max(500),
});

export const SourceRun = z.object({
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  fetched: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  error: z.string().nullable(),
});
export type SourceRun = z.infer<typeof SourceRun>;

export const SourceInput = z.object({
  id: Identifier,
  name: z.string().min(1).max(200),
  kind: Platform,
  query: SourceQuery,
  /** Base URL of the API or instance; null uses the platform's public default. */
  baseUrl: z.url().nullable().default(null),
  /** Minutes between runs; 0 means only on demand. */
  everyMinutes: z.number().int().min(0).max(10_080).default(15),
  enabled: z.boolean().default(true),
  /** Name of the credential (environment variable or setting) the collector uses, if any. */
  credential: z.string().max(100).nullable().default(null),
});
export type SourceInput = z.input<typeof SourceInput>;

export const Source = SourceInput.extend({
  /** Opaque, collector-owned resume point; advanced only after posts are stored. */
  cursor: z.record(z.string(), z.unknown()).nullable(),
  status: SourceStatus,
  lastRunAt: IsoDateTime.nullable(),
  lastSuccessAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  runs: z.array(SourceRun).max(50),
  gaps: z.array(CoverageGap).max(200),
  /** Quota units spent today, for APIs that count them (YouTube). */
  quotaUsed: z.number().int().nonnegative().default(0),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Source = z.infer<typeof Source>;
export type CoverageGap = z.infer<typeof CoverageGap>;
