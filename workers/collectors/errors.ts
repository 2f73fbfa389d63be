import type { Platform } from '../../models/common.js';
import { PLATFORM_NAMES as SHOWN } from '../../models/platform-names.js';

/**
 * How each platform is named inside the collectors' sentences ("RSS devolvió…", "el archivo…"):
 * the dashboard's names (models/platform-names.ts) but for the two that read as labels there.
 */
export const PLATFORM_NAMES: Record<Platform, string> = {
  ...(SHOWN.es as Record<Platform, string>),
  rss: 'RSS',
  file: 'archivo',
};

/**
 * A failure of a collection run, with the sentence the Sources view shows: Spanish first,
 * English in parentheses. `status` is the source status it leads to.
 */
export class CollectorError extends Error {
  readonly status: 'error' | 'offline' = 'error';
  constructor(
    readonly userMessage: string,
    readonly code: string,
  ) {
    super(userMessage);
    this.name = new.target.name;
  }
}

/** DNS failure or refused connection: the machine has no route to the platform. */
export class OfflineError extends CollectorError {
  override readonly status = 'offline' as const;
  constructor(host: string, cause: string) {
    super(`sin conexión: no se pudo contactar ${host} (${cause})`, 'COLLECT_OFFLINE');
  }
}

/** A 429 (or a spent quota) whose wait is too long to sit through; the run ends here. */
export class RateLimitedError extends CollectorError {
  constructor(
    platform: Platform,
    readonly resumeAt: Date,
    what = 'limitó las solicitudes (429)',
    whatEn = 'rate limited',
  ) {
    const at = resumeAt.toISOString().slice(0, 16).replace('T', ' ');
    super(
      `${PLATFORM_NAMES[platform]} ${what}; se reanuda después de ${at} UTC (${whatEn} by ${PLATFORM_NAMES[platform]}; resumes after ${at} UTC)`,
      'COLLECT_RATE_LIMITED',
    );
  }
}

/** An HTTP status the run cannot get past (after retries, for 5xx). */
export class HttpStatusError extends CollectorError {
  constructor(
    platform: Platform,
    readonly httpStatus: number,
    readonly detail: string,
    attempts = 1,
    credentialNoun: CredentialNoun = DEFAULT_CREDENTIAL,
  ) {
    super(httpStatusMessage(platform, httpStatus, detail, attempts, credentialNoun), `COLLECT_HTTP_${httpStatus}`);
  }
}

/** A response that cannot be read (truncated JSON, HTML whose layout changed), after retries. */
export class MalformedResponseError extends CollectorError {
  constructor(platform: Platform, detail: string) {
    const name = PLATFORM_NAMES[platform];
    super(`${name} devolvió una respuesta ilegible: ${detail} (malformed response from ${name})`, 'COLLECT_MALFORMED');
  }
}

/** A credential the source needs is not set. */
export class MissingCredentialError extends CollectorError {
  constructor(readonly variables: string[]) {
    const list = variables.join(' y ');
    super(
      `falta la credencial ${list}: defínala en el entorno`,
      'COLLECT_MISSING_CREDENTIAL',
    );
  }
}

/** How a collector's credential is named in messages: X uses a token, YouTube an API key. */
export interface CredentialNoun {
  es: string;
  en: string;
}
export const DEFAULT_CREDENTIAL: CredentialNoun = { es: 'las credenciales', en: 'credentials' };

function httpStatusMessage(
  platform: Platform,
  status: number,
  detail: string,
  attempts: number,
  noun: CredentialNoun,
): string {
  const name = PLATFORM_NAMES[platform];
  const suffix = detail ? ` — ${detail}` : '';
  if (status === 401 || status === 403) {
    return `${name} rechazó ${noun.es}: ${status} (${noun.en} rejected by ${name})${suffix}`;
  }
  if (status === 404) return `${name} no encontró el recurso pedido: 404 (not found at ${name})${suffix}`;
  if (status >= 500) {
    return `${name} falló tras ${attempts} intentos: ${status} (server error at ${name})${suffix}`;
  }
  return `${name} respondió ${status} (request refused by ${name})${suffix}`;
}
