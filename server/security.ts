import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { principalOf } from './auth/principal.js';
import { RateLimitedError } from './errors.js';

/**
 * Sign-in attempts per minute per client IP and e-mail (or per user for password changes):
 * slows password guessing without letting one address lock everyone else out.
 */
export function credentialLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const body = req.body as { email?: unknown } | undefined;
      const who =
        principalOf(res)?.user.id ??
        (typeof body?.email === 'string' ? body.email.toLowerCase().slice(0, 254) : '');
      return `${ipKeyGenerator(req.ip ?? '')}|${who}`;
    },
    handler: (_req, _res, next) => next(new RateLimitedError()),
  });
}

/** Every API request, per client IP: a ceiling against scripted abuse, far above dashboard use. */
export function apiLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req, _res, next) => next(new RateLimitedError()),
  });
}

/**
 * CORS for the configured origins only (ESCUCHA_CORS_ORIGINS); any other origin gets no CORS
 * headers, so browsers refuse to hand it the response. Credentials are allowed for the listed
 * origins (the dashboard may be served from another host).
 */
export function strictCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin && allowed.has(origin)) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Allow-Credentials', 'true');
      res.set('Access-Control-Expose-Headers', 'Content-Disposition, RateLimit, RateLimit-Policy');
      if (req.method === 'OPTIONS') {
        res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
        res.set(
          'Access-Control-Allow-Headers',
          'Content-Type, Authorization, X-CSRF-Token, Accept-Language',
        );
        res.set('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    } else if (req.method === 'OPTIONS' && origin) {
      res.status(204).end();
      return;
    }
    next();
  };
}
