import type { Command, CommandIO } from './command.js';
import { UsageError } from './command.js';

/** Commands load lazily so `escucha analyze` does not pay for the server's imports. */
const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  start: () => import('./commands/start.js'),
  workers: () => import('./commands/workers.js'),
  import: () => import('./commands/import.js'),
  collect: () => import('./commands/collect.js'),
  sources: () => import('./commands/sources.js'),
  analyze: () => import('./commands/analyze.js'),
  eval: () => import('./commands/eval.js'),
  train: () => import('./commands/train.js'),
  demo: () => import('./commands/demo.js'),
  brief: () => import('./commands/brief.js'),
  user: () => import('./commands/user.js'),
};

export async function main(argv: string[], io: CommandIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await helpText());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await version()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`escucha: no existe el comando "${name}". "escucha --help" muestra la lista.\n`);
    return 2;
  }
  const command = (await load()).default;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage.trim()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`escucha ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    const known = error as { code?: string; message?: string };
    if (known.code && typeof known.code === 'string' && known.code.startsWith('ESCUCHA_')) {
      io.stderr.write(`escucha ${name}: ${known.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function helpText(): Promise<string> {
  const lines = ['escucha — escucha social para la seguridad ciudadana y la violencia basada en género', ''];
  lines.push('Uso: escucha <comando> [opciones]   (escucha <comando> --help para el detalle)', '');
  for (const [name, load] of Object.entries(COMMANDS)) {
    const command = (await load()).default;
    lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function defaultIO(): CommandIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
