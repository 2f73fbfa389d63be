import { z } from 'zod';
import { ConflictError } from '../../app/errors.js';
import { Role, type User } from '../../models/user.js';
import {
  createAccount,
  normalizeEmail,
  publicUser,
  setAccountPassword,
} from '../auth/accounts.js';
import { MIN_PASSWORD_LENGTH, oneTimePassword } from '../auth/passwords.js';
import type { RouteDeps } from '../deps.js';
import { ResourceConflictError, ResourceNotFoundError } from '../errors.js';
import { defineRoute, NO_CONTENT, type Route } from '../registry.js';
import { IdParam, PublicUserSchema } from './schemas.js';

const Password = z.string().min(MIN_PASSWORD_LENGTH).max(1024);
const NewUser = z.object({
  email: z.email().max(254),
  name: z.string().min(1).max(200),
  role: Role,
  locale: z.enum(['es', 'en']).default('es'),
  /** Omit to generate a one-time password (returned once; to be changed at first sign-in). */
  password: Password.optional(),
});
const UserPatch = z
  .object({ name: z.string().min(1).max(200), role: Role, locale: z.enum(['es', 'en']) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
const PasswordReset = z.object({ password: Password.optional() });
const NewToken = z.object({
  name: z.string().min(1).max(100),
  /** null: never expires. */
  expiresInDays: z.number().int().min(1).max(3_650).nullable().default(90),
});
const TokenParams = IdParam.extend({ tokenId: z.uuid() });
const WithPassword = z.object({ user: PublicUserSchema, oneTimePassword: z.string().nullable() });

const USER = { es: 'el usuario', en: 'user' };
const emailTaken = (email: string) =>
  new ResourceConflictError({
    es: `Ya existe una cuenta con el correo ${email}.`,
    en: `An account with the e-mail ${email} already exists.`,
  });
const LAST_ADMIN = {
  es: 'Es el último administrador: cree otro antes de quitarle el rol o borrarlo.',
  en: 'This is the last admin: create another one before demoting or deleting it.',
};

/** Accounts (admin only): create, list, edit, delete, reset passwords, API tokens. */
export function userRoutes({ store, credentials }: RouteDeps): Route[] {
  async function load(id: string): Promise<User> {
    const user = await store.users.get(id);
    if (!user) throw new ResourceNotFoundError(USER, id);
    return user;
  }
  async function isLastAdmin(user: User) {
    return (
      user.role === 'admin' &&
      (await store.users.list()).filter((u) => u.role === 'admin').length <= 1
    );
  }
  const admin = { access: 'admin', tag: 'users' } as const;
  return [
    defineRoute({
      ...admin,
      method: 'get',
      path: '/users',
      summary: 'List accounts',
      response: z.array(PublicUserSchema),
      handler: async () => (await store.users.list()).map(publicUser),
    }),
    defineRoute({
      ...admin,
      method: 'post',
      path: '/users',
      status: 201,
      summary: 'Create an account (without a password, a one-time password is returned once)',
      body: NewUser,
      response: WithPassword,
      async handler({ body }) {
        const email = normalizeEmail(body.email);
        if (await store.users.getByEmail(email)) throw emailTaken(email);
        try {
          const { user, oneTimePassword } = await createAccount(store, credentials, body);
          return { user: publicUser(user), oneTimePassword };
        } catch (error) {
          // Another request took the e-mail meanwhile: the store's unique index said so.
          if (error instanceof ConflictError) throw emailTaken(email);
          throw error;
        }
      },
    }),
    defineRoute({
      ...admin,
      method: 'get',
      path: '/users/:id',
      summary: 'One account',
      params: IdParam,
      response: PublicUserSchema,
      handler: async ({ params }) => publicUser(await load(params.id)),
    }),
    defineRoute({
      ...admin,
      method: 'patch',
      path: '/users/:id',
      summary: 'Change name, role or locale',
      params: IdParam,
      body: UserPatch,
      response: PublicUserSchema,
      async handler({ params, body }) {
        const user = await load(params.id);
        if (body.role && body.role !== 'admin' && (await isLastAdmin(user)))
          throw new ResourceConflictError(LAST_ADMIN);
        const updated = { ...user, ...body };
        await store.users.save(updated);
        return publicUser(updated);
      },
    }),
    defineRoute({
      ...admin,
      method: 'delete',
      path: '/users/:id',
      summary: 'Delete an account (its sessions and API tokens stop working)',
      params: IdParam,
      async handler({ params }) {
        const user = await load(params.id);
        if (await isLastAdmin(user)) throw new ResourceConflictError(LAST_ADMIN);
        await credentials.revokeAllApiTokens(user.id);
        await store.users.delete(user.id);
        return NO_CONTENT;
      },
    }),
    defineRoute({
      ...admin,
      method: 'post',
      path: '/users/:id/password',
      summary: 'Reset a password; the user must change it at next sign-in',
      params: IdParam,
      body: PasswordReset,
      response: WithPassword,
      async handler({ params, body }) {
        const generated = body.password === undefined ? oneTimePassword() : null;
        const user = await setAccountPassword(
          store,
          credentials,
          await load(params.id),
          body.password ?? generated!,
          true,
        );
        return { user: publicUser(user), oneTimePassword: generated };
      },
    }),
    defineRoute({
      ...admin,
      method: 'get',
      path: '/users/:id/tokens',
      summary: "A user's API tokens (never the tokens themselves)",
      params: IdParam,
      handler: async ({ params }) => credentials.listApiTokens((await load(params.id)).id),
    }),
    defineRoute({
      ...admin,
      method: 'post',
      path: '/users/:id/tokens',
      status: 201,
      summary: 'Create an API token for a user (Authorization: Bearer); shown only in this answer',
      params: IdParam,
      body: NewToken,
      async handler({ params, body }) {
        const user = await load(params.id);
        return credentials.createApiToken(user.id, body.name, body.expiresInDays);
      },
    }),
    defineRoute({
      ...admin,
      method: 'delete',
      path: '/users/:id/tokens/:tokenId',
      summary: 'Revoke an API token',
      params: TokenParams,
      async handler({ params }) {
        if (!(await credentials.revokeApiToken(params.id, params.tokenId))) {
          throw new ResourceNotFoundError({ es: 'el token', en: 'token' }, params.tokenId);
        }
        return NO_CONTENT;
      },
    }),
  ];
}
