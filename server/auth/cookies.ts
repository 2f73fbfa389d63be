import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'escucha_session';
export const CSRF_COOKIE = 'escucha_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The request's cookies (a tiny RFC 6265 reader: the API sets only two). */
export function readCookies(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(raw));
    } catch {
      // A malformed escape is not ours: ignore that cookie.
    }
  }
  return cookies;
}

/**
 * Sets the session cookie (httpOnly) and the CSRF cookie (readable by the dashboard's script,
 * which echoes it in x-csrf-token). Secure when the request arrived over https, directly or
 * through a trusted proxy.
 */
export function setSessionCookies(
  req: Request,
  res: Response,
  session: string,
  csrf: string,
  maxAgeMs: number,
): void {
  const common = { sameSite: 'lax' as const, secure: req.secure, path: '/', maxAge: maxAgeMs };
  res.cookie(SESSION_COOKIE, session, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
}

export function clearSessionCookies(req: Request, res: Response): void {
  const common = { sameSite: 'lax' as const, secure: req.secure, path: '/' };
  res.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, common);
}
