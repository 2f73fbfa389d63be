import { z } from 'zod';

/**
 * What users read when input fails validation, in Spanish or English, for the API (by
 * Accept-Language) and the CLI (Spanish). Schemas write their own messages in English, once;
 * `SPANISH` translates them. zod's wording for the common issues ("Too small: expected string
 * to have >=1 characters") is replaced by plain sentences; the rest comes from zod's locale.
 */
export type Locale = 'es' | 'en';

/** A well-formed YYYY-MM-DD that is not a day of the calendar (2026-02-30). */
const NO_SUCH_DATE = 'no such date: that day does not exist in the calendar';
const NOT_A_DATE = 'not a valid YYYY-MM-DD date, e.g. 2026-11-02';

/** The Spanish of every custom message a schema (models/, server/routes/) writes. */
const SPANISH: Record<string, string> = {
  'not a valid YYYY-MM-DD date, e.g. 2026-11-02':
    'no es una fecha válida: use AAAA-MM-DD, p. ej. 2026-11-02',
  'missing date: use YYYY-MM-DD, e.g. 2026-11-02':
    'falta la fecha: use AAAA-MM-DD, p. ej. 2026-11-02',
  '"from" must not be after "to"': '"from" no puede ser posterior a "to"',
  'use lowercase letters, digits, "_" or "-"': 'use minúsculas, dígitos, "_" o "-"',
  'an annotation must correct at least one label':
    'una anotación debe corregir al menos una etiqueta',
  'nothing to change': 'no hay nada que cambiar',
  'country must be one of GT, HN, SV, CR, PA, DO, BZ':
    'country debe ser uno de GT, HN, SV, CR, PA, DO, BZ',
  'webhookUrl must be an http(s) URL': 'webhookUrl debe ser una URL http(s)',
  'baseUrl must be an http(s) URL': 'baseUrl debe ser una URL http(s)',
  'topicShare needs a topic': 'topicShare necesita un tema (topic)',
  'endDate must not be before startDate': 'endDate no puede ser anterior a startDate',
  'not a cursor from a previous page (use its next)':
    'no es un cursor de una página anterior (use su next)',
  'dates must fall between 2000-01-01 and 2100-12-31':
    'las fechas deben estar entre 2000-01-01 y 2100-12-31',
  'range too long for this granularity (hour: 92 days, day: 10 years)':
    'rango demasiado largo para esta granularidad (hour: 92 días, day: 10 años)',
  'not an ISO week: use YYYY-Www, e.g. 2026-W47':
    'no es una semana ISO: use AAAA-Www, p. ej. 2026-W47',
  'no such ISO week: an ISO year has 52 or 53 weeks':
    'esa semana ISO no existe: un año ISO tiene 52 o 53 semanas',
  'this week has not started yet: pick the current or a past week':
    'esa semana todavía no empezó: elija la semana en curso o una pasada',
};

Object.assign(SPANISH, {
  [NO_SUCH_DATE]: 'fecha inexistente: ese día no existe en el calendario',
  'use letters, digits, "_" or "-", with "/" between parts, e.g. sentiment/es':
    'use letras, dígitos, "_" o "-", con "/" entre partes, p. ej. sentiment/es',
});

/** What an outbound URL must not point to (app/outbound.ts `BlockedTarget`, but `scheme`). */
const OUTBOUND_TARGETS: Record<string, Record<Locale, string>> = {
  loopback: {
    en: 'a loopback address (127.0.0.0/8, ::1, localhost)',
    es: 'una dirección de bucle local (127.0.0.0/8, ::1, localhost)',
  },
  'link-local': {
    en: 'a link-local address (169.254.0.0/16, fe80::/10)',
    es: 'una dirección de enlace local (169.254.0.0/16, fe80::/10)',
  },
  private: {
    en: 'a private network address (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7)',
    es: 'una dirección de red privada (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7)',
  },
  unspecified: {
    en: 'an unspecified address (0.0.0.0, ::)',
    es: 'una dirección sin especificar (0.0.0.0, ::)',
  },
  metadata: {
    en: 'a cloud metadata service (169.254.169.254)',
    es: 'un servicio de metadatos de la nube (169.254.169.254)',
  },
  reserved: {
    en: 'a reserved or multicast address',
    es: 'una dirección reservada o de multidifusión',
  },
};

const OUTBOUND_FIELDS = ['webhookUrl', 'baseUrl', 'channel'] as const;

function outboundText(field: string, target: string, locale: Locale): string {
  const what = OUTBOUND_TARGETS[target]![locale];
  return locale === 'es'
    ? `${field} no puede apuntar a ${what}: el servidor accedería a su propia red (para receptores internos, un administrador puede definir ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true)`
    : `${field} must not point to ${what}: the server would reach into its own network (for internal receivers, an administrator can set ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true)`;
}

for (const field of OUTBOUND_FIELDS) {
  for (const target of Object.keys(OUTBOUND_TARGETS)) {
    SPANISH[outboundText(field, target, 'en')] = outboundText(field, target, 'es');
  }
}

/**
 * The (English) message refusing an outbound URL that points to `target` (a loopback, private,
 * link-local... address); its Spanish is in the table.
 */
export function outboundMessage(field: (typeof OUTBOUND_FIELDS)[number], target: string): string {
  return outboundText(field, target, 'en');
}

const TYPE_NAMES: Record<Locale, Record<string, string>> = {
  es: {
    string: 'un texto',
    number: 'un número',
    int: 'un número entero',
    boolean: 'verdadero o falso',
    array: 'una lista',
    object: 'un objeto',
  },
  en: {
    string: 'a string',
    number: 'a number',
    int: 'an integer',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
  },
};

/** zod's string formats, as a noun phrase that is not valid, in each language. */
const FORMATS: Record<string, Record<Locale, string>> = {
  email: { es: 'dirección de correo electrónico no válida', en: 'not a valid e-mail address' },
  url: { es: 'URL no válida', en: 'not a valid URL' },
  emoji: { es: 'emoji no válido', en: 'not a valid emoji' },
  uuid: { es: 'UUID no válido', en: 'not a valid UUID' },
  uuidv4: { es: 'UUID v4 no válido', en: 'not a valid UUID v4' },
  uuidv6: { es: 'UUID v6 no válido', en: 'not a valid UUID v6' },
  guid: { es: 'GUID no válido', en: 'not a valid GUID' },
  nanoid: { es: 'nanoid no válido', en: 'not a valid nanoid' },
  cuid: { es: 'cuid no válido', en: 'not a valid cuid' },
  cuid2: { es: 'cuid2 no válido', en: 'not a valid cuid2' },
  ulid: { es: 'ULID no válido', en: 'not a valid ULID' },
  xid: { es: 'XID no válido', en: 'not a valid XID' },
  ksuid: { es: 'KSUID no válido', en: 'not a valid KSUID' },
  datetime: {
    es: 'fecha y hora no válidas: use ISO 8601, p. ej. 2026-11-02T14:30:00Z',
    en: 'not a valid date and time: use ISO 8601, e.g. 2026-11-02T14:30:00Z',
  },
  date: {
    es: 'fecha no válida: use AAAA-MM-DD, p. ej. 2026-11-02',
    en: 'not a valid date: use YYYY-MM-DD, e.g. 2026-11-02',
  },
  time: { es: 'hora no válida: use HH:MM:SS', en: 'not a valid time: use HH:MM:SS' },
  duration: { es: 'duración ISO 8601 no válida', en: 'not a valid ISO 8601 duration' },
  ipv4: { es: 'dirección IPv4 no válida', en: 'not a valid IPv4 address' },
  ipv6: { es: 'dirección IPv6 no válida', en: 'not a valid IPv6 address' },
  mac: { es: 'dirección MAC no válida', en: 'not a valid MAC address' },
  cidrv4: { es: 'rango IPv4 no válido', en: 'not a valid IPv4 range' },
  cidrv6: { es: 'rango IPv6 no válido', en: 'not a valid IPv6 range' },
  base64: { es: 'texto en base64 no válido', en: 'not valid base64' },
  base64url: { es: 'texto en base64url no válido', en: 'not valid base64url' },
  json_string: { es: 'texto JSON no válido', en: 'not valid JSON text' },
  e164: { es: 'número de teléfono E.164 no válido', en: 'not a valid E.164 phone number' },
  jwt: { es: 'JWT no válido', en: 'not a valid JWT' },
  lowercase: { es: 'debe estar en minúsculas', en: 'must be lowercase' },
  uppercase: { es: 'debe estar en mayúsculas', en: 'must be uppercase' },
  credit_card: { es: 'número de tarjeta no válido', en: 'not a valid card number' },
  currency_code: { es: 'código de moneda no válido', en: 'not a valid currency code' },
  iban: { es: 'IBAN no válido', en: 'not a valid IBAN' },
  // A pattern is never shown: users cannot read regular expressions.
  regex: { es: 'no tiene el formato esperado', en: 'does not have the expected format' },
  template_literal: { es: 'no tiene el formato esperado', en: 'does not have the expected format' },
};

/** An invalid_format issue as a sentence: never a regular expression, never "Inválido …". */
function format(locale: Locale, issue: z.core.$ZodRawIssue): string {
  const f = issue as unknown as { format: string; prefix?: string; suffix?: string; includes?: string };
  const es = locale === 'es';
  if (f.format === 'starts_with')
    return es ? `debe empezar por "${f.prefix}"` : `must start with "${f.prefix}"`;
  if (f.format === 'ends_with')
    return es ? `debe terminar en "${f.suffix}"` : `must end with "${f.suffix}"`;
  if (f.format === 'includes')
    return es ? `debe contener "${f.includes}"` : `must contain "${f.includes}"`;
  return (
    FORMATS[f.format]?.[locale] ??
    (es ? `formato no válido (${f.format})` : `invalid format (${f.format})`)
  );
}

const UNITS: Record<Locale, Record<string, string>> = {
  es: { string: 'caracteres', array: 'elementos', set: 'elementos', file: 'bytes' },
  en: { string: 'characters', array: 'items', set: 'items', file: 'bytes' },
};

type Bound = { origin: string; inclusive?: boolean };

/** "at least 3 characters", "≥ 1": a size or value bound in words. */
function bound(locale: Locale, issue: Bound, value: unknown, least: boolean): string {
  const unit = UNITS[locale][issue.origin];
  const exclusive = issue.inclusive === false;
  if (unit) {
    if (locale === 'es')
      return `debe tener ${least ? 'al menos' : 'como máximo'} ${String(value)} ${unit}`;
    return `must have ${least ? 'at least' : 'at most'} ${String(value)} ${unit}`;
  }
  const sign = least ? (exclusive ? '>' : '≥') : exclusive ? '<' : '≤';
  return `${locale === 'es' ? 'debe ser' : 'must be'} ${sign} ${String(value)}`;
}

/** Plain sentences for the common issues; undefined leaves the issue to zod's locale. */
function plain(locale: Locale, issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined)
        return locale === 'es' ? 'falta este campo' : 'this field is required';
      const expected = TYPE_NAMES[locale][issue.expected];
      if (!expected) return undefined;
      return locale === 'es' ? `se esperaba ${expected}` : `expected ${expected}`;
    }
    case 'invalid_value': {
      const values = issue.values.map(String).join(', ');
      return locale === 'es'
        ? `valor no válido: use uno de ${values}`
        : `invalid value: use one of ${values}`;
    }
    case 'too_small':
      if (['string', 'array', 'set'].includes(issue.origin) && Number(issue.minimum) === 1) {
        return locale === 'es' ? 'no puede estar vacío' : 'must not be empty';
      }
      return bound(locale, issue, issue.minimum, true);
    case 'too_big':
      return bound(locale, issue, issue.maximum, false);
    case 'invalid_format':
      return format(locale, issue);
    default:
      return undefined;
  }
}

const ZOD_SPANISH = z.locales.es().localeError;

/** The zod error map of a locale, for `schema.safeParse(input, { error: errorMap(locale) })`. */
export function errorMap(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => plain(locale, issue) ?? (locale === 'es' ? ZOD_SPANISH(issue) : undefined);
}

/** Whether a schema's own English message has its Spanish (tests check every schema's). */
export function hasSpanish(message: string): boolean {
  return message in SPANISH;
}

/** An issue's message in a locale (a schema's own English message translated). */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  return locale === 'es' ? (SPANISH[issue.message] ?? issue.message) : issue.message;
}

/**
 * Rules that compare fields ("from" after "to") and the fields they read: when one of those
 * fields is itself invalid, the rule's verdict is noise (2026-02-30 parsed as 2 March) and is
 * left out, so the user reads only what is wrong with the field.
 */
const CROSS_FIELD: Record<string, string[]> = {
  '"from" must not be after "to"': ['from', 'to'],
  'dates must fall between 2000-01-01 and 2100-12-31': ['from', 'to'],
  'range too long for this granularity (hour: 92 days, day: 10 years)': ['from', 'to'],
  'endDate must not be before startDate': ['startDate', 'endDate'],
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * A validation error as users should read it, given the input that failed: a well-formed day
 * that does not exist (2026-02-30) says so, and rules comparing fields are dropped when a field
 * they compare has its own issue.
 */
export function clarifyIssues(error: z.ZodError, input: unknown): z.ZodError {
  const issues = error.issues.map((issue) => {
    if (issue.message !== NOT_A_DATE) return issue;
    const value = valueAt(input, issue.path);
    return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)
      ? { ...issue, message: NO_SUCH_DATE }
      : issue;
  });
  const invalid = new Set(
    issues.filter((issue) => !(issue.message in CROSS_FIELD)).map((issue) => String(issue.path[0])),
  );
  const kept = issues.filter(
    (issue) => !CROSS_FIELD[issue.message]?.some((field) => invalid.has(field)),
  );
  return new z.ZodError(kept);
}

/** Zod issues (the first `max`) as one sentence: `from: not a valid …; country.0: invalid value: …`. */
export function describeIssues(error: z.ZodError, locale: Locale, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((issue) => {
      const message = issueMessage(issue, locale);
      return issue.path.length > 0 ? `${issue.path.join('.')}: ${message}` : message;
    })
    .join('; ');
}
