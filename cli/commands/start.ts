import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../app/config.js';
import { createAppContext } from '../../app/context.js';
import { createServerApp } from '../../server/app.js';
import { Scheduler } from '../../workers/scheduler.js';
import { parseCommandArgs, type Command } from '../command.js';
import { version } from '../main.js';

const command: Command = {
  name: 'start',
  summary: 'run the API, the dashboard and (without REDIS_URL) the job runner',
  usage: `
escucha start [--port N]

Runs the API and the dashboard on http://localhost:8080 (PORT), the scheduler and, in the
embedded mode (no REDIS_URL), the job runner in this process. With REDIS_URL set, jobs go to
Redis and "escucha workers" processes run them.`,

  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { port: { type: 'string' } }, false);
    const config = loadConfig(values.port ? { ...io.env, PORT: values.port } : io.env);
    const app = await createAppContext(config, { consume: !config.redisUrl });
    const { logger } = app;
    await app.runner.start();
    const scheduler = new Scheduler({ queue: app.runner, logger });
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
            ? Object.assign(new Error(`port ${config.port} is in use: set PORT to a free port`), { code: 'ESCUCHA_PORT' })
            : error,
        ),
      );
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, store: app.store.kind, queue: app.runner.kind }, 'escucha is listening');
    io.stderr.write(
      `escucha ${await version()} — http://localhost:${port} (store: ${app.store.kind}, queue: ${app.runner.kind}, data: ${config.dataDir})\n`,
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
