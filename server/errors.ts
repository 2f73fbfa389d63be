import type { ErrorRequestHandler, Request } from 'express';
import { z } from 'zod';
import { EscuchaError } from '../app/errors.js';
import type { Logger } from '../app/logger.js';
import { describeIssues, issueMessage, type Locale } from '../app/validation-messages.js';

/** The one error shape every API error leaves the server in. */
export interface ErrorBody {
  error: { message: string; code: string; status: number; details?: unknown };
}

export type { Locale };

const MESSAGES = {
  es: {
    internal:
      'Error interno del servidor. El equipo técnico puede ver el detalle en los registros.',
    notFound: 'No existe esa ruta de la API.',
    invalid: 'La solicitud no es válida',
    tooLarge: 'El cuerpo de la solicitud es demasiado grande.',
    badJson: 'El cuerpo de la solicitud no es JSON válido.',
    badRequest: 'La solicitud no es válida.',
  },
  en: {
    internal: 'Internal server error. Operators can find the details in the logs.',
    notFound: 'No such API route.',
    invalid: 'The request is not valid',
    tooLarge: 'The request body is too large.',
    badJson: 'The request body is not valid JSON.',
    badRequest: 'The request is not valid.',
  },
} as const;

export function localeOf(req: Request): Locale {
  return req.acceptsLanguages('es', 'en') === 'en' ? 'en' : 'es';
}

export function messages(req: Request) {
  return MESSAGES[localeOf(req)];
}

/**
 * A domain error whose message exists in both API languages; the error middleware picks the
 * one the request's Accept-Language asks for.
 */
export class LocalizedError extends EscuchaError {
  constructor(
    readonly text: Record<Locale, string>,
    code: string,
    status: number,
    details?: unknown,
  ) {
    super(text.en, code, status, details);
  }
}

export class UnauthorizedError extends LocalizedError {
  constructor(
    text: Record<Locale, string> = {
      es: 'Inicie sesión para continuar.',
      en: 'Sign in to continue.',
    },
  ) {
    super(text, 'ESCUCHA_UNAUTHORIZED', 401);
  }
}

export class ForbiddenError extends LocalizedError {
  constructor(
    text: Record<Locale, string> = {
      es: 'Su rol no permite esta acción.',
      en: 'Your role does not allow this action.',
    },
    code = 'ESCUCHA_FORBIDDEN',
  ) {
    super(text, code, 403);
  }
}

export class CsrfError extends ForbiddenError {
  constructor() {
    super(
      {
        es: 'Falta el token CSRF o no es válido: envíe la cabecera x-csrf-token.',
        en: 'Missing or invalid CSRF token: send the x-csrf-token header.',
      },
      'ESCUCHA_CSRF',
    );
  }
}

export class PasswordChangeRequiredError extends ForbiddenError {
  constructor() {
    super(
      {
        es: 'Debe cambiar su contraseña temporal antes de continuar (POST /api/auth/password).',
        en: 'Change your one-time password before continuing (POST /api/auth/password).',
      },
      'ESCUCHA_PASSWORD_CHANGE_REQUIRED',
    );
  }
}

export class RateLimitedError extends LocalizedError {
  constructor() {
    super(
      {
        es: 'Demasiados intentos. Espere un minuto e inténtelo de nuevo.',
        en: 'Too many attempts. Wait a minute and try again.',
      },
      'ESCUCHA_RATE_LIMITED',
      429,
    );
  }
}

export class ResourceNotFoundError extends LocalizedError {
  constructor(kind: { es: string; en: string }, id: string) {
    super(
      { es: `No existe ${kind.es} "${id}".`, en: `No ${kind.en} "${id}".` },
      'ESCUCHA_NOT_FOUND',
      404,
    );
  }
}

export class ResourceConflictError extends LocalizedError {
  constructor(text: Record<Locale, string>) {
    super(text, 'ESCUCHA_CONFLICT', 409);
  }
}

export class UnsupportedMediaTypeError extends LocalizedError {
  constructor() {
    super(
      {
        es: 'El cuerpo de la solicitud no es JSON: envíe JSON con la cabecera Content-Type: application/json.',
        en: 'The request body is not JSON: send JSON with the header Content-Type: application/json.',
      },
      'ESCUCHA_UNSUPPORTED_MEDIA_TYPE',
      415,
    );
  }
}

/** A request that zod rejected; the error middleware words its issues in the request's language. */
export class RequestValidationError extends EscuchaError {
  constructor(readonly issues: z.ZodError) {
    super(`${MESSAGES.en.invalid}: ${describeIssues(issues, 'en')}`, 'ESCUCHA_VALIDATION', 400);
  }
}

/** A validation error's body: one sentence, and per-field messages for forms, in `locale`. */
function validationBody(error: z.ZodError, locale: Locale): ErrorBody {
  return {
    error: {
      message: `${MESSAGES[locale].invalid}: ${describeIssues(error, locale)}`,
      code: 'ESCUCHA_VALIDATION',
      status: 400,
      details: z.flattenError(error, (issue) => issueMessage(issue, locale)),
    },
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const locale = localeOf(req);
    const text = MESSAGES[locale];
    let body: ErrorBody;
    if (error instanceof z.ZodError) {
      body = validationBody(error, locale);
    } else if (error instanceof RequestValidationError) {
      body = validationBody(error.issues, locale);
    } else if (error instanceof LocalizedError && error.status < 500) {
      body = {
        error: {
          message: error.text[locale],
          code: error.code,
          status: error.status,
          details: error.details,
        },
      };
    } else if (error instanceof EscuchaError && error.status < 500) {
      body = {
        error: {
          message: error.message,
          code: error.code,
          status: error.status,
          details: error.details,
        },
      };
    } else if (isHttpError(error) && error.status >= 400 && error.status < 500) {
      // body-parser and friends: never echo their message (it may quote the input).
      const message =
        error.type === 'entity.too.large'
          ? text.tooLarge
          : error.type === 'entity.parse.failed'
            ? text.badJson
            : text.badRequest;
      body = { error: { message, code: 'ESCUCHA_BAD_REQUEST', status: error.status } };
    } else {
      logger.error({ err: error, path: req.path, method: req.method }, 'request failed');
      body = { error: { message: text.internal, code: 'ESCUCHA_INTERNAL', status: 500 } };
    }
    if (body.error.details === undefined) delete body.error.details;
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(body.error.status).json(body);
  };
}

function isHttpError(error: unknown): error is { status: number; type?: string; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}
