import { z } from 'zod';
import { publicUser, normalizeEmail, setAccountPassword } from '../auth/accounts.js';
import { clearSessionCookies, setSessionCookies } from '../auth/cookies.js';
import { SESSION_TTL_MS } from '../auth/credentials.js';
import { MIN_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from '../auth/passwords.js';
import type { RouteDeps } from '../deps.js';
import { UnauthorizedError, ResourceConflictError } from '../errors.js';
import { defineRoute, NO_CONTENT, type Route, type RouteContext } from '../registry.js';
import { credentialLimiter } from '../security.js';
import { PublicUserSchema } from './schemas.js';
import type { User } from '../../models/user.js';

const Login = z.object({ email: z.email().max(254), password: z.string().min(1).max(1024) });
const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
});
const SessionAnswer = z.object({
  user: PublicUserSchema,
  via: z.enum(['session', 'token']),
  mustChangePassword: z.boolean(),
  csrfToken: z.string().nullable(),
  expiresAt: z.string().optional(),
});

const BAD_CREDENTIALS = { es: 'Correo o contraseña incorrectos.', en: 'Wrong e-mail or password.' };

/** Sign-in with e-mail and password (cookie session + CSRF token), sign-out, who am I. */
export function authRoutes({ store, credentials, limits }: RouteDeps): Route[] {
  async function startSession(ctx: RouteContext<unknown, unknown, unknown>, user: User) {
    const { token, record } = await credentials.createSession(user);
    const csrfToken = credentials.csrfToken(token);
    setSessionCookies(ctx.req, ctx.res, token, csrfToken, SESSION_TTL_MS);
    const mustChangePassword = await credentials.mustChangePassword(user.id);
    return {
      user: publicUser(user),
      via: 'session' as const,
      mustChangePassword,
      csrfToken,
      expiresAt: record.expiresAt,
    };
  }
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      access: 'public',
      tag: 'auth',
      summary: 'Sign in: sets the session cookie and returns the CSRF token for unsafe requests',
      body: Login,
      response: SessionAnswer,
      before: [credentialLimiter(limits.loginPerMinute)],
      async handler(ctx) {
        const user = await store.users.getByEmail(normalizeEmail(ctx.body.email));
        if (!user) await verifyAgainstDummy(ctx.body.password);
        if (!user || !(await verifyPassword(user.passwordHash, ctx.body.password)))
          throw new UnauthorizedError(BAD_CREDENTIALS);
        const signedIn = { ...user, lastLoginAt: new Date().toISOString() };
        await store.users.save(signedIn);
        return startSession(ctx, signedIn);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      access: 'user',
      tag: 'auth',
      summary: 'Sign out: ends this session',
      duringPasswordChange: true,
      async handler({ principal, req, res }) {
        if (principal?.sessionToken) await credentials.revokeSession(principal.sessionToken);
        clearSessionCookies(req, res);
        return NO_CONTENT;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      access: 'user',
      tag: 'auth',
      summary: 'The signed-in user, and the CSRF token of the session',
      response: SessionAnswer,
      duringPasswordChange: true,
      async handler({ principal }) {
        const p = principal!;
        const csrfToken = p.sessionToken ? credentials.csrfToken(p.sessionToken) : null;
        return { user: p.user, via: p.via, mustChangePassword: p.mustChangePassword, csrfToken };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/password',
      access: 'user',
      tag: 'auth',
      summary: 'Change your own password (ends every other session; starts a new one)',
      body: PasswordChange,
      response: SessionAnswer,
      duringPasswordChange: true,
      before: [credentialLimiter(limits.loginPerMinute)],
      async handler(ctx) {
        const user = await store.users.get(ctx.principal!.user.id);
        if (!user || !(await verifyPassword(user.passwordHash, ctx.body.currentPassword)))
          throw new UnauthorizedError(BAD_CREDENTIALS);
        if (ctx.body.newPassword === ctx.body.currentPassword) {
          throw new ResourceConflictError({
            es: 'La nueva contraseña debe ser distinta.',
            en: 'The new password must differ.',
          });
        }
        const updated = await setAccountPassword(
          store,
          credentials,
          user,
          ctx.body.newPassword,
          false,
        );
        if (ctx.principal!.sessionToken)
          await credentials.revokeSession(ctx.principal!.sessionToken);
        return ctx.principal!.via === 'session'
          ? startSession(ctx, updated)
          : {
              user: publicUser(updated),
              via: 'token' as const,
              mustChangePassword: false,
              csrfToken: null,
            };
      },
    }),
  ];
}
