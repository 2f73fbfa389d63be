import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../models/store.js';
import { loadAnalyzer, type Analyzer, type AnalyzerOptions } from '../nlp/analyze.js';
import { openStore } from '../store/index.js';
import { EnrichPool } from '../workers/enrich-pool.js';
import type { JobRunner, ProcessorContext } from '../workers/jobs.js';
import { createRunner } from '../workers/runner.js';
import type { Config } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger, type Logger } from './logger.js';

/** The composition root: everything a command needs, built once from the configuration. */
export interface AppContext {
  config: Config;
  logger: Logger;
  store: Store;
  analyzer: Analyzer;
  runner: JobRunner;
  close(): Promise<void>;
}

export async function createAppContext(
  config: Config,
  options: { consume: boolean; logger?: Logger },
): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config);
  const store = await openStore(config);
  try {
    const analyzerOptions: AnalyzerOptions = config.onnxDir ? { onnx: onnxDirs(config.onnxDir) } : {};
    const analyzer = await loadAnalyzer(analyzerOptions);
    // Processes that run jobs analyse in worker threads while their main thread stores.
    const threads = options.consume ? enrichThreads(config, store) : 0;
    const enricher =
      threads > 0 ? new EnrichPool({ threads, analyzer, analyzerOptions, logger }) : undefined;
    // The runner is the processors' queue, so their context is completed once it exists.
    const context: { value?: ProcessorContext } = {};
    const runner = createRunner(config, logger, () => context.value!, options);
    context.value = { config, logger, store, analyzer, enricher, queue: runner };
    return {
      config,
      logger,
      store,
      analyzer,
      runner,
      async close() {
        await runner.stop();
        await enricher?.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * ESCUCHA_ENRICH_THREADS, or by default the available cores but one (at least one). Not by
 * default for BullMQ workers on the embedded SQLite file: those processes already analyse in
 * parallel, and their one shared writer is the limit, so threads only make them queue for the
 * write lock (and time out on it).
 */
function enrichThreads(config: Config, store: Store): number {
  if (config.enrichThreads !== null) return config.enrichThreads;
  if (config.redisUrl && store.kind === 'sqlite') return 0;
  return Math.max(1, availableParallelism() - 1);
}

/** ESCUCHA_ONNX_DIR holds one model folder per task (sentiment/, emotion/, misogyny/, hate/). */
function onnxDirs(root: string) {
  const tasks = ['sentiment', 'emotion', 'misogyny', 'hate'] as const;
  const present = tasks.filter((task) => existsSync(join(root, task, 'onnx', 'model.onnx')));
  if (present.length === 0) {
    throw new ConfigError(
      `ESCUCHA_ONNX_DIR=${root} has no model: expected ${tasks.map((t) => `${t}/onnx/model.onnx`).join(', ')}`,
    );
  }
  return Object.fromEntries(present.map((task) => [task, join(root, task)]));
}
