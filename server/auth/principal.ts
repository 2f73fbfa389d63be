import type { RequestHandler, Response } from 'express';
import type { Store } from '../../models/store.js';
import type { PublicUser, Role } from '../../models/user.js';
import { publicUser } from './accounts.js';
import { readCookies, SESSION_COOKIE } from './cookies.js';
import type { Credentials } from './credentials.js';

/** Who is calling: a signed-in user (cookie session) or an API client (bearer token). */
export interface Principal {
  user: PublicUser;
  via: 'session' | 'token';
  /** The session token from the cookie (CSRF tokens are derived from it); null for bearer. */
  sessionToken: string | null;
  mustChangePassword: boolean;
}

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

/** Roles are nested: an admin may do what an analyst may, an analyst what a viewer may. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | undefined) ?? null;
}

/**
 * Resolves the caller once per request into `res.locals.principal` (null when anonymous or
 * when the credentials are invalid or expired; the route decides whether that is a 401).
 * A bearer token wins over a cookie: API clients never need CSRF tokens.
 */
export function resolvePrincipal(store: Store, credentials: Credentials): RequestHandler {
  return async (req, res, next) => {
    res.locals.principal = null;
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header);
      const token = match ? await credentials.resolveApiToken(match[1]!) : null;
      const user = token ? await store.users.get(token.userId) : null;
      if (user) {
        res.locals.principal = {
          user: publicUser(user),
          via: 'token',
          sessionToken: null,
          mustChangePassword: false,
        };
      }
      return next();
    }
    const session = readCookies(req).get(SESSION_COOKIE);
    if (session && /^[A-Za-z0-9_-]{20,100}$/.test(session)) {
      const user = await credentials.resolveSession(session, (id) => store.users.get(id));
      if (user) {
        res.locals.principal = {
          user: publicUser(user),
          via: 'session',
          sessionToken: session,
          mustChangePassword: await credentials.mustChangePassword(user.id),
        } satisfies Principal;
      }
    }
    next();
  };
}
