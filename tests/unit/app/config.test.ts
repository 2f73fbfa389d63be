import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'escucha-config-'));

describe('loadConfig', () => {
  it('uses the embedded defaults and keeps a generated secret in the data dir', () => {
    const dataDir = dir();
    const config = loadConfig({ ESCUCHA_DATA_DIR: dataDir });
    expect(config).toMatchObject({ port: 8080, mongodbUri: null, redisUrl: null, dataDir });
    expect(config.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()).toBe(config.secret);
    expect(loadConfig({ ESCUCHA_DATA_DIR: dataDir }).secret).toBe(config.secret);
  });

  it.each([
    [{ PORT: 'ochenta' }, /PORT="ochenta"/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL="localhost:6379": debe empezar por redis:\/\//],
    [{ MONGODB_URI: 'http://x' }, /MONGODB_URI=.*mongodb:\/\//],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ ESCUCHA_ADMIN_EMAIL: 'a@b.org' }, /defina ESCUCHA_ADMIN_EMAIL y ESCUCHA_ADMIN_PASSWORD juntas/],
  ])('fails fast on %o', (env, message) => {
    expect(() => loadConfig({ ESCUCHA_DATA_DIR: dir(), ...env })).toThrow(message);
  });

  it('says when the data dir cannot be created', () => {
    const file = join(dir(), 'a-file');
    writeFileSync(file, '');
    expect(() => loadConfig({ ESCUCHA_DATA_DIR: join(file, 'data') })).toThrow(
      /directorio de datos .*a-file\/data \(ENOTDIR\): indique en ESCUCHA_DATA_DIR/,
    );
  });
});
