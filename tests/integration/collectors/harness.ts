import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../../app/config.js';
import type { SourceInput } from '../../../models/source.js';
import type { Store } from '../../../models/store.js';
import type { Analyzer } from '../../../nlp/analyze.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { HttpClient } from '../../../workers/collectors/http.js';
import { addSource } from '../../../workers/collectors/sources.js';
import type { EnqueueOptions, JobName, JobPayloads, ProcessorContext } from '../../../workers/jobs.js';

export const SECRET = 'collector-test-secret-0123456789';

/** A payload from tests/fixtures/<kind>/<name>, as text or parsed JSON. */
export function fixture(kind: string, name: string): string {
  return readFileSync(new URL(`../../fixtures/${kind}/${name}`, import.meta.url), 'utf8');
}
export function fixtureJson(kind: string, name: string): unknown {
  return JSON.parse(fixture(kind, name));
}

/** A clock that only moves when the code under test sleeps (or the test says so). */
export function fakeClock(start = '2026-11-02T12:30:00.000Z') {
  let now = Date.parse(start);
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(now),
    nowMs: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

export type Clock = ReturnType<typeof fakeClock>;

/** HTTP with the fake clock: backoff and 429 waits are recorded, never waited. */
export function fakeHttp(clock: Clock, policy: Partial<HttpClient['policy']> = {}): HttpClient {
  return new HttpClient({ sleep: clock.sleep, now: clock.nowMs, random: () => 0.5 }, { timeoutMs: 5_000, ...policy });
}

export interface Harness {
  context: ProcessorContext;
  store: Store;
  enqueued: { name: JobName; data: unknown; options?: EnqueueOptions }[];
  addSource(input: Partial<SourceInput> & Pick<SourceInput, 'kind' | 'query'>): Promise<string>;
}

/** A processor context over a real in-memory SQLite store, with a recording queue. */
export function harness(env: Record<string, string> = {}): Harness {
  const config = loadConfig({
    ESCUCHA_DATA_DIR: mkdtempSync(join(tmpdir(), 'escucha-collect-')),
    ESCUCHA_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    // The replaying servers listen on 127.0.0.1, which production refuses (app/outbound.ts).
    ESCUCHA_ALLOW_PRIVATE_WEBHOOKS: 'true',
    ...env,
  });
  const store = createSqliteStore(':memory:');
  const enqueued: Harness['enqueued'] = [];
  const analyzer = { version: 'fake' } as unknown as Analyzer;
  const context: ProcessorContext = {
    config,
    logger: pino({ level: 'silent' }),
    store,
    analyzer,
    queue: {
      async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions) {
        enqueued.push({ name, data, options });
      },
    },
  };
  return {
    context,
    store,
    enqueued,
    async addSource(input) {
      const id = input.id ?? `test-${input.kind}`;
      await addSource(store, { name: id, ...input, id });
      return id;
    },
  };
}
