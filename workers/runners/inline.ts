import type { Logger } from '../../app/logger.js';
import {
  RETRY,
  type EnqueueOptions,
  type JobName,
  type JobPayloads,
  type JobRunner,
  type ProcessorContext,
  type ProcessorMap,
} from '../jobs.js';

interface PendingJob {
  name: JobName;
  data: unknown;
  jobId: string | undefined;
  attempt: number;
  runAt: number;
}

export interface InlineRunnerOptions {
  processors: ProcessorMap;
  /** Built once `start` runs, so the runner can be the context's queue. */
  context: () => ProcessorContext;
  logger: Logger;
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
}

/**
 * The embedded runner: jobs run in this process with bounded concurrency, de-duplicated by
 * jobId while waiting, retried with exponential backoff and jitter. Nothing is persisted here:
 * the store holds the state (unanalysed posts, dirty buckets), so sweeps rebuild any work a
 * restart dropped.
 */
export class InlineRunner implements JobRunner {
  readonly kind = 'inline' as const;
  private readonly waiting: PendingJob[] = [];
  private readonly waitingIds = new Set<string>();
  private running = 0;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(private readonly options: InlineRunnerOptions) {
    this.concurrency = options.concurrency ?? 2;
    this.attempts = options.attempts ?? RETRY.attempts;
    this.backoffMs = options.backoffMs ?? RETRY.backoffMs;
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions = {}) {
    if (!this.options.processors[name]) return;
    const jobId = options.jobId ? `${name}:${options.jobId}` : undefined;
    if (jobId && this.waitingIds.has(jobId)) return;
    if (jobId) this.waitingIds.add(jobId);
    this.waiting.push({ name, data, jobId, attempt: 1, runAt: Date.now() + (options.delayMs ?? 0) });
    this.pump();
  }

  async start() {
    this.started = true;
    this.pump();
  }

  async drain() {
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async stop() {
    this.started = false;
    clearTimeout(this.timer);
    while (this.running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private isIdle() {
    return this.waiting.length === 0 && this.running === 0;
  }

  private pump() {
    if (!this.started) return;
    clearTimeout(this.timer);
    const now = Date.now();
    while (this.running < this.concurrency) {
      const index = this.nextDue(now);
      if (index === -1) break;
      const [job] = this.waiting.splice(index, 1);
      if (job!.jobId) this.waitingIds.delete(job!.jobId);
      this.running++;
      void this.run(job!).finally(() => {
        this.running--;
        this.pump();
      });
    }
    const next = Math.min(...this.waiting.map((job) => job.runAt));
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.pump(), Math.max(0, next - now));
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private nextDue(now: number): number {
    let best = -1;
    this.waiting.forEach((job, i) => {
      if (job.runAt <= now && (best === -1 || job.runAt < this.waiting[best]!.runAt)) best = i;
    });
    return best;
  }

  private async run(job: PendingJob) {
    const processor = this.options.processors[job.name] as (
      data: unknown,
      context: ProcessorContext,
    ) => Promise<{ status: string; detail?: unknown }>;
    const log = this.options.logger.child({ job: job.name, jobId: job.jobId, attempt: job.attempt });
    try {
      const outcome = await processor(job.data, this.options.context());
      log.debug({ outcome }, 'job done');
    } catch (error) {
      if (job.attempt >= this.attempts) {
        log.error({ err: error }, 'job failed; no attempts left');
        return;
      }
      const delay = this.backoffMs * 2 ** (job.attempt - 1) * (0.75 + Math.random() * 0.5);
      log.warn({ err: error, retryInMs: Math.round(delay) }, 'job failed; retrying');
      this.waiting.push({ ...job, jobId: undefined, attempt: job.attempt + 1, runAt: Date.now() + delay });
    }
  }
}
