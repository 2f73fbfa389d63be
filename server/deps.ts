import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import type { Store } from '../models/store.js';
import type { Analyzer } from '../nlp/analyze.js';
import type { JobRunner } from '../workers/jobs.js';
import type { Credentials } from './auth/credentials.js';

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
  /** Directory of the shipped lexicons (default: `lexicons/` at the repository root). */
  lexiconsDir?: string;
  /** Request limits; tests raise them, production keeps the defaults. */
  limits?: Partial<ServerLimits>;
}

export interface ServerLimits {
  /** Sign-in attempts per minute per IP and e-mail. */
  loginPerMinute: number;
  /** API requests per minute per IP (every route). */
  apiPerMinute: number;
}

export const DEFAULT_LIMITS: ServerLimits = { loginPerMinute: 10, apiPerMinute: 600 };

/** ServerDeps plus what the app builds once for every route. */
export interface RouteDeps extends ServerDeps {
  credentials: Credentials;
  lexiconsDir: string;
  limits: ServerLimits;
}
