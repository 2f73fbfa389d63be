import { loadConfig } from '../../app/config.js';
import { EscuchaError } from '../../app/errors.js';
import type { Source } from '../../models/source.js';
import type { Store } from '../../models/store.js';
import { openStore } from '../../store/index.js';
import { COLLECTOR_KINDS } from '../../workers/collectors/index.js';
import { addSource, describeQuery, updateSource } from '../../workers/collectors/sources.js';
import { parseCommandArgs, UsageError, type Command, type CommandIO } from '../command.js';
import { parseKind, parseMax, parseSince, QUERY_OPTIONS, QUERY_USAGE, queryFromValues, runOnce } from './collect.js';

const command: Command = {
  name: 'sources',
  summary: 'añade, lista, elimina, pausa, reanuda o ejecuta fuentes de escucha',
  usage: `
escucha sources add <tipo> --id ID [--name NOMBRE] [opciones de consulta] [--every MIN] [--disabled]
escucha sources list [--json]
escucha sources remove <id>
escucha sources pause <id> | resume <id>
escucha sources run <id> [--max N] [--since ISO]

Una fuente es una plataforma + una consulta + una frecuencia. "escucha start" ejecuta cada fuente
activa cada --every minutos (0: solo a demanda) y guarda su estado: último éxito, último error,
publicaciones por pasada y los periodos que no pudo recolectar (vacíos de cobertura).
Tipos: ${COLLECTOR_KINDS.join(', ')}.

Opciones de consulta:
${QUERY_USAGE}

Otras opciones:
  --every MIN             minutos entre pasadas (por defecto 15; 0 = solo a demanda)
  --credential NOMBRE     la variable de entorno con la credencial, si no es la habitual
  --disabled              la crea en pausa
  --json                  lista en JSON`,

  async run(argv, io) {
    const [action, ...rest] = argv;
    switch (action) {
      case 'add':
        return add(rest, io);
      case 'list':
        return list(rest, io);
      case 'remove':
      case 'pause':
      case 'resume':
        return change(action, rest, io);
      case 'run':
        return run(rest, io);
      default:
        throw new UsageError('use una de estas acciones: add, list, remove, pause, resume, run');
    }
  },
};
export default command;

async function withStore<T>(io: CommandIO, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig(io.env));
  try {
    return await work(store);
  } catch (error) {
    if (error instanceof EscuchaError && error.status < 500) throw new UsageError(error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}

async function add(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    id: { type: 'string' },
    name: { type: 'string' },
    every: { type: 'string' },
    credential: { type: 'string' },
    disabled: { type: 'boolean' },
    ...QUERY_OPTIONS,
  });
  const kind = parseKind(positionals[0]);
  if (!values.id) throw new UsageError('falta --id (minúsculas, dígitos, "-" o "_")');
  const { query, baseUrl } = queryFromValues(values);
  const everyMinutes = values.every === undefined ? undefined : Number(values.every);
  const source = await withStore(io, (store) =>
    addSource(store, {
      id: values.id!,
      name: values.name ?? `${kind}: ${describeQuery(query)}`,
      kind,
      query,
      baseUrl,
      everyMinutes,
      enabled: !values.disabled,
      credential: values.credential ?? null,
    }),
  );
  io.stderr.write(`fuente "${source.id}" creada (${source.kind}, ${schedule(source.everyMinutes).trim()})\n`);
  io.stdout.write(`${JSON.stringify({ id: source.id, kind: source.kind, status: source.status })}\n`);
  return 0;
}

async function list(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } }, false);
  const sources = await withStore(io, (store) => store.sources.list());
  if (values.json) {
    io.stdout.write(`${JSON.stringify(sources.map(coverage))}\n`);
    return 0;
  }
  if (sources.length === 0) {
    io.stdout.write('no hay fuentes: escucha sources add <tipo> --id ID ...\n');
    return 0;
  }
  for (const source of sources) {
    const c = coverage(source);
    const last = c.lastRun ? `${c.lastRun.inserted} nuevos/${c.lastRun.fetched} leídos` : 'sin ejecutar';
    io.stdout.write(
      `${source.id.padEnd(28)} ${source.kind.padEnd(9)} ${STATUS_ES[source.status].padEnd(12)} ${schedule(source.everyMinutes)}  ` +
        `último éxito: ${source.lastSuccessAt ?? '—'}  ${last}  vacíos de cobertura: ${source.gaps.length}\n` +
        `  ${source.name}${source.lastError ? `\n  error: ${source.lastError}` : ''}\n`,
    );
  }
  return 0;
}

/** Status words as the dashboard's Fuentes view says them. */
const STATUS_ES: Record<Source['status'], string> = {
  idle: 'en espera',
  running: 'recolectando',
  ok: 'correcta',
  error: 'con error',
  offline: 'sin conexión',
  paused: 'pausada',
};

function schedule(everyMinutes: number): string {
  return everyMinutes === 0 ? 'solo a demanda' : `cada ${everyMinutes} min`.padEnd(14);
}

/** What the Sources view shows of a source: status and honest coverage. */
function coverage(source: Source) {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    enabled: source.enabled,
    everyMinutes: source.everyMinutes,
    status: source.status,
    lastRunAt: source.lastRunAt,
    lastSuccessAt: source.lastSuccessAt,
    lastError: source.lastError,
    lastRun: source.runs.at(-1) ?? null,
    gaps: source.gaps,
    quotaUsed: source.quotaUsed,
  };
}

async function change(action: 'remove' | 'pause' | 'resume', argv: string[], io: CommandIO): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {});
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new UsageError(`indique el id de la fuente (${action})`);
  await withStore(io, async (store) => {
    if (action === 'remove') {
      if (!(await store.sources.delete(id))) throw new UsageError(`no existe la fuente "${id}"`, 1);
      return;
    }
    await updateSource(store, id, { enabled: action === 'resume' });
  });
  io.stderr.write(`fuente "${id}": ${action === 'remove' ? 'eliminada' : action === 'pause' ? 'en pausa' : 'reanudada'}\n`);
  return 0;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { max: { type: 'string' }, since: { type: 'string' } });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new UsageError('indique el id de la fuente que quiere ejecutar');
  const { summary, code } = await runOnce(
    io,
    async (store) => {
      if (!(await store.sources.get(id))) throw new UsageError(`no existe la fuente "${id}"`, 1);
      return id;
    },
    { max: parseMax(values.max), since: parseSince(values.since) },
  );
  const { fetched, inserted, duplicates, rejected } = summary;
  io.stdout.write(`${JSON.stringify({ source: summary.kind, id, fetched, inserted, duplicates, rejected, status: summary.status })}\n`);
  return code;
}
