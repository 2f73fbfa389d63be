import { Queue, Worker, type Job } from 'bullmq';
import type { Logger } from '../../app/logger.js';
import {
  JOB_NAMES,
  RETRY,
  type EnqueueOptions,
  type JobName,
  type JobPayloads,
  type JobRunner,
  type ProcessorContext,
  type ProcessorMap,
} from '../jobs.js';

export interface BullmqRunnerOptions {
  redisUrl: string;
  /** Key prefix: separates instances (and test runs) sharing one Redis. */
  prefix: string;
  processors: ProcessorMap;
  context: () => ProcessorContext;
  logger: Logger;
  /** False for producers (the API, the CLI): they enqueue but never process. */
  consume: boolean;
  concurrency?: number;
}

/** ioredis connection options from a redis:// URL (BullMQ needs maxRetriesPerRequest null). */
export function redisConnection(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * The scaled runner: one BullMQ queue per job kind in Redis; any number of `escucha workers`
 * processes, on any machines, consume them. Retries use BullMQ's exponential backoff with the
 * same policy as the inline runner.
 */
export class BullmqRunner implements JobRunner {
  readonly kind = 'bullmq' as const;
  private readonly queues = new Map<JobName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(private readonly options: BullmqRunnerOptions) {}

  /** The queues of every processed job kind, for the admins' queue board. */
  dashboardQueues(): Queue[] {
    return JOB_NAMES.filter((name) => this.options.processors[name]).map((name) => this.queue(name));
  }

  private queue(name: JobName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: redisConnection(this.options.redisUrl),
        prefix: this.options.prefix,
      });
      queue.on('error', (error) => this.options.logger.error({ err: error, queue: name }, 'queue error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Adds a job; one with the id of a job still waiting is the same job (BullMQ keeps the
   * first). One with the id of a job already running is queued once more (as `<id>-again`,
   * itself kept once while it waits), as the in-process runner does: otherwise the aggregation
   * an analysis asks for while an aggregation runs would wait for the next sweep.
   */
  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions = {}) {
    // A kind nobody processes would wait forever (and keep drain() waiting).
    if (!this.options.processors[name]) return;
    const add = (jobId: string | undefined) =>
      this.queue(name).add(name, data, {
        jobId,
        delay: options.delayMs,
        attempts: RETRY.attempts,
        backoff: { type: 'exponential', delay: RETRY.backoffMs, jitter: 0.5 },
        removeOnComplete: true,
        removeOnFail: true,
      });
    // BullMQ job ids may not contain ':'.
    const jobId = options.jobId?.replaceAll(':', '-');
    const job = await add(jobId);
    if (jobId && (await job.isActive())) await add(`${jobId}-again`);
  }

  async start() {
    if (!this.options.consume) return;
    for (const name of JOB_NAMES) {
      const processor = this.options.processors[name] as
        | ((data: unknown, context: ProcessorContext) => Promise<unknown>)
        | undefined;
      if (!processor) continue;
      const worker = new Worker(
        name,
        async (job: Job) => processor(job.data, this.options.context()),
        {
          connection: redisConnection(this.options.redisUrl),
          prefix: this.options.prefix,
          concurrency: this.options.concurrency ?? 2,
        },
      );
      worker.on('failed', (job, error) =>
        this.options.logger.warn(
          { err: error, job: name, jobId: job?.id, attempt: job?.attemptsMade },
          'job failed',
        ),
      );
      worker.on('error', (error) => this.options.logger.error({ err: error, job: name }, 'worker error'));
      this.workers.push(worker);
    }
  }

  async drain() {
    for (;;) {
      let busy = 0;
      for (const name of JOB_NAMES.filter((n) => this.options.processors[n])) {
        const counts = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        busy += Object.values(counts).reduce((a, b) => a + b, 0);
      }
      if (busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop() {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
