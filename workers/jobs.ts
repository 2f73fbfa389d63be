import type { CountryCode } from '../models/common.js';
import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import type { Store } from '../models/store.js';
import type { Analyzer } from '../nlp/analyze.js';
import type { Enricher } from './enrichment.js';

/** The typed catalogue of background work. Each kind has one processor in workers/processors. */
export const JOB_NAMES = ['collect', 'enrich', 'aggregate', 'alert', 'brief'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobPayloads {
  /** One pass of a listening source. */
  collect: { sourceId: string };
  /**
   * Analyse these posts; without ids, sweep every post not yet analysed by this version. With
   * `rematch` (a campaign created, changed or deleted), analyse again every analysed post
   * created in [from, to] (ISO days, inclusive), so campaign matches follow the campaign.
   */
  enrich: {
    postIds?: string[];
    /** `after`: where a long rematch goes on (the last post the previous job read). */
    rematch?: { from: string; to: string; after?: { createdMs: number; id: string } };
  };
  /** Recompute the rollups of every bucket marked dirty. */
  aggregate: Record<string, never>;
  /** Evaluate alert rules on fresh rollups. */
  alert: Record<string, never>;
  /**
   * Generate the weekly brief (the last complete ISO week unless `week` is given); `regenerate`
   * replaces editions already stored and delivered (without sending them again).
   */
  brief: {
    week?: string;
    regenerate?: boolean;
    /** One brief of a scope of one's own instead of the configured editions (never delivered). */
    edition?: { locale: 'es' | 'en'; scope: { countries: CountryCode[]; campaigns: string[] } };
  };
}

export interface JobOutcome {
  status: 'success' | 'skipped';
  /** Counts and facts worth logging (posts analysed, buckets recomputed...). */
  detail?: Record<string, unknown>;
}

export interface EnqueueOptions {
  /** Stable id: a job with the id of one still waiting is not added twice. */
  jobId?: string;
  delayMs?: number;
}

/** Where processors and producers put work; both runners implement it. */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions): Promise<void>;
}

/** Everything a processor may use. Processors keep their state in the store, never in the queue. */
export interface ProcessorContext {
  config: Config;
  logger: Logger;
  store: Store;
  analyzer: Analyzer;
  /** Analyses batches for the enrich processor (worker threads); without it, `analyzer` does. */
  enricher?: Enricher;
  queue: JobQueue;
}

/** A processor throws to fail (the runner retries with backoff) and returns an outcome otherwise. */
export type Processor<N extends JobName> = (
  data: JobPayloads[N],
  context: ProcessorContext,
) => Promise<JobOutcome>;

export type ProcessorMap = { [N in JobName]?: Processor<N> };

export interface JobRunner extends JobQueue {
  readonly kind: 'inline' | 'bullmq';
  /** Starts consuming jobs (a producer-only BullMQ runner does not). */
  start(): Promise<void>;
  /** Resolves when nothing is waiting, delayed or running (inline runner; BullMQ: its queues). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Retry policy shared by both runners. */
export const RETRY = { attempts: 5, backoffMs: 1_000 } as const;
