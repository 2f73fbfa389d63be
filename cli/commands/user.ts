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

add      crea una cuenta. Sin --password-stdin se genera una contraseña de un solo uso, que se
         muestra una vez y debe cambiarse al primer inicio de sesión.
list     imprime las cuentas en JSON (nunca el hash de sus contraseñas).
passwd   fija una contraseña: se pide (sin eco) en una terminal, o se lee de la primera línea de
         stdin con --password-stdin. --temporary obliga a cambiarla al iniciar sesión.
Al cambiar la contraseña se cierran todas las sesiones de la persona.`;

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
      throw new UsageError(`elija add, list o passwd\n${usage}`);
    const config = loadConfig(io.env);
    const store = await openStore(config);
    const credentials = new Credentials(store.settings, config.secret);
    try {
      if (action === 'list') {
        io.stdout.write(`${JSON.stringify((await store.users.list()).map(publicUser))}\n`);
        return 0;
      }
      const email = z.email().max(254).safeParse(values.email);
      if (!email.success) throw new UsageError('--email debe ser una dirección de correo');
      if (action === 'add') {
        const role = Role.safeParse(values.role);
        if (!role.success) throw new UsageError('--role debe ser admin, analyst o viewer');
        const password = values['password-stdin'] ? await readPassword(io, true) : undefined;
        const { user, oneTimePassword } = await createAccount(store, credentials, {
          email: email.data,
          name: values.name ?? email.data.split('@')[0]!,
          role: role.data,
          password,
        });
        if (oneTimePassword)
          io.stderr.write(`contraseña de un solo uso para ${user.email} (se muestra una sola vez): ${oneTimePassword}\n`);
        io.stdout.write(`${JSON.stringify({ ...publicUser(user), oneTimePassword })}\n`);
        return 0;
      }
      const user = await store.users.getByEmail(normalizeEmail(email.data));
      if (!user) throw new UsageError(`no hay ninguna cuenta con el correo ${email.data}`, 1);
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
    throw new UsageError('no es una terminal: pase la contraseña con --password-stdin');
  const password = fromStdin ? await firstLine(stdin) : await prompt(stdin, io.stderr);
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UsageError(`la contraseña necesita al menos ${MIN_PASSWORD_LENGTH} caracteres`);
  if (password.length > 1024)
    throw new UsageError('la contraseña es demasiado larga (1024 caracteres como máximo)');
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
  const first = await ask('Nueva contraseña: ');
  if ((await ask('Repítala: ')) !== first) throw new UsageError('las contraseñas no coinciden', 1);
  return first;
}
