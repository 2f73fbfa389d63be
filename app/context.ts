import type { Store } from '../models/store.js';
import { loadAnalyzer, type Analyzer } from '../nlp/analyze.js';
import { openStore } from '../store/index.js';
import type { JobRunner, ProcessorContext } from '../workers/jobs.js';
import { createRunner } from '../workers/runner.js';
import type { Config } from './config.js';
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
    const analyzer = await loadAnalyzer(config.onnxDir ? { onnx: onnxDirs(config.onnxDir) } : {});
    let processorContext: ProcessorContext | undefined;
    const runner = createRunner(config, logger, () => processorContext!, options);
    processorContext = { config, logger, store, analyzer, queue: runner };
    return {
      config,
      logger,
      store,
      analyzer,
      runner,
      async close() {
        await runner.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** ESCUCHA_ONNX_DIR holds one model folder per task (sentiment/, emotion/, misogyny/, hate/). */
function onnxDirs(root: string) {
  return {
    sentiment: `${root}/sentiment`,
    emotion: `${root}/emotion`,
    misogyny: `${root}/misogyny`,
    hate: `${root}/hate`,
  };
}
