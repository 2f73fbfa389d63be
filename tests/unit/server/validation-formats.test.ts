import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  clarifyIssues,
  describeIssues,
  errorMap,
  hasSpanish,
  outboundMessage,
  type Locale,
} from '../../../app/validation-messages.js';
import { PostFilter } from '../../../models/filter.js';

const said = (schema: z.ZodType, input: unknown, locale: Locale) => {
  const result = schema.safeParse(input, { error: errorMap(locale) });
  if (result.success) throw new Error('expected a validation error');
  return describeIssues(clarifyIssues(result.error, input), locale);
};

describe('format messages', () => {
  it.each([
    [z.email(), 'x', 'dirección de correo electrónico no válida', 'not a valid e-mail address'],
    [z.url(), 'x', 'URL no válida', 'not a valid URL'],
    [z.uuid(), 'x', 'UUID no válido', 'not a valid UUID'],
    [z.iso.datetime(), 'x', 'fecha y hora no válidas: use ISO 8601, p. ej. 2026-11-02T14:30:00Z', 'not a valid date and time: use ISO 8601, e.g. 2026-11-02T14:30:00Z'],
    [z.iso.date(), 'x', 'fecha no válida: use AAAA-MM-DD, p. ej. 2026-11-02', 'not a valid date: use YYYY-MM-DD, e.g. 2026-11-02'],
    [z.ipv4(), 'x', 'dirección IPv4 no válida', 'not a valid IPv4 address'],
    [z.string().regex(/^[a-z]+$/), 'X1', 'no tiene el formato esperado', 'does not have the expected format'],
    [z.string().startsWith('ab'), 'x', 'debe empezar por "ab"', 'must start with "ab"'],
    [z.string().endsWith('.json'), 'x', 'debe terminar en ".json"', 'must end with ".json"'],
    [z.string().includes('@'), 'x', 'debe contener "@"', 'must contain "@"'],
  ])('%#: Spanish and English sentences', (schema, input, es, en) => {
    expect(said(schema, input, 'es')).toBe(es);
    expect(said(schema, input, 'en')).toBe(en);
  });

  it('no format reads as "Inválido …" or shows a pattern', () => {
    const schemas = [
      z.email(), z.url(), z.emoji(), z.uuid(), z.guid(), z.nanoid(), z.cuid(), z.cuid2(), z.ulid(),
      z.xid(), z.ksuid(), z.iso.datetime(), z.iso.date(), z.iso.time(), z.iso.duration(), z.ipv4(),
      z.ipv6(), z.cidrv4(), z.cidrv6(), z.base64(), z.base64url(), z.e164(), z.jwt(),
      z.string().lowercase(), z.string().uppercase(), z.string().regex(/^\d+$/),
    ];
    for (const schema of schemas) {
      const message = said(schema, 'Ñ NOT valid Ñ', 'es');
      expect(message).not.toMatch(/Inválid|inválid|patrón|\/\^/);
      expect(message).toMatch(/no válid|formato esperado|minúsculas|mayúsculas/);
    }
  });
});

describe('clarifyIssues', () => {
  it('says a well-formed day does not exist, and drops the comparison it spoiled', () => {
    expect(said(PostFilter, { from: '2026-02-30', to: '2026-03-01' }, 'es')).toBe(
      'from: fecha inexistente: ese día no existe en el calendario',
    );
    expect(said(PostFilter, { from: '2026-02-29', to: '2026-02-01' }, 'en')).toBe(
      'from: no such date: that day does not exist in the calendar',
    );
    // Malformed dates keep the how-to; real comparisons stay.
    expect(said(PostFilter, { from: '2026-13-01', to: '2026-12-01' }, 'es')).toBe(
      'from: no es una fecha válida: use AAAA-MM-DD, p. ej. 2026-11-02',
    );
    expect(said(PostFilter, { from: '2026-03-02', to: '2026-03-01' }, 'es')).toBe(
      'from: "from" no puede ser posterior a "to"',
    );
  });
});

describe('outbound URL messages', () => {
  it('have their Spanish', () => {
    for (const field of ['webhookUrl', 'baseUrl', 'channel'] as const) {
      for (const target of ['loopback', 'link-local', 'private', 'unspecified', 'metadata', 'reserved']) {
        expect(hasSpanish(outboundMessage(field, target))).toBe(true);
      }
    }
  });
});
