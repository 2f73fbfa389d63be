import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { ProcessorContext, ProcessorMap } from '../../../workers/jobs.js';
import { InlineRunner } from '../../../workers/runners/inline.js';

const logger = pino({ level: 'silent' });
const context = () => ({}) as ProcessorContext;

function runner(
  processors: ProcessorMap,
  options: { concurrency?: number; attempts?: number; giveWayMs?: number; quietMs?: number } = {},
) {
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

  it('holds a due aggregation while enrich jobs wait or run, then runs it once', async () => {
    const order: string[] = [];
    const gates: (() => void)[] = [];
    const r = runner(
      {
        enrich: async () => {
          order.push('enrich');
          await new Promise<void>((resolve) => gates.push(resolve));
          order.push('done');
          return { status: 'success' };
        },
        aggregate: async () => (order.push('aggregate'), { status: 'success' }),
      },
      { concurrency: 2, quietMs: 0 },
    );
    await r.start();
    for (let i = 0; i < 3; i++) await r.enqueue('enrich', {});
    await r.enqueue('aggregate', {}, { jobId: 'aggregate' });
    await r.enqueue('aggregate', {}, { jobId: 'aggregate' });
    const drained = r.drain();
    // Release one enrich job at a time, once the runner has started whatever it would.
    const settle = async () => {
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    for (let released = 0; released < 3; released++) {
      await settle();
      gates.shift()!();
    }
    await drained;
    expect(order).toEqual(['enrich', 'enrich', 'done', 'enrich', 'done', 'done', 'aggregate']);
  });

  it('stops holding an aggregation after giveWayMs', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const r = runner(
      {
        enrich: async () => {
          order.push('enrich');
          await new Promise<void>((resolve) => (release = resolve));
          order.push('enrich done');
          return { status: 'success' };
        },
        aggregate: async () => (order.push('aggregate'), { status: 'success' }),
      },
      { concurrency: 2, giveWayMs: 0 },
    );
    await r.start();
    await r.enqueue('enrich', {});
    await r.enqueue('aggregate', {});
    while (!order.includes('aggregate')) await new Promise((resolve) => setImmediate(resolve));
    release();
    await r.drain();
    expect(order).toEqual(['enrich', 'aggregate', 'enrich done']);
  });

  it('holds an aggregation until enrich jobs have been quiet for quietMs', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const order: string[] = [];
      const r = runner(
        {
          enrich: async () => (order.push('enrich'), { status: 'success' }),
          aggregate: async () => (order.push('aggregate'), { status: 'success' }),
        },
        { quietMs: 500 },
      );
      await r.start();
      await r.enqueue('enrich', {});
      const settle = async () => {
        for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
      };
      await settle();
      await r.enqueue('aggregate', {});
      await settle();
      vi.advanceTimersByTime(300);
      await settle();
      expect(order).toEqual(['enrich']);
      await r.enqueue('enrich', {});
      await settle();
      vi.advanceTimersByTime(300);
      await settle();
      expect(order).toEqual(['enrich', 'enrich']);
      vi.advanceTimersByTime(200);
      await settle();
      expect(order).toEqual(['enrich', 'enrich', 'aggregate']);
      await r.drain();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shortens the coalescing delay of a job that gives way, to quietMs', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const order: string[] = [];
      const r = runner(
        {
          aggregate: async () => (order.push('aggregate'), { status: 'success' }),
          collect: async () => (order.push('collect'), { status: 'success' }),
        },
        { quietMs: 300 },
      );
      await r.start();
      await r.enqueue('aggregate', {}, { delayMs: 2_000 });
      await r.enqueue('collect', { sourceId: 's' }, { delayMs: 2_000 });
      const settle = async () => {
        for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
      };
      vi.advanceTimersByTime(350);
      await settle();
      // The aggregation ran after quietMs; a job that gives way to nothing keeps its delay.
      expect(order).toEqual(['aggregate']);
      vi.advanceTimersByTime(1_700);
      await settle();
      expect(order).toEqual(['aggregate', 'collect']);
      await r.drain();
    } finally {
      vi.useRealTimers();
    }
  });
});
