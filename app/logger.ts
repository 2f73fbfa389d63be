import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { terminalDestination } from './log-format.js';

export type { Logger };

/**
 * Logs go to stderr (stdout is kept for command results): readable lines when stderr is a
 * terminal, JSON lines otherwise (files, pipes, containers, log collectors).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, name = 'escucha'): Logger {
  const destination = process.stderr.isTTY
    ? terminalDestination(process.stderr)
    : pino.destination(2);
  return pino({ name, level: config.logLevel }, destination);
}
