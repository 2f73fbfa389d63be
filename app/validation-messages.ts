import { z } from 'zod';

/**
 * What users read when input fails validation, in Spanish or English, for the API (by
 * Accept-Language) and the CLI (Spanish). Schemas write their own messages in English, once;
 * `SPANISH` translates them. zod's wording for the common issues ("Too small: expected string
 * to have >=1 characters") is replaced by plain sentences; the rest comes from zod's locale.
 */
export type Locale = 'es' | 'en';

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
};

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
