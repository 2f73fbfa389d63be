/**
 * Human-readable log lines for a terminal. pino writes one JSON object per line; when stderr is
 * a terminal (someone ran `npm start`), each line is shown as
 *   19:12:01 aviso   sin conexión: no se pudo contactar mastodon.social (source=default-mastodon-1)
 * Files, pipes, containers and log collectors keep the JSON lines unchanged.
 */

const LEVELS: Record<number, string> = {
  10: 'traza',
  20: 'depuración',
  30: 'info',
  40: 'aviso',
  50: 'error',
  60: 'fatal',
};

/** Fields every pino line carries; they add nothing on a terminal. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg']);

export function formatLogLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const time = typeof record.time === 'number' ? clock(new Date(record.time)) : '--:--:--';
  const level = LEVELS[Number(record.level)] ?? String(record.level ?? '');
  const message = typeof record.msg === 'string' ? record.msg : '';
  const details = Object.entries(record)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${detail(value)}`);
  const suffix = details.length > 0 ? ` (${details.join(', ')})` : '';
  return `${time} ${level.padEnd(6)} ${message}${suffix}\n`;
}

function clock(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A field's value in one short piece: an error's message, a list joined, an object as JSON. */
function detail(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'message' in value) {
    return String((value as { message: unknown }).message);
  }
  if (Array.isArray(value)) return value.map((item) => detail(item)).join(' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A pino destination that prints formatted lines to `out`. */
export function terminalDestination(out: NodeJS.WritableStream): { write(line: string): void } {
  return { write: (line: string) => void out.write(formatLogLine(line)) };
}
