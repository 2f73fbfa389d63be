import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** JSON logs to stderr (stdout is kept for command results). */
export function createLogger(config: Pick<Config, 'logLevel'>, name = 'escucha'): Logger {
  return pino({ name, level: config.logLevel }, pino.destination(2));
}
