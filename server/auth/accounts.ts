import { randomUUID } from 'node:crypto';
import type { Config } from '../../app/config.js';
import type { Store } from '../../models/store.js';
import type { PublicUser, Role, User } from '../../models/user.js';
import { Credentials } from './credentials.js';
import { hashPassword, oneTimePassword } from './passwords.js';

/**
 * Account operations shared by the API and `escucha user`. E-mails are kept lower-case, so the
 * store's unique e-mail index is case-insensitive in practice.
 */
export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  /** Omitted: a one-time password is generated and must be changed at first sign-in. */
  password?: string;
  locale?: 'es' | 'en';
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function publicUser({ passwordHash: _hash, ...user }: User): PublicUser {
  return user;
}

export async function createAccount(
  store: Store,
  credentials: Credentials,
  input: NewAccount,
): Promise<{ user: User; oneTimePassword: string | null }> {
  const generated = input.password === undefined ? oneTimePassword() : null;
  const user: User = {
    id: randomUUID(),
    email: normalizeEmail(input.email),
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password ?? generated!),
    locale: input.locale ?? 'es',
    createdAt: new Date().toISOString(),
    lastLoginAt: null,
  };
  await store.users.save(user);
  if (generated) await credentials.setMustChangePassword(user.id, true);
  return { user, oneTimePassword: generated };
}

/**
 * Sets a password. `temporary` (an admin reset, or a generated password) makes the user change
 * it at the next sign-in. Every session of the user ends (their stamp no longer matches).
 */
export async function setAccountPassword(
  store: Store,
  credentials: Credentials,
  user: User,
  password: string,
  temporary: boolean,
): Promise<User> {
  const updated = { ...user, passwordHash: await hashPassword(password) };
  await store.users.save(updated);
  await credentials.setMustChangePassword(user.id, temporary);
  return updated;
}

/**
 * First run: with no users, creates the first admin from ESCUCHA_ADMIN_EMAIL/PASSWORD, or with
 * a one-time password printed once to stderr (never logged) that must be changed at sign-in.
 */
export async function ensureFirstAdmin(
  store: Store,
  config: Pick<Config, 'admin' | 'secret'>,
  stderr: { write(text: string): unknown },
): Promise<User | null> {
  if ((await store.users.list()).length > 0) return null;
  const credentials = new Credentials(store.settings, config.secret);
  if (config.admin) {
    const { user } = await createAccount(store, credentials, {
      email: config.admin.email,
      name: 'Admin',
      role: 'admin',
      password: config.admin.password,
    });
    stderr.write(
      `escucha: se creó la primera cuenta de administración, ${user.email} (de ESCUCHA_ADMIN_EMAIL)\n`,
    );
    return user;
  }
  const { user, oneTimePassword: password } = await createAccount(store, credentials, {
    email: 'admin@escucha.local',
    name: 'Admin',
    role: 'admin',
  });
  stderr.write(
    [
      '',
      'escucha: no había usuarios, así que se creó una primera cuenta de administración.',
      `  correo:                      ${user.email}`,
      `  contraseña de un solo uso:   ${password}`,
      'La contraseña solo se muestra ahora; al entrar por primera vez se pide cambiarla.',
      'Defina ESCUCHA_ADMIN_EMAIL y ESCUCHA_ADMIN_PASSWORD para elegirlas usted.',
      '',
    ].join('\n'),
  );
  return user;
}
