import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import type { Store } from '../models/store.js';
import type { Analyzer } from '../nlp/analyze.js';
import type { JobRunner } from '../workers/jobs.js';

/** What route factories receive; they never import a driver or read the environment. */
export interface ServerDeps {
  config: Config;
  logger: Logger;
  store: Store;
  analyzer: Analyzer;
  runner: JobRunner;
  version: string;
  /** Directory of the built dashboard (vite build output). */
  clientDir: string;
}
