import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../app/logger.js';
import type { Enrichment } from '../models/enrichment.js';
import type { AnalysedFacets, PreparedEnrichment } from '../models/store.js';
import type { AnalysisInput, Analyzer, AnalyzerOptions } from '../nlp/analyze.js';
import type { PreparationSource } from '../store/prepare.js';
import { enrichmentsOf, preparedEnrichmentsOf, type Enricher } from './enrichment.js';

/** What a thread is started with. */
export interface ThreadData {
  analyzerOptions: AnalyzerOptions;
}
/** Main → thread: analyse one batch, and prepare its results with `posts` when given. */
export interface ThreadRequest {
  id: number;
  inputs: readonly AnalysisInput[];
  enrichedAt: string;
  posts?: readonly PreparationSource[] | undefined;
}
/**
 * Thread → main: the analyser is loaded (its version), or a batch's result: its enrichments as
 * one JSON string (cheaper for the main thread to read than a structured clone of many small
 * objects) or, prepared, each enrichment's JSON (stored as is, never parsed on the main thread)
 * and the facets and entities of all as one JSON string.
 */
export type ThreadReply =
  | { ready: string }
  | BatchReply
  | { id: number; error: { name: string; message: string; stack?: string | undefined } };
type BatchReply =
  | { id: number; json: string }
  | { id: number; prepared: string[]; derived: string };
type Derived = Pick<PreparedEnrichment, 'entities'> & { facets: AnalysedFacets };

/** What a thread answers to a request (workers/enrich-thread.ts; tests' threads too). */
export async function answer(analyzer: Analyzer, request: ThreadRequest): Promise<ThreadReply> {
  const { id, inputs, enrichedAt, posts } = request;
  try {
    if (!posts) return { id, json: JSON.stringify(await enrichmentsOf(analyzer, inputs, enrichedAt)) };
    const prepared = await preparedEnrichmentsOf(analyzer, inputs, posts, enrichedAt);
    const derived: Derived[] = prepared.map(({ facets, entities }) => ({ facets, entities }));
    return { id, prepared: prepared.map((p) => p.json), derived: JSON.stringify(derived) };
  } catch (error) {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    return { id, error: { name, message, stack } };
  }
}

export interface EnrichPoolOptions {
  /** Threads to run; 0 analyses on the calling thread only. */
  threads: number;
  /** This thread's analyser: threads must load the same version; it analyses while they cannot. */
  analyzer: Analyzer;
  /** How threads load their analyser (the options `analyzer` was loaded with). */
  analyzerOptions: AnalyzerOptions;
  logger: Logger;
  /**
   * Posts analysed on the calling thread before threads are started: starting one costs about
   * a second of CPU (loading the analyser), not worth it for a small import. Default 1,000.
   */
  startAfterPosts?: number;
  /** Thread entry module; defaults to enrich-thread.ts (tests pass others). */
  entry?: URL;
}

/** Below this, a batch is not split between threads. */
const MIN_PART = 100;
/** Threads that die are replaced; after this many deaths without a result in between, no more. */
const MAX_CONSECUTIVE_DEATHS = 3;

/**
 * Worker threads (the TypeScript sources run through tsx, as in bin/escucha.js, and the entry
 * module is whatever `entry` names). `import()` from an evaluated script, because a worker
 * does not inherit the loader hooks of its parent.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => {
  tsx.register();
  return import(workerData.entry);
});`;

interface Task {
  resolve(reply: BatchReply): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  /** Resolves true once the analyser is loaded, false if the thread could not start. */
  started: Promise<boolean>;
  settle(ok: boolean): void;
  tasks: Map<number, Task>;
  gone: boolean;
}

/**
 * A small pool of worker threads, each with its own analyser, so posts are analysed while the
 * main thread stores the previous batch. Results are those of the in-thread path (both run
 * `enrichmentsOf`). Batches run on the calling thread while threads are starting, when they
 * cannot start (logged once), after `close`, and with `threads: 0`. A batch that throws in a
 * thread, or whose thread dies, rejects, so the job fails and is retried. Idle threads do not
 * keep the process alive; `close` terminates them.
 */
export class EnrichPool implements Enricher {
  readonly version: string;
  /** Batches analysed by threads and on the calling thread (for tests and benchmarks). */
  readonly stats = { threaded: 0, inline: 0 };
  private readonly threads: Thread[] = [];
  private starting: Promise<boolean> | undefined;
  private closed = false;
  private nextId = 0;
  private deaths = 0;
  private postsSeen = 0;

  constructor(private readonly options: EnrichPoolOptions) {
    this.version = options.analyzer.version;
  }

  /** Threads ready to take a batch. */
  get readyThreads(): number {
    return this.threads.filter((thread) => thread.ready).length;
  }

  /** Starts the threads (once); resolves true if at least one is ready, false if none could. */
  start(): Promise<boolean> {
    if (this.options.threads <= 0 || this.closed) return Promise.resolve(false);
    this.starting ??= (async () => {
      const fresh = Array.from({ length: this.options.threads }, () => this.spawn());
      const ok = (await Promise.all(fresh.map((thread) => thread?.started ?? false))).some(Boolean);
      if (!ok && !this.closed) {
        this.options.logger.warn('enrichment threads unavailable; analysing on the main thread');
      } else if (ok) {
        this.options.logger.debug({ threads: this.readyThreads }, 'enrichment threads ready');
      }
      return ok;
    })();
    return this.starting;
  }

  enrich(inputs: readonly AnalysisInput[], enrichedAt: string): Promise<Enrichment[]> {
    return this.run(
      inputs,
      enrichedAt,
      undefined,
      () => enrichmentsOf(this.options.analyzer, inputs, enrichedAt),
      (reply) => {
        if (!('json' in reply)) throw new Error('enrichment thread gave prepared results');
        return JSON.parse(reply.json) as Enrichment[];
      },
    );
  }

  enrichPrepared(
    inputs: readonly AnalysisInput[],
    posts: readonly PreparationSource[],
    enrichedAt: string,
  ): Promise<PreparedEnrichment[]> {
    if (posts.length !== inputs.length) return Promise.reject(new RangeError('one post per analysis input'));
    return this.run(
      inputs,
      enrichedAt,
      posts,
      () => preparedEnrichmentsOf(this.options.analyzer, inputs, posts, enrichedAt),
      (reply) => {
        if (!('prepared' in reply)) throw new Error('enrichment thread gave unprepared results');
        const derived = JSON.parse(reply.derived) as Derived[];
        return reply.prepared.map((json, i) => ({ json, ...derived[i]! }));
      },
    );
  }

  /** A batch in threads (split between the ready ones) or, when none is, on this thread. */
  private async run<T>(
    inputs: readonly AnalysisInput[],
    enrichedAt: string,
    posts: readonly PreparationSource[] | undefined,
    inline: () => Promise<T[]>,
    decode: (reply: BatchReply) => T[],
  ): Promise<T[]> {
    this.postsSeen += inputs.length;
    if (!this.starting && this.postsSeen > (this.options.startAfterPosts ?? 1_000)) void this.start();
    const ready = this.threads.filter((thread) => thread.ready);
    if (ready.length === 0 || inputs.length === 0) {
      this.stats.inline++;
      return inline();
    }
    this.stats.threaded++;
    ready.sort((a, b) => a.tasks.size - b.tasks.size);
    const parts = Math.max(1, Math.min(ready.length, Math.floor(inputs.length / MIN_PART)));
    const size = Math.ceil(inputs.length / parts);
    const results = await Promise.all(
      ready.slice(0, parts).map(async (thread, k) => {
        const part = { from: k * size, to: (k + 1) * size };
        return decode(
          await this.send(thread, {
            inputs: inputs.slice(part.from, part.to),
            enrichedAt,
            posts: posts?.slice(part.from, part.to),
          }),
        );
      }),
    );
    return results.flat();
  }

  /** Terminates the threads; batches still in one reject. Later batches run on this thread. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const thread of threads) this.fail(thread, new Error('enrichment pool closed'));
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): Thread | null {
    const entry = this.options.entry ?? new URL('./enrich-thread.ts', import.meta.url);
    let worker: Worker;
    try {
      worker = new Worker(BOOT, {
        eval: true,
        name: 'escucha-enrich',
        workerData: {
          tsxApi: tsxApiUrl(),
          entry: entry.href,
          analyzerOptions: this.options.analyzerOptions,
        } satisfies ThreadData & Record<string, unknown>,
      });
    } catch (error) {
      this.options.logger.warn({ err: error }, 'cannot start an enrichment thread');
      return null;
    }
    let settle: (ok: boolean) => void = () => {};
    const thread: Thread = {
      worker,
      ready: false,
      started: new Promise<boolean>((resolve) => (settle = resolve)),
      settle: (ok) => settle(ok),
      tasks: new Map(),
      gone: false,
    };
    thread.worker.unref();
    this.threads.push(thread);
    thread.worker.on('message', (message: ThreadReply) => {
      if ('ready' in message) {
        if (message.ready !== this.version) {
          this.options.logger.error(
            { thread: message.ready, main: this.version },
            'enrichment thread loaded another analyser version; not using it',
          );
          this.remove(thread);
          void thread.worker.terminate();
        } else {
          thread.ready = true;
        }
        settle(thread.ready);
        return;
      }
      const task = thread.tasks.get(message.id);
      if (!task) return;
      thread.tasks.delete(message.id);
      if (thread.tasks.size === 0) thread.worker.unref();
      if ('error' in message) {
        const error = new Error(message.error.message);
        error.name = message.error.name;
        if (message.error.stack) error.stack = message.error.stack;
        task.reject(error);
        return;
      }
      this.deaths = 0;
      task.resolve(message);
    });
    const died = (error: Error) => {
      if (thread.gone) return;
      settle(false);
      const wasReady = thread.ready;
      this.remove(thread);
      this.fail(thread, error);
      if (this.closed) return;
      this.options.logger.warn({ err: error }, 'enrichment thread stopped');
      // Replace a thread that died at work, unless threads keep dying.
      if (wasReady && ++this.deaths <= MAX_CONSECUTIVE_DEATHS) this.spawn();
    };
    thread.worker.on('error', (error) => died(error));
    thread.worker.on('exit', (code) => died(new Error(`enrichment thread exited (code ${code})`)));
    return thread;
  }

  private send(thread: Thread, batch: Omit<ThreadRequest, 'id'>) {
    const id = ++this.nextId;
    return new Promise<BatchReply>((resolve, reject) => {
      if (thread.tasks.size === 0) thread.worker.ref();
      thread.tasks.set(id, { resolve, reject });
      try {
        thread.worker.postMessage({ id, ...batch } satisfies ThreadRequest);
      } catch (error) {
        thread.tasks.delete(id);
        if (thread.tasks.size === 0) thread.worker.unref();
        reject(error as Error);
      }
    });
  }

  private remove(thread: Thread) {
    thread.gone = true;
    thread.ready = false;
    const index = this.threads.indexOf(thread);
    if (index !== -1) this.threads.splice(index, 1);
  }

  private fail(thread: Thread, error: Error) {
    thread.gone = true;
    thread.settle(false);
    for (const task of thread.tasks.values()) task.reject(error);
    thread.tasks.clear();
  }
}

/** tsx's ESM API (`tsx/esm/api`, as bin/escucha.js uses it) as a file URL a thread can import. */
function tsxApiUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
}
