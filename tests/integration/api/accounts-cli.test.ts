import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/config.js';
import userCommand from '../../../cli/commands/user.js';
import { ensureFirstAdmin } from '../../../server/auth/accounts.js';
import { Credentials } from '../../../server/auth/credentials.js';
import { verifyPassword } from '../../../server/auth/passwords.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { runCli, tempDir } from '../../support/cli.js';

async function runUser(argv: string[], env: NodeJS.ProcessEnv, stdin: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  const code = await userCommand.run(argv, {
    stdout,
    stderr,
    env: { LOG_LEVEL: 'silent', ...env },
    stdin: Readable.from([stdin]),
  } as never);
  return { code, stdout: Buffer.concat(out).toString() };
}

describe('escucha user', () => {
  it('adds, lists and changes passwords', async () => {
    const env = { ESCUCHA_DATA_DIR: tempDir(), ESCUCHA_SECRET: 'test-secret-0123456789abcdef' };
    const added = await runCli(
      ['user', 'add', '--email', 'Ana@Example.org', '--role', 'analyst', '--name', 'Ana'],
      env,
    );
    expect(added.code).toBe(0);
    expect(added.summary).toMatchObject({
      email: 'ana@example.org',
      role: 'analyst',
      oneTimePassword: expect.any(String),
    });
    expect(added.stderr).toContain('contraseña de un solo uso');
    const listed = await runCli(['user', 'list'], env);
    expect(listed.summary).toEqual([expect.objectContaining({ email: 'ana@example.org' })]);
    expect(listed.stdout).not.toContain('argon2');
    expect(
      (await runCli(['user', 'add', '--email', 'ana@example.org', '--role', 'viewer'], env)).code,
    ).toBe(1);
    expect(
      (await runCli(['user', 'add', '--email', 'b@example.org', '--role', 'owner'], env)).code,
    ).toBe(2);
    expect((await runCli(['user', 'passwd', '--email', 'ana@example.org'], { ...env })).code).toBe(
      2,
    ); // not a terminal

    const changed = await runUser(
      ['passwd', '--email', 'ana@example.org', '--password-stdin'],
      env,
      'una-clave-muy-larga\n',
    );
    expect(changed.code).toBe(0);
    const store = createSqliteStore(env.ESCUCHA_DATA_DIR);
    try {
      const ana = (await store.users.getByEmail('ana@example.org'))!;
      expect(await verifyPassword(ana.passwordHash, 'una-clave-muy-larga')).toBe(true);
      expect(ana.passwordHash).toMatch(/^\$argon2id\$/);
      expect(
        await new Credentials(store.settings, env.ESCUCHA_SECRET).mustChangePassword(ana.id),
      ).toBe(false);
    } finally {
      await store.close();
    }
  });
});

describe('first admin', () => {
  it('comes from ESCUCHA_ADMIN_EMAIL/PASSWORD when set', async () => {
    const config = loadConfig({
      ESCUCHA_DATA_DIR: tempDir(),
      ESCUCHA_ADMIN_EMAIL: 'jefa@example.org',
      ESCUCHA_ADMIN_PASSWORD: 'clave-inicial-123',
    });
    const store = createSqliteStore(':memory:');
    const err: string[] = [];
    const admin = await ensureFirstAdmin(store, config, { write: (t: string) => err.push(t) });
    expect(admin).toMatchObject({ email: 'jefa@example.org', role: 'admin' });
    expect(err.join('')).not.toContain('clave-inicial-123');
    expect(await ensureFirstAdmin(store, config, { write: () => {} })).toBeNull(); // only on first run
    await store.close();
  });

  it('otherwise gets a one-time password printed once, to be changed', async () => {
    const config = loadConfig({ ESCUCHA_DATA_DIR: tempDir() });
    const store = createSqliteStore(':memory:');
    const err: string[] = [];
    const admin = (await ensureFirstAdmin(store, config, { write: (t: string) => err.push(t) }))!;
    const password = /contraseña de un solo uso:\s+(\S+)/.exec(err.join(''))![1]!;
    expect(await verifyPassword((await store.users.get(admin.id))!.passwordHash, password)).toBe(
      true,
    );
    expect(await new Credentials(store.settings, config.secret).mustChangePassword(admin.id)).toBe(
      true,
    );
    await store.close();
  });
});
