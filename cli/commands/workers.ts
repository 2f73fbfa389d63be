import { loadConfig } from '../../app/config.js';
import { createAppContext } from '../../app/context.js';
import { parseCommandArgs, UsageError, type Command } from '../command.js';
import { untilSignal } from './start.js';

const command: Command = {
  name: 'workers',
  summary: 'process queued jobs from Redis (scaled mode; run as many as you like)',
  usage: `
escucha workers [--concurrency N]

Consumes the BullMQ queues in REDIS_URL with the store in MONGODB_URI (or the data dir).
Start any number of these processes, on any machines sharing Redis and the store.`,

  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { concurrency: { type: 'string' } }, false);
    const env = values.concurrency ? { ...io.env, ESCUCHA_WORKER_CONCURRENCY: values.concurrency } : io.env;
    const config = loadConfig(env);
    if (!config.redisUrl) {
      throw new UsageError(
        'workers need REDIS_URL (e.g. redis://127.0.0.1:6379); in the embedded mode "escucha start" runs jobs itself',
      );
    }
    const app = await createAppContext(config, { consume: true });
    await app.runner.start();
    app.logger.info({ store: app.store.kind, concurrency: config.workerConcurrency }, 'workers started');
    io.stderr.write(`escucha workers: consuming ${config.redisUrl.replace(/\/\/[^@]*@/, '//***@')} (store: ${app.store.kind})\n`);
    await untilSignal();
    await app.close();
    return 0;
  },
};
export default command;
