import { getJson, sendJson, setCsrfToken } from '../api.js';

export type Role = 'admin' | 'analyst' | 'viewer';
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'es' | 'en';
}
export interface Session {
  user: SessionUser;
  via: 'session' | 'token';
  mustChangePassword: boolean;
  csrfToken: string | null;
}

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

/** Roles are nested, as on the server: an admin may do what an analyst may. */
export function can(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}

/** Whether the browser holds the readable CSRF cookie the API sets with every session. */
function hasSessionCookie(): boolean {
  return typeof document !== 'undefined' && document.cookie.split(';').some((c) => c.trim().startsWith('escucha_csrf='));
}

/** The signed-in session, or null when signed out (no session cookie, or a 401). */
export async function currentSession(signal?: AbortSignal): Promise<Session | null> {
  // Without the cookie there is no session: skip the request (and the 401 it would log).
  if (!hasSessionCookie()) return null;
  try {
    const session = await getJson<Session>('/api/auth/me', signal);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if ((error as { status?: number }).status === 401) return null;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<Session> {
  const session = await sendJson<Session>('POST', '/api/auth/login', { email, password });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await sendJson('POST', '/api/auth/logout');
  setCsrfToken(null);
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  const session = await sendJson<Session>('POST', '/api/auth/password', { currentPassword, newPassword });
  setCsrfToken(session.csrfToken);
  return session;
}
