import type { Logger } from '../../app/logger.js';
import type { Platform } from '../../models/common.js';
import type { Post } from '../../models/post.js';
import type { Source, SourceQuery } from '../../models/source.js';
import type { HttpClient } from './http.js';

/** A collector's resume point: opaque to everyone but the collector that wrote it. */
export type CollectorCursor = Record<string, unknown>;

/** An item of a page that could not become a Post; logged and counted, never fatal. */
export interface Rejected {
  reason: string;
  /** The platform's id of the item, when it could be read. */
  externalId?: string;
}

/** What one request (or one bounded stream pass) produced. */
export interface Page {
  /** Posts mapped from the page, ready to store. */
  items: Post[];
  rejected: Rejected[];
  /** Where the next page starts; the loop saves it only after `items` are stored. */
  nextCursor: CollectorCursor | null;
  /** True when the source has nothing more for now (the sweep reached known posts). */
  done: boolean;
  /** A period this page reveals was lost (a stream resumed past its retention window). */
  gap?: { from: string; to: string; reason: string };
}

/** Daily quota units (YouTube): what is spent and what is allowed. */
export interface QuotaMeter {
  readonly limit: number;
  used(): number;
  /** Records units spent; throws RateLimitedError once the day's limit would be passed. */
  spend(units: number): void;
}

/** A bounded pass over a stream: stop after this long or this many events, whichever first. */
export interface StreamWindow {
  ms: number;
  events: number;
}

/** Everything a collector may use; built by the collect loop, replaced by fakes in tests. */
export interface CollectorContext {
  http: HttpClient;
  /** Reads a credential by its variable name (X_BEARER_TOKEN...); undefined when unset. */
  credential(name: string): string | undefined;
  /** Instance secret that keys author pseudonyms. */
  secret: string;
  now(): Date;
  logger: Logger;
  /**
   * The oldest creation time a sweep should reach when it has no stored position (first run)
   * or when the user asked for `--since`.
   */
  floor: Date | null;
  /** Posts still wanted in this run, a hint for page sizes. */
  remaining: number;
  quota: QuotaMeter;
  stream: StreamWindow;
  /** Per-run memory (session tokens) shared by the pages of one run. */
  session: Map<string, unknown>;
}

/**
 * One platform: a pure mapping from its documented payload to `Post` (exported by each
 * collector file as `…ToPost` for tests) plus `collectPage`, which fetches one page from the
 * cursor. The generic loop in workers/processors/collect.ts pages, stores and records status.
 */
export interface Collector {
  readonly kind: Platform;
  /** Default API base URL or instance, used when `source.baseUrl` is null. */
  readonly defaultBaseUrl: string;
  /** Credential variables this source cannot run without. */
  requiredCredentials(source: Pick<Source, 'query' | 'baseUrl'>): string[];
  /** Problems with the query for this platform, in the user's words; empty when valid. */
  validate(query: SourceQuery): string[];
  /** Fetches the page after `cursor` (null: the newest). Throws CollectorError on failure. */
  collectPage(source: Source, cursor: CollectorCursor | null, ctx: CollectorContext): Promise<Page>;
}

/** What a mapping function needs besides the payload. */
export interface MappingContext {
  secret: string;
  /** When the payload was read: `collectedAt` and `metrics.observedAt`. */
  now: Date;
  /** The Source id that brought the post in. */
  queryId: string | null;
}
