import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
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

/** How long a request to run a job again waits for the running one to end. */
const AGAIN_TTL_S = 3_600;

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
  private client: Redis | undefined;

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
   * first). One with the id of a job that is running is run once more after it ends, as the
   * in-process runner does (otherwise the aggregation an analysis asks for while an
   * aggregation runs would wait for the next sweep): a flag in Redis asks for it, and the
   * worker that ends the job adds it again (`requeueIfAsked`).
   */
  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions = {}) {
    // A kind nobody processes would wait forever (and keep drain() waiting).
    if (!this.options.processors[name]) return;
    // BullMQ job ids may not contain ':'.
    const jobId = options.jobId?.replaceAll(':', '-');
    const job = await this.add(name, data, jobId, options.delayMs);
    if (!jobId || !(await job.isActive())) return;
    const client = this.redis();
    await client.set(this.againKey(name, jobId), '1', 'EX', AGAIN_TTL_S);
    // It may have ended between the two checks, before its worker could see the flag.
    if (!(await job.isActive()) && (await client.getdel(this.againKey(name, jobId)))) {
      await this.add(name, data, jobId, options.delayMs);
    }
  }

  private add(name: JobName, data: unknown, jobId: string | undefined, delayMs: number | undefined) {
    return this.queue(name).add(name, data, {
      jobId,
      delay: delayMs,
      attempts: RETRY.attempts,
      backoff: { type: 'exponential', delay: RETRY.backoffMs, jitter: 0.5 },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  /** A plain Redis connection for the runner's own keys (BullMQ keeps its connections to itself). */
  private redis(): Redis {
    this.client ??= new Redis(redisConnection(this.options.redisUrl));
    return this.client;
  }

  private againKey(name: JobName, jobId: string): string {
    return `${this.options.prefix}:${name}:again:${jobId}`;
  }

  /** After a job with an id ended (and freed its id), adds it again if that was asked for meanwhile. */
  private async requeueIfAsked(name: JobName, job: Job | undefined): Promise<void> {
    if (!job?.id || !job.opts.jobId) return;
    const client = this.redis();
    if (await client.getdel(this.againKey(name, job.id))) await this.add(name, job.data, job.id, undefined);
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
      const requeue = (job: Job | undefined) =>
        this.requeueIfAsked(name, job).catch((error: unknown) =>
          this.options.logger.error({ err: error, job: name, jobId: job?.id }, 'could not queue a job again'),
        );
      worker.on('completed', (job) => void requeue(job));
      worker.on('failed', (job, error) => {
        this.options.logger.warn(
          { err: error, job: name, jobId: job?.id, attempt: job?.attemptsMade },
          'job failed',
        );
        // Only once it has no attempts left: a retry still holds the id and will run anyway.
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void requeue(job);
      });
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
    await this.client?.quit();
  }
}
