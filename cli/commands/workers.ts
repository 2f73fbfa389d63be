import { loadConfig } from '../../app/config.js';
import { createAppContext } from '../../app/context.js';
import { parseCommandArgs, UsageError, type Command } from '../command.js';
import { untilSignal } from './start.js';

const command: Command = {
  name: 'workers',
  summary: 'procesa los trabajos en cola de Redis (modo escalado; tantos procesos como quiera)',
  usage: `
escucha workers [--concurrency N]

Consume las colas BullMQ de REDIS_URL con el almacén de MONGODB_URI (o del directorio de datos).
Puede iniciar cuantos procesos quiera, en cualquier máquina que comparta Redis y el almacén.`,

  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { concurrency: { type: 'string' } }, false);
    const env = values.concurrency ? { ...io.env, ESCUCHA_WORKER_CONCURRENCY: values.concurrency } : io.env;
    const config = loadConfig(env);
    if (!config.redisUrl) {
      throw new UsageError(
        'los workers necesitan REDIS_URL (p. ej. redis://127.0.0.1:6379); en el modo integrado "escucha start" ejecuta los trabajos',
      );
    }
    const app = await createAppContext(config, { consume: true });
    await app.runner.start();
    app.logger.info({ store: app.store.kind, concurrency: config.workerConcurrency }, 'procesos de trabajo iniciados');
    io.stderr.write(`escucha workers: consumiendo ${config.redisUrl.replace(/\/\/[^@]*@/, '//***@')} (almacén: ${app.store.kind})\n`);
    await untilSignal();
    await app.close();
    return 0;
  },
};
export default command;
