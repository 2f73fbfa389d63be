/**
 * The dashboard's transport to the escucha API: same-origin fetch with the session cookie, the
 * CSRF header on unsafe requests, the UI language for error messages, and one error shape.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** Validation errors carry zod's flattened issues: `{ formErrors, fieldErrors }`. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Fired on `window` when the API answers 401: the session ended, show the sign-in screen. */
export const UNAUTHORIZED_EVENT = 'escucha-unauthorized';
export const CSRF_HEADER = 'x-csrf-token';
const CSRF_COOKIE = 'escucha_csrf';

let csrfToken: string | null = null;
let acceptLanguage = 'es';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function setApiLanguage(locale: string): void {
  acceptLanguage = locale;
}

function currentCsrf(): string | null {
  if (csrfToken) return csrfToken;
  if (typeof document === 'undefined') return null;
  const cookie = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(CSRF_COOKIE.length + 1)) : null;
}

/** True when the server does not offer this route (yet): the view shows "no disponible". */
export function isUnavailable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 501);
}

export async function request<T>(method: string, path: string, options: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = currentCsrf();
    if (token) headers[CSRF_HEADER] = token;
  }
  const response = await fetch(path, {
    method,
    signal: options.signal,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as (T & { error?: { message: string; code: string; details?: unknown } }) | null;
  if (!response.ok || body === null) {
    if (response.status === 401 && typeof window !== 'undefined' && !path.startsWith('/api/auth/')) {
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    }
    throw new ApiError(body?.error?.message ?? `HTTP ${response.status}`, response.status, body?.error?.code ?? 'HTTP', body?.error?.details);
  }
  return body;
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, { signal });
}

export function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, { body: body ?? (method === 'DELETE' ? undefined : {}) });
}
