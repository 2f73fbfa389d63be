import type { Logger } from '../app/logger.js';
import type { Source } from '../models/source.js';
import type { Store } from '../models/store.js';
import { dueWeek, parseBriefSchedule, type BriefSchedule } from './brief/schedule.js';
import type { JobQueue } from './jobs.js';
import { LEASE_MS, readEnvelope } from './processors/collect.js';

export interface SchedulerOptions {
  queue: JobQueue;
  logger: Logger;
  /** When given, listening sources that are due are enqueued for collection on each sweep. */
  store?: Store;
  /** Seconds between sweeps. */
  everySeconds?: number;
  now?: () => Date;
  /** ESCUCHA_BRIEF_SCHEDULE: "mon 06:00" (UTC; the default when undefined) or "off". */
  briefSchedule?: string | null;
}

/**
 * Periodic work: sweeps that pick up anything the store says is unfinished (posts not yet
 * analysed, buckets not yet aggregated), so a crash or a dropped job loses nothing, and a
 * `collect` job for every enabled source that is due. The first sweep runs at start. Job ids
 * de-duplicate sweeps when several processes schedule; a source's job id is stable, so one
 * source never runs twice at once.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly briefSchedule: BriefSchedule | null;
  private briefWeek: string | null = null;

  /** Throws BriefScheduleError for an unreadable `briefSchedule`. */
  constructor(private readonly options: SchedulerOptions) {
    this.briefSchedule = parseBriefSchedule(options.briefSchedule);
  }

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
    await this.enqueueDueSources();
    await this.enqueueDueBrief();
  }

  /**
   * Enqueues the weekly brief once its scheduled time has passed (once per week in this process;
   * the job id and the processor's check of stored briefs make it once across processes).
   */
  async enqueueDueBrief(): Promise<string | null> {
    if (!this.briefSchedule) return null;
    const week = dueWeek(this.briefSchedule, this.options.now?.() ?? new Date());
    if (week === this.briefWeek) return null;
    try {
      await this.options.queue.enqueue('brief', { week }, { jobId: `brief-${week}` });
      this.briefWeek = week;
      return week;
    } catch (error) {
      this.options.logger.error({ err: error, week }, 'scheduler could not enqueue the weekly brief');
      return null;
    }
  }

  /** Enqueues `collect` for each source due now; returns their ids. */
  async enqueueDueSources(): Promise<string[]> {
    const { store, queue, logger } = this.options;
    if (!store) return [];
    const now = this.options.now?.() ?? new Date();
    const due: string[] = [];
    try {
      for (const source of await store.sources.list()) {
        if (!isDue(source, now)) continue;
        await queue.enqueue('collect', { sourceId: source.id }, { jobId: `source-${source.id}` });
        due.push(source.id);
      }
    } catch (error) {
      logger.error({ err: error }, 'scheduler could not enqueue collection');
    }
    return due;
  }
}

/**
 * Due: enabled, scheduled (everyMinutes > 0), not running, past any rate-limit resume time,
 * and never run or last run at least everyMinutes ago.
 */
export function isDue(source: Source, now: Date): boolean {
  if (!source.enabled || source.everyMinutes <= 0) return false;
  const lastRun = source.lastRunAt ? Date.parse(source.lastRunAt) : null;
  // A run still marked running after the lease died with its process: it is due again.
  if (source.status === 'running' && lastRun !== null && now.getTime() - lastRun < LEASE_MS) return false;
  const { resumeAt } = readEnvelope(source.cursor);
  if (resumeAt && Date.parse(resumeAt) > now.getTime()) return false;
  return lastRun === null || now.getTime() - lastRun >= source.everyMinutes * 60_000;
}
