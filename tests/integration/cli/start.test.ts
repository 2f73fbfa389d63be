import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/cli.js';

const BIN = fileURLToPath(new URL('../../../bin/escucha.js', import.meta.url));

describe('escucha start', () => {
  it('answers /api/health on the embedded store and inline queue, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, PORT: '0', ESCUCHA_DATA_DIR: tempDir(), ESCUCHA_DEFAULT_SOURCES: 'off', LOG_LEVEL: 'warn', REDIS_URL: '', MONGODB_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /http:\/\/localhost:(\d+)/.exec(seen);
        if (match) resolve(match[0]);
      });
      void exited.then((code) => reject(new Error(`start exited with ${code}: ${seen}`)));
    });
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', store: 'sqlite', queue: 'inline', version: expect.any(String), demo: false });
    const missing = await fetch(`${url}/api/nope`, { headers: { 'accept-language': 'en' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { message: 'No such API route.', code: 'ESCUCHA_NOT_FOUND', status: 404 } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
