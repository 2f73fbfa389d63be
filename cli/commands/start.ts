import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../app/config.js';
import { createAppContext } from '../../app/context.js';
import { createServerApp } from '../../server/app.js';
import { ensureFirstAdmin } from '../../server/auth/accounts.js';
import { seedDefaultSources } from '../../workers/default-sources.js';
import { Scheduler } from '../../workers/scheduler.js';
import { parseCommandArgs, type Command } from '../command.js';
import { version } from '../main.js';

const command: Command = {
  name: 'start',
  summary: 'ejecuta la API, el panel y (sin REDIS_URL) los trabajos en segundo plano',
  usage: `
escucha start [--port N]

Ejecuta la API y el panel en http://localhost:8080 (PORT), el planificador y, en el modo
integrado (sin REDIS_URL), los trabajos en este mismo proceso. Con REDIS_URL, los trabajos van
a Redis y los ejecutan procesos "escucha workers".`,

  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { port: { type: 'string' } }, false);
    const config = loadConfig(values.port ? { ...io.env, PORT: values.port } : io.env);
    const app = await createAppContext(config, { consume: !config.redisUrl });
    const { logger } = app;
    // First, so the one-time password is not buried under the first collection's logs.
    await ensureFirstAdmin(app.store, config, io.stderr);
    await app.runner.start();
    await seedDefaultSources(app.store, { enabled: config.defaultSources, logger });
    const scheduler = new Scheduler({
      queue: app.runner,
      logger,
      store: app.store,
      briefSchedule: config.briefSchedule,
    });
    await scheduler.start();
    const server = createServerApp({
      ...app,
      version: await version(),
      clientDir: fileURLToPath(new URL('../../dist/client', import.meta.url)),
    }).listen(config.port, config.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? Object.assign(new Error(`el puerto ${config.port} está ocupado: indique un puerto libre en PORT`), { code: 'ESCUCHA_PORT' })
            : error,
        ),
      );
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, store: app.store.kind, queue: app.runner.kind }, 'API y panel disponibles');
    io.stderr.write(
      `escucha ${await version()} — http://localhost:${port} (almacén: ${app.store.kind}, cola: ${app.runner.kind}, datos: ${config.dataDir})\n`,
    );
    await untilSignal();
    scheduler.stop();
    await closeServer(server);
    await app.close();
    return 0;
  },
};
export default command;

export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (signal: string) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
