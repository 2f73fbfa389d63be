import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { EnqueueOptions, JobName, JobPayloads, JobQueue } from '../../../workers/jobs.js';
import { Scheduler } from '../../../workers/scheduler.js';

function recordingQueue() {
  const jobs: { name: JobName; data: unknown; options?: EnqueueOptions }[] = [];
  const queue: JobQueue = {
    async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions) {
      jobs.push({ name, data, options });
    },
  };
  return { queue, briefs: () => jobs.filter((j) => j.name === 'brief') };
}

const logger = pino({ level: 'silent' });

describe('weekly brief scheduling', () => {
  it('enqueues the brief once its time has passed, once per week, with a stable job id', async () => {
    let now = new Date('2026-11-23T05:00:00Z');
    const { queue, briefs } = recordingQueue();
    const scheduler = new Scheduler({ queue, logger, now: () => now });
    expect(await scheduler.enqueueDueBrief()).toBe('2026-W46'); // catch-up at start: last week's, produced once by the job
    now = new Date('2026-11-23T06:00:00Z');
    expect(await scheduler.enqueueDueBrief()).toBe('2026-W47');
    now = new Date('2026-11-23T06:00:30Z');
    expect(await scheduler.enqueueDueBrief()).toBeNull();
    expect(briefs()).toEqual([
      { name: 'brief', data: { week: '2026-W46' }, options: { jobId: 'brief-2026-W46' } },
      { name: 'brief', data: { week: '2026-W47' }, options: { jobId: 'brief-2026-W47' } },
    ]);
  });

  it('honours ESCUCHA_BRIEF_SCHEDULE: another time, or off; rejects what it cannot read', async () => {
    const { queue, briefs } = recordingQueue();
    const off = new Scheduler({ queue, logger, briefSchedule: 'off', now: () => new Date('2026-11-23T07:00:00Z') });
    await off.tick();
    expect(briefs()).toEqual([]);
    const friday = new Scheduler({ queue, logger, briefSchedule: 'fri 17:00', now: () => new Date('2026-11-27T17:00:00Z') });
    expect(await friday.enqueueDueBrief()).toBe('2026-W47');
    expect(() => new Scheduler({ queue, logger, briefSchedule: 'every monday' })).toThrow(/ESCUCHA_BRIEF_SCHEDULE/);
  });
});
