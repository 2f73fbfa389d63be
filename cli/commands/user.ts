/**
 * `escucha user add|list|passwd`: manage accounts from the shell (for the first admin, or when
 * nobody can sign in). Talks to the store directly; the API does the same through /api/users.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { loadConfig } from '../../app/config.js';
import { Role } from '../../models/user.js';
import { openStore } from '../../store/index.js';
import {
  createAccount,
  normalizeEmail,
  publicUser,
  setAccountPassword,
} from '../../server/auth/accounts.js';
import { Credentials } from '../../server/auth/credentials.js';
import { MIN_PASSWORD_LENGTH } from '../../server/auth/passwords.js';
import { parseCommandArgs, UsageError, type Command, type CommandIO } from '../command.js';

const usage = `
escucha user add --email E --role admin|analyst|viewer [--name N] [--password-stdin]
escucha user list
escucha user passwd --email E [--password-stdin] [--temporary]

add      creates an account. Without --password-stdin a one-time password is generated,
         printed once, and must be changed at first sign-in.
list     prints the accounts as JSON (never their password hashes).
passwd   sets a password: prompted (without echo) on a terminal, or read from the first line
         of stdin with --password-stdin. --temporary makes the user change it at sign-in.
Every session of the user ends when the password changes.`;

type IO = CommandIO & { stdin?: NodeJS.ReadableStream & { isTTY?: boolean } };

const command: Command = {
  name: 'user',
  summary: 'gestiona cuentas: añadir, listar, cambiar contraseñas',
  usage,
  async run(argv, io: IO) {
    const { values, positionals } = parseCommandArgs(argv, {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      temporary: { type: 'boolean', default: false },
    });
    const action = positionals[0];
    if (!['add', 'list', 'passwd'].includes(action ?? ''))
      throw new UsageError(`choose add, list or passwd\n${usage}`);
    const config = loadConfig(io.env);
    const store = await openStore(config);
    const credentials = new Credentials(store.settings, config.secret);
    try {
      if (action === 'list') {
        io.stdout.write(`${JSON.stringify((await store.users.list()).map(publicUser))}\n`);
        return 0;
      }
      const email = z.email().max(254).safeParse(values.email);
      if (!email.success) throw new UsageError('--email must be an e-mail address');
      if (action === 'add') {
        const role = Role.safeParse(values.role);
        if (!role.success) throw new UsageError('--role must be admin, analyst or viewer');
        const password = values['password-stdin'] ? await readPassword(io, true) : undefined;
        const { user, oneTimePassword } = await createAccount(store, credentials, {
          email: email.data,
          name: values.name ?? email.data.split('@')[0]!,
          role: role.data,
          password,
        });
        if (oneTimePassword)
          io.stderr.write(`one-time password for ${user.email} (shown once): ${oneTimePassword}\n`);
        io.stdout.write(`${JSON.stringify({ ...publicUser(user), oneTimePassword })}\n`);
        return 0;
      }
      const user = await store.users.getByEmail(normalizeEmail(email.data));
      if (!user) throw new UsageError(`no user with e-mail ${email.data}`, 1);
      const password = await readPassword(io, values['password-stdin']);
      await setAccountPassword(store, credentials, user, password, values.temporary);
      io.stdout.write(
        `${JSON.stringify({ email: user.email, changed: true, temporary: values.temporary })}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
export default command;

async function readPassword(io: IO, fromStdin: boolean): Promise<string> {
  const stdin = io.stdin ?? process.stdin;
  if (!fromStdin && !stdin.isTTY)
    throw new UsageError('not a terminal: pass the password with --password-stdin');
  const password = fromStdin ? await firstLine(stdin) : await prompt(stdin, io.stderr);
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UsageError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1024)
    throw new UsageError('the password is too long (1024 characters at most)');
  return password;
}

function firstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: stdin, terminal: false });
    let done = false;
    const finish = (line: string) => {
      if (done) return;
      done = true;
      lines.close();
      resolve(line.replace(/\r$/, ''));
    };
    lines.once('line', finish);
    lines.once('close', () => finish(''));
  });
}

/** Asks twice, without echoing what is typed. */
async function prompt(
  stdin: NodeJS.ReadableStream,
  stderr: NodeJS.WritableStream,
): Promise<string> {
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      stderr.write(question);
      const muted = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      const rl = createInterface({ input: stdin, output: muted, terminal: true });
      rl.once('line', (line) => {
        rl.close();
        stderr.write('\n');
        resolve(line);
      });
    });
  const first = await ask('New password: ');
  if ((await ask('Repeat it: ')) !== first) throw new UsageError('the passwords differ', 1);
  return first;
}
