/**
 * Domain errors: each has a stable code (ESCUCHA_*) and an HTTP status, so the CLI prints the
 * message without a stack and the API answers `{ error: { message, code, status } }`.
 */
export class EscuchaError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConfigError extends EscuchaError {
  constructor(message: string) {
    super(message, 'ESCUCHA_CONFIG', 500);
  }
}

export class ValidationError extends EscuchaError {
  constructor(message: string, details?: unknown) {
    super(message, 'ESCUCHA_VALIDATION', 400, details);
  }
}

export class NotFoundError extends EscuchaError {
  constructor(message: string) {
    super(message, 'ESCUCHA_NOT_FOUND', 404);
  }
}

export class ConflictError extends EscuchaError {
  constructor(message: string) {
    super(message, 'ESCUCHA_CONFLICT', 409);
  }
}

export class StorageError extends EscuchaError {
  constructor(message: string) {
    super(message, 'ESCUCHA_STORAGE', 500);
  }
}
