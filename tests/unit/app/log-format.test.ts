import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../app/log-format.js';

describe('formatLogLine', () => {
  const time = new Date(2026, 10, 28, 19, 12, 1).getTime();

  it('shows time, level in Spanish, message and the fields that matter', () => {
    const line = JSON.stringify({
      level: 40,
      time,
      pid: 1,
      hostname: 'vm',
      name: 'escucha',
      source: 'default-mastodon-1',
      code: 'COLLECT_OFFLINE',
      msg: 'sin conexión',
    });
    expect(formatLogLine(line)).toBe(
      '19:12:01 aviso  sin conexión (source=default-mastodon-1, code=COLLECT_OFFLINE)\n',
    );
  });

  it("prints an error's message and joins lists", () => {
    const line = JSON.stringify({
      level: 50,
      time,
      err: { type: 'Error', message: 'disco lleno', stack: 'Error: disco lleno\n  at …' },
      sources: ['a', 'b'],
      msg: 'falló',
    });
    expect(formatLogLine(line)).toBe('19:12:01 error  falló (err=disco lleno, sources=a b)\n');
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(formatLogLine('texto suelto')).toBe('texto suelto\n');
  });
});
