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
  /** How long a due job may give way to the kind it waits for (GIVES_WAY_TO); default 30 s. */
  giveWayMs?: number;
  /** It also gives way this long after the last of them ended; default 250 ms. */
  quietMs?: number;
}

/**
 * A due job of a key kind waits while jobs of the value kind are waiting or running, because
 * they would redo its work: each enrich job dirties rollup buckets again, so aggregating during
 * an import's analysis recomputes the same buckets over and over. It also waits `quietMs` after
 * the last of them ended (an import reads its next batch meanwhile), and `giveWayMs` at most.
 */
const GIVES_WAY_TO: Partial<Record<JobName, JobName>> = { aggregate: 'enrich' };

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
  private readonly runningKinds = new Map<JobName, number>();
  private readonly lastEnded = new Map<JobName, number>();
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly giveWayMs: number;
  private readonly quietMs: number;

  constructor(private readonly options: InlineRunnerOptions) {
    this.concurrency = options.concurrency ?? 2;
    this.attempts = options.attempts ?? RETRY.attempts;
    this.backoffMs = options.backoffMs ?? RETRY.backoffMs;
    this.giveWayMs = options.giveWayMs ?? 30_000;
    this.quietMs = options.quietMs ?? 250;
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions = {}) {
    if (!this.options.processors[name]) return;
    const jobId = options.jobId ? `${name}:${options.jobId}` : undefined;
    if (jobId && this.waitingIds.has(jobId)) return;
    if (jobId) this.waitingIds.add(jobId);
    // A job that gives way to another kind is already held until that kind has been quiet:
    // a longer coalescing delay (meant for BullMQ workers, which have no such hold) only adds
    // latency here.
    const delayMs = GIVES_WAY_TO[name] ? Math.min(options.delayMs ?? 0, this.quietMs) : (options.delayMs ?? 0);
    this.waiting.push({ name, data, jobId, attempt: 1, runAt: Date.now() + delayMs });
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
      this.runningKinds.set(job!.name, (this.runningKinds.get(job!.name) ?? 0) + 1);
      void this.run(job!).finally(() => {
        this.running--;
        this.runningKinds.set(job!.name, this.runningKinds.get(job!.name)! - 1);
        this.lastEnded.set(job!.name, Date.now());
        this.pump();
      });
    }
    // Wake up for the next delayed job and the end of a give-way; a due job waiting for a free
    // slot starts when a running job ends (pump runs then).
    let next = Infinity;
    for (const job of this.waiting) {
      if (job.runAt > now) next = Math.min(next, job.runAt);
      else if (GIVES_WAY_TO[job.name] && job.runAt + this.giveWayMs > now) {
        const quietAt = (this.lastEnded.get(GIVES_WAY_TO[job.name]!) ?? 0) + this.quietMs;
        next = Math.min(next, job.runAt + this.giveWayMs, quietAt > now ? quietAt : Infinity);
      }
    }
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.pump(), Math.max(0, next - now));
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private nextDue(now: number): number {
    let best = -1;
    this.waiting.forEach((job, i) => {
      if (job.runAt > now || (best !== -1 && job.runAt >= this.waiting[best]!.runAt)) return;
      if (!this.givesWay(job, now)) best = i;
    });
    return best;
  }

  private givesWay(job: PendingJob, now: number): boolean {
    const other = GIVES_WAY_TO[job.name];
    if (!other || now - job.runAt >= this.giveWayMs) return false;
    if ((this.runningKinds.get(other) ?? 0) > 0) return true;
    if (now - (this.lastEnded.get(other) ?? -Infinity) < this.quietMs) return true;
    return this.waiting.some((waiting) => waiting.name === other && waiting.runAt <= now);
  }

  private async run(job: PendingJob) {
    const processor = this.options.processors[job.name] as (
      data: unknown,
      context: ProcessorContext,
    ) => Promise<{ status: string; detail?: unknown }>;
    const log = this.options.logger.child({ job: job.name, jobId: job.jobId, attempt: job.attempt });
    // Let I/O and messages in (HTTP requests, enrichment threads' results) between jobs: with a
    // synchronous store, a chain of jobs would otherwise never leave the microtask queue.
    await new Promise((resolve) => setImmediate(resolve));
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
