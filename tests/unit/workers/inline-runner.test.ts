import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ProcessorContext, ProcessorMap } from '../../../workers/jobs.js';
import { InlineRunner } from '../../../workers/runners/inline.js';

const logger = pino({ level: 'silent' });
const context = () => ({}) as ProcessorContext;

function runner(processors: ProcessorMap, options: { concurrency?: number; attempts?: number } = {}) {
  return new InlineRunner({ processors, context, logger, backoffMs: 5, ...options });
}

describe('InlineRunner', () => {
  it('runs jobs and drains', async () => {
    const seen: string[] = [];
    const r = runner({
      collect: async ({ sourceId }) => {
        seen.push(sourceId);
        return { status: 'success' };
      },
    });
    await r.start();
    await r.enqueue('collect', { sourceId: 'a' });
    await r.enqueue('collect', { sourceId: 'b' });
    await r.drain();
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('does not add a job whose id is already waiting', async () => {
    let runs = 0;
    const r = runner({ aggregate: async () => ((runs += 1), { status: 'success' }) });
    await r.enqueue('aggregate', {}, { jobId: 'aggregate' });
    await r.enqueue('aggregate', {}, { jobId: 'aggregate' });
    await r.start();
    await r.drain();
    expect(runs).toBe(1);
    await r.enqueue('aggregate', {}, { jobId: 'aggregate' });
    await r.drain();
    expect(runs).toBe(2);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    let attempts = 0;
    const r = runner({
      enrich: async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('transient');
        return { status: 'success' };
      },
    });
    await r.start();
    await r.enqueue('enrich', {});
    await r.drain();
    expect(attempts).toBe(3);
  });

  it('gives up after the last attempt without stopping other jobs', async () => {
    let failing = 0;
    let ok = 0;
    const r = runner(
      {
        enrich: async () => {
          failing += 1;
          throw new Error('permanent');
        },
        aggregate: async () => ((ok += 1), { status: 'success' }),
      },
      { attempts: 2 },
    );
    await r.start();
    await r.enqueue('enrich', {});
    await r.enqueue('aggregate', {});
    await r.drain();
    expect(failing).toBe(2);
    expect(ok).toBe(1);
  });

  it('never runs more jobs at once than its concurrency', async () => {
    let running = 0;
    let peak = 0;
    const r = runner(
      {
        collect: async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
          return { status: 'success' };
        },
      },
      { concurrency: 2 },
    );
    await r.start();
    for (let i = 0; i < 8; i++) await r.enqueue('collect', { sourceId: String(i) });
    await r.drain();
    expect(peak).toBe(2);
  });

  it('holds delayed jobs until they are due', async () => {
    const order: string[] = [];
    const r = runner({
      collect: async ({ sourceId }) => (order.push(sourceId), { status: 'success' }),
    });
    await r.start();
    await r.enqueue('collect', { sourceId: 'late' }, { delayMs: 30 });
    await r.enqueue('collect', { sourceId: 'now' });
    await r.drain();
    expect(order).toEqual(['now', 'late']);
  });
});
