import type { ErrorRequestHandler, Request } from 'express';
import { z } from 'zod';
import { EscuchaError } from '../app/errors.js';
import type { Logger } from '../app/logger.js';

/** The one error shape every API error leaves the server in. */
export interface ErrorBody {
  error: { message: string; code: string; status: number; details?: unknown };
}

const MESSAGES = {
  es: {
    internal: 'Error interno del servidor. El equipo técnico puede ver el detalle en los registros.',
    notFound: 'No existe esa ruta de la API.',
    invalid: 'La solicitud no es válida',
    tooLarge: 'El cuerpo de la solicitud es demasiado grande.',
    badJson: 'El cuerpo de la solicitud no es JSON válido.',
  },
  en: {
    internal: 'Internal server error. Operators can find the details in the logs.',
    notFound: 'No such API route.',
    invalid: 'The request is not valid',
    tooLarge: 'The request body is too large.',
    badJson: 'The request body is not valid JSON.',
  },
} as const;

export function localeOf(req: Request): 'es' | 'en' {
  return req.acceptsLanguages('es', 'en') === 'en' ? 'en' : 'es';
}

export function messages(req: Request) {
  return MESSAGES[localeOf(req)];
}

/** Turns zod issues into one readable sentence: `from: Invalid ISO date; country: ...`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const text = messages(req);
    let body: ErrorBody;
    if (error instanceof z.ZodError) {
      body = {
        error: {
          message: `${text.invalid}: ${describeIssues(error)}`,
          code: 'ESCUCHA_VALIDATION',
          status: 400,
          details: z.flattenError(error),
        },
      };
    } else if (error instanceof EscuchaError && error.status < 500) {
      body = { error: { message: error.message, code: error.code, status: error.status, details: error.details } };
    } else if (isHttpError(error) && error.status < 500) {
      const message =
        error.type === 'entity.too.large' ? text.tooLarge : error.type === 'entity.parse.failed' ? text.badJson : error.message;
      body = { error: { message, code: 'ESCUCHA_BAD_REQUEST', status: error.status } };
    } else {
      logger.error({ err: error, path: req.path, method: req.method }, 'request failed');
      body = { error: { message: text.internal, code: 'ESCUCHA_INTERNAL', status: 500 } };
    }
    res.status(body.error.status).json(body);
  };
}

function isHttpError(error: unknown): error is { status: number; type?: string; message: string } {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}
