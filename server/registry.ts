import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { clarifyIssues, errorMap } from '../app/validation-messages.js';
import type { Role } from '../models/user.js';
import { CSRF_HEADER } from './auth/cookies.js';
import type { Credentials } from './auth/credentials.js';
import { hasRole, principalOf, type Principal } from './auth/principal.js';
import { columnHeader } from './csv-headers.js';
import { toCsv, type Table } from './csv.js';
import {
  CsrfError,
  ForbiddenError,
  localeOf,
  PasswordChangeRequiredError,
  RequestValidationError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  type Locale,
} from './errors.js';

/**
 * The route registry: each route declares its method, path, who may call it and the zod schemas
 * of its input. The same list mounts the Express routes, generates /api/openapi.json and drives
 * the role-matrix test, so a new route is documented and tested by being declared.
 */

/** `public`: anyone; `user`: any signed-in role; a role: that role or a higher one. */
export type Access = 'public' | 'user' | Role;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Null only on public routes. */
  principal: Principal | null;
  locale: Locale;
  /** True when answering `format=csv`: views must then use the export disclosure (privacy.ts). */
  exporting: boolean;
  req: Request;
  res: Response;
}

/** A file answer (PDF, CSV): sent as an attachment. */
export class FileReply {
  constructor(
    readonly contentType: string,
    readonly filename: string,
    readonly body: Buffer | string,
  ) {}
}

/** An answer with no body (204). */
export const NO_CONTENT = Symbol('no content');

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R> {
  method: Method;
  /** Express path relative to /api, e.g. `/campaigns/:id`. */
  path: string;
  access: Access;
  summary: string;
  tag: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Documents the success answer in the OpenAPI description. */
  response?: z.ZodType;
  /** Success status; 200 unless given. */
  status?: number;
  /** The answer as a table: the route then also answers `?format=csv` (PII-redacted CSV). */
  table?: (result: R, ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Table;
  /** JSON body limit (default 100 kB). */
  bodyLimit?: string;
  /** Middleware run after body parsing and before the role check (rate limits). */
  before?: RequestHandler[];
  /** Callable while the user still holds a one-time password (sign-out, change password). */
  duringPasswordChange?: boolean;
  handler(
    ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>,
  ): Promise<R | FileReply | typeof NO_CONTENT>;
}

/** A declared route with its types erased, as the registry holds it. */
export interface Route {
  method: Method;
  path: string;
  access: Access;
  summary: string;
  tag: string;
  description: string | undefined;
  schemas: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; response?: z.ZodType };
  status: number;
  csv: boolean;
  bodyLimit: string;
  before: RequestHandler[];
  duringPasswordChange: boolean;
  run(req: Request, res: Response, credentials: Credentials): Promise<void>;
}

const EMPTY = z.object({});

export function defineRoute<
  P extends z.ZodType = typeof EMPTY,
  Q extends z.ZodType = typeof EMPTY,
  B extends z.ZodType = typeof EMPTY,
  R = unknown,
>(spec: RouteSpec<P, Q, B, R>): Route {
  const route: Route = {
    method: spec.method,
    path: spec.path,
    access: spec.access,
    summary: spec.summary,
    tag: spec.tag,
    description: spec.description,
    schemas: { params: spec.params, query: spec.query, body: spec.body, response: spec.response },
    status: spec.status ?? 200,
    csv: spec.table !== undefined,
    bodyLimit: spec.bodyLimit ?? '100kb',
    before: spec.before ?? [],
    duringPasswordChange: spec.duringPasswordChange ?? false,
    async run(req, res, credentials) {
      const principal = principalOf(res);
      authorize(route, req, principal, credentials);
      const locale = localeOf(req);
      const { format, ...rawQuery } = req.query as Record<string, unknown>;
      const wantsCsv = route.csv && format === 'csv';
      const ctx = {
        params: parse(spec.params ?? EMPTY, req.params, locale) as z.output<P>,
        query: parse(spec.query ?? EMPTY, route.csv ? rawQuery : req.query, locale) as z.output<Q>,
        body: parse(spec.body ?? EMPTY, spec.body ? req.body : {}, locale) as z.output<B>,
        principal,
        locale,
        exporting: wantsCsv,
        req,
        res,
      };
      if (route.csv && format !== undefined && format !== 'csv' && format !== 'json') {
        throw new RequestValidationError(
          new z.ZodError([
            { code: 'custom', path: ['format'], message: 'csv | json', input: format },
          ]),
        );
      }
      const result = await spec.handler(ctx);
      if (result === NO_CONTENT) {
        res.status(204).end();
      } else if (result instanceof FileReply) {
        sendFile(res, result);
      } else if (wantsCsv) {
        const table = spec.table!(result, ctx);
        const columns = table.columns.map((column) => columnHeader(column, locale));
        sendFile(res, new FileReply('text/csv; charset=utf-8', `${table.name}.csv`, toCsv({ ...table, columns }, locale)));
      } else {
        res.status(route.status).json(result);
      }
    },
  };
  return route;
}

function authorize(
  route: Route,
  req: Request,
  principal: Principal | null,
  credentials: Credentials,
): void {
  if (route.access === 'public') return;
  if (!principal) throw new UnauthorizedError();
  if (route.access !== 'user' && !hasRole(principal.user.role, route.access))
    throw new ForbiddenError();
  if (principal.mustChangePassword && !route.duringPasswordChange)
    throw new PasswordChangeRequiredError();
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
  if (unsafe && principal.via === 'session') {
    const header = req.get(CSRF_HEADER);
    if (!credentials.checkCsrf(principal.sessionToken!, header)) throw new CsrfError();
  }
}

function parse(schema: z.ZodType, input: unknown, locale: Locale): unknown {
  const result = schema.safeParse(input ?? {}, { error: errorMap(locale) });
  if (!result.success) throw new RequestValidationError(clarifyIssues(result.error, input));
  return result.data;
}

function sendFile(res: Response, file: FileReply): void {
  const ascii = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  res
    .status(200)
    .type(file.contentType)
    .set(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .set('Cache-Control', 'no-store')
    .send(file.body);
}

/**
 * A route that reads a JSON body answers 415 to a body of another type (text/plain, a form),
 * instead of parsing nothing and reporting every field as missing. No body at all is left to
 * the schema ("falta este campo").
 */
const requireJson: RequestHandler = (req, _res, next) => {
  const length = req.headers['content-length'];
  const empty =
    req.headers['transfer-encoding'] === undefined && (length === undefined || Number(length) === 0);
  if (!empty && !req.is(['application/json', 'application/*+json'])) {
    next(new UnsupportedMediaTypeError());
    return;
  }
  next();
};

/** Mounts the registry on a router: body parsing, extra middleware, then the route itself. */
export function mountRoutes(routes: readonly Route[], credentials: Credentials): Router {
  const router = Router();
  for (const route of routes) {
    const handlers: RequestHandler[] = [];
    if (route.schemas.body) handlers.push(requireJson);
    if (route.method !== 'get') handlers.push(express.json({ limit: route.bodyLimit }));
    handlers.push(...route.before);
    handlers.push((req, res) => route.run(req, res, credentials));
    router[route.method](route.path, ...handlers);
  }
  return router;
}
