import { toIso } from '../../models/common.js';
import type { CoverageGap, Source, SourceStatus } from '../../models/source.js';
import { CollectorError, MissingCredentialError, RateLimitedError } from '../collectors/errors.js';
import { HttpClient } from '../collectors/http.js';
import { collectorFor } from '../collectors/index.js';
import { quotaDay, quotaMeter } from '../collectors/quota.js';
import { MAX_GAPS, withRun } from '../collectors/sources.js';
import type { CollectorContext, CollectorCursor, StreamWindow } from '../collectors/types.js';
import type { Processor, ProcessorContext } from '../jobs.js';
import { queueAfterStore } from '../after-store.js';

/** Pages one scheduled run reads at most; a longer backlog continues on the next run. */
const MAX_PAGES = 25;
/** Without a stored position, a source reaches this far back on its first run. */
const FIRST_RUN_LOOKBACK_MS = 3 * 86_400_000;
/** A run marked `running` for longer than this is taken to have died with its process. */
export const LEASE_MS = 15 * 60_000;
const DEFAULT_STREAM: StreamWindow = { ms: 20_000, events: 50_000 };
const YOUTUBE_DAILY_QUOTA = 10_000;

export interface CollectOptions {
  /** Stop once this many posts were fetched (the cursor keeps the rest for later). */
  max?: number;
  /** Reach back to this instant (the first run's default is three days). */
  since?: Date | null;
  maxPages?: number;
  /** Run even when the source is paused or waiting for a rate limit to pass. */
  force?: boolean;
  /** Injected in tests: HTTP with a fake clock and sleep. */
  http?: HttpClient;
  now?: () => Date;
  stream?: Partial<StreamWindow>;
}

export interface CollectSummary {
  source: string;
  kind: string;
  fetched: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  status: SourceStatus;
  error: string | null;
  /** Why nothing ran (paused, already running, rate limited until...). */
  skipped?: string;
}

/** Loop-owned wrapper of the collector's cursor: resume time after a 429, quota day, floor. */
interface CursorEnvelope {
  position: CollectorCursor | null;
  resumeAt: string | null;
  quotaDay: string | null;
  /**
   * The oldest instant the unfinished first sweep reaches back to; kept until a sweep ends so a
   * first sweep resumed by a later run stops where it would have, not at the platform's origin.
   */
  floor: string | null;
}

const runningHere = new Set<string>();

/**
 * One pass of a source: pages through its collector, stores each page (idempotent upsert), then
 * saves the cursor, so a crash re-fetches at most one page and the store absorbs it. Records the
 * run, the status, the error a user needs and any gap on the Source. Collection failures end in
 * the source's status, not in a throw; only an unexpected failure (the store) throws to retry.
 */
export async function runCollection(sourceId: string, ctx: ProcessorContext, options: CollectOptions = {}): Promise<CollectSummary> {
  const now = options.now ?? (() => new Date());
  const loaded = await ctx.store.sources.get(sourceId);
  const summary: CollectSummary = {
    source: sourceId,
    kind: loaded?.kind ?? 'unknown',
    fetched: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    status: loaded?.status ?? 'error',
    error: null,
  };
  if (!loaded) return { ...summary, skipped: 'no such source' };
  const envelope = readEnvelope(loaded.cursor);
  const skip = whySkip(loaded, envelope, now(), options.force === true);
  if (skip) {
    if (skip === 'paused' && loaded.status !== 'paused') await ctx.store.sources.save({ ...loaded, status: 'paused' });
    return { ...summary, skipped: skip };
  }
  runningHere.add(sourceId);
  try {
    return await collectPages(loaded, envelope, ctx, options, now, summary);
  } finally {
    runningHere.delete(sourceId);
  }
}

async function collectPages(
  loaded: Source,
  envelope: CursorEnvelope,
  ctx: ProcessorContext,
  options: CollectOptions,
  now: () => Date,
  summary: CollectSummary,
): Promise<CollectSummary> {
  const startedAt = now();
  const log = ctx.logger.child({ source: loaded.id, kind: loaded.kind });
  const day = quotaDay(startedAt);
  let source: Source = {
    ...loaded,
    status: 'running',
    lastRunAt: startedAt.toISOString(),
    quotaUsed: envelope.quotaDay === day ? loaded.quotaUsed : 0,
    updatedAt: startedAt.toISOString(),
  };
  envelope.quotaDay = day;
  envelope.resumeAt = null;
  const quota = quotaMeter(loaded.kind, Number(ctx.config.credential('YOUTUBE_DAILY_QUOTA') ?? YOUTUBE_DAILY_QUOTA), source.quotaUsed, now);
  const save = async (changes: Partial<Source>) => {
    source = { ...source, ...changes, quotaUsed: quota.used(), cursor: { ...envelope }, updatedAt: now().toISOString() };
    await ctx.store.sources.save(source);
  };
  await save({});

  let failure: CollectorError | null = null;
  let unexpected: unknown = null;
  const gaps: CoverageGap[] = [];
  try {
    const collector = collectorFor(loaded.kind);
    if (!collector) throw new CollectorError(`no hay recolector para "${loaded.kind}" (no collector for ${loaded.kind})`, 'COLLECT_KIND');
    const missing = collector.requiredCredentials(loaded).filter((name) => !ctx.config.credential(name));
    if (missing.length > 0) throw new MissingCredentialError(missing);
    const max = options.max ?? Number.POSITIVE_INFINITY;
    if (options.since) envelope.floor = options.since.toISOString();
    else if (envelope.position === null) envelope.floor = new Date(startedAt.getTime() - FIRST_RUN_LOOKBACK_MS).toISOString();
    const cctx: CollectorContext = {
      // Sources are set by administrators: no request reaches loopback, private or metadata
      // addresses (each redirect hop's URL and DNS answers checked before it is sent; see
      // HttpClient.send for what that does not catch) unless the operator allows it.
      http: options.http ?? new HttpClient({}, { blockPrivateAddresses: !ctx.config.allowPrivateWebhooks }),
      credential: (name) => ctx.config.credential(name),
      secret: ctx.config.secret,
      now,
      logger: log,
      floor: envelope.floor ? new Date(envelope.floor) : null,
      remaining: max,
      quota,
      stream: { ...DEFAULT_STREAM, ...options.stream },
      session: new Map(),
    };
    const maxPages = options.maxPages ?? MAX_PAGES;
    for (let pages = 0; pages < maxPages && summary.fetched < max; pages++) {
      cctx.remaining = max - summary.fetched;
      const page = await collector.collectPage(source, envelope.position, cctx);
      summary.fetched += page.items.length + page.rejected.length;
      summary.rejected += page.rejected.length;
      for (const item of page.rejected) log.warn({ reason: item.reason, externalId: item.externalId }, 'item skipped');
      if (page.items.length > 0) {
        const result = await ctx.store.posts.upsert(page.items);
        summary.inserted += result.inserted;
        summary.duplicates += result.duplicates;
        await queueAfterStore(ctx.queue, result, `collect-${loaded.id}`);
      }
      if (page.gap) gaps.push(page.gap);
      envelope.position = page.nextCursor;
      if (page.done) envelope.floor = null;
      await save({});
      if (page.done) break;
    }
  } catch (error) {
    if (error instanceof CollectorError) failure = error;
    else {
      unexpected = error;
      failure = new CollectorError(`error inesperado: ${(error as Error).message} (unexpected error)`, 'COLLECT_UNEXPECTED');
    }
  }

  const finishedAt = now();
  if (failure) {
    log.warn({ code: failure.code, err: unexpected ?? undefined }, failure.userMessage);
    if (failure instanceof RateLimitedError) envelope.resumeAt = failure.resumeAt.toISOString();
    gaps.push({ from: loaded.lastSuccessAt ?? startedAt.toISOString(), to: finishedAt.toISOString(), reason: failure.userMessage.slice(0, 500) });
  }
  const status: SourceStatus = failure ? failure.status : 'ok';
  await save({
    status,
    lastError: failure ? failure.userMessage : null,
    lastSuccessAt: failure ? source.lastSuccessAt : finishedAt.toISOString(),
    runs: withRun(source.runs, {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      fetched: summary.fetched,
      inserted: summary.inserted,
      duplicates: summary.duplicates,
      rejected: summary.rejected,
      error: failure?.userMessage ?? null,
    }),
    gaps: mergeGaps(source.gaps, gaps),
  });
  if (unexpected) throw unexpected;
  return { ...summary, status, error: failure?.userMessage ?? null };
}

/** The `collect` job: one pass of the source; failures are recorded on it, not retried here. */
export const collect: Processor<'collect'> = async ({ sourceId }, ctx) => {
  const summary = await runCollection(sourceId, ctx);
  if (summary.skipped) return { status: 'skipped', detail: { ...summary } };
  return { status: 'success', detail: { ...summary } };
};

function whySkip(source: Source, envelope: CursorEnvelope, at: Date, force: boolean): string | null {
  if (runningHere.has(source.id)) return 'already running';
  const leaseHeld = source.status === 'running' && source.lastRunAt && at.getTime() - Date.parse(source.lastRunAt) < LEASE_MS;
  if (leaseHeld) return 'already running';
  if (force) return null;
  if (!source.enabled) return 'paused';
  if (envelope.resumeAt && Date.parse(envelope.resumeAt) > at.getTime()) return `rate limited until ${envelope.resumeAt}`;
  return null;
}

export function readEnvelope(cursor: Source['cursor']): CursorEnvelope {
  const position = cursor?.position;
  return {
    position: position && typeof position === 'object' ? (position as CollectorCursor) : null,
    resumeAt: typeof cursor?.resumeAt === 'string' ? cursor.resumeAt : null,
    quotaDay: typeof cursor?.quotaDay === 'string' ? cursor.quotaDay : null,
    floor: typeof cursor?.floor === 'string' ? cursor.floor : null,
  };
}

/** Adds gaps, extending the last one when a new one continues it for the same reason. */
function mergeGaps(existing: readonly CoverageGap[], added: readonly CoverageGap[]): CoverageGap[] {
  const gaps = [...existing];
  for (const gap of added) {
    const last = gaps.at(-1);
    if (last && last.reason === gap.reason && Date.parse(last.to) >= Date.parse(gap.from)) {
      gaps[gaps.length - 1] = { ...last, to: toIso(Math.max(Date.parse(last.to), Date.parse(gap.to))) };
    } else gaps.push(gap);
  }
  return gaps.slice(-MAX_GAPS);
}
