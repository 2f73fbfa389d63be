import type { Logger } from '../app/logger.js';
import type { JobQueue } from './jobs.js';

export interface SchedulerOptions {
  queue: JobQueue;
  logger: Logger;
  /** Seconds between sweeps. */
  everySeconds?: number;
}

/**
 * Periodic work: sweeps that pick up anything the store says is unfinished (posts not yet
 * analysed, buckets not yet aggregated), so a crash or a dropped job loses nothing. The first
 * sweep runs at start. Job ids de-duplicate sweeps when several processes schedule.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  async start(): Promise<void> {
    await this.tick();
    const every = (this.options.everySeconds ?? 30) * 1000;
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    try {
      await this.options.queue.enqueue('enrich', {}, { jobId: 'enrich-sweep' });
      await this.options.queue.enqueue('aggregate', {}, { jobId: 'aggregate' });
    } catch (error) {
      this.options.logger.error({ err: error }, 'scheduler could not enqueue sweeps');
    }
  }
}
