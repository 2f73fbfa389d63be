import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import type { JobRunner, ProcessorContext } from './jobs.js';
import { PROCESSORS } from './processors/index.js';
import { BullmqRunner } from './runners/bullmq.js';
import { InlineRunner } from './runners/inline.js';

/**
 * The runner the configuration asks for: BullMQ when REDIS_URL is set (consuming only in
 * worker processes), otherwise the in-process runner.
 */
export function createRunner(
  config: Config,
  logger: Logger,
  context: () => ProcessorContext,
  role: { consume: boolean },
): JobRunner {
  if (config.redisUrl) {
    return new BullmqRunner({
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      processors: PROCESSORS,
      context,
      logger,
      consume: role.consume,
      concurrency: config.workerConcurrency,
    });
  }
  return new InlineRunner({
    processors: PROCESSORS,
    context,
    logger,
    concurrency: config.workerConcurrency,
  });
}
