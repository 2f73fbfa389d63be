import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, errorMap, hasSpanish, type Locale } from '../../../app/validation-messages.js';
import { AnnotationInput } from '../../../models/annotation.js';
import { Identifier, IsoDate } from '../../../models/common.js';
import { PostFilter } from '../../../models/filter.js';

const said = (schema: z.ZodType, input: unknown, locale: Locale) => {
  const result = schema.safeParse(input, { error: errorMap(locale) });
  if (result.success) throw new Error('expected a validation error');
  return describeIssues(result.error, locale);
};

describe('validation messages', () => {
  it('say the common issues plainly, in Spanish or English', () => {
    const Form = z.object({
      name: z.string().min(1),
      code: z.string().min(3).max(5),
      tags: z.array(z.string()).max(2),
      limit: z.number().int().min(1).max(500),
      kind: z.enum(['a', 'b']),
      flag: z.boolean(),
    });
    const input = { name: '', code: 'toolong', tags: ['x', 'y', 'z'], limit: 0, kind: 'c', flag: 'yes' };
    expect(said(Form, input, 'es')).toBe(
      'name: no puede estar vacío; code: debe tener como máximo 5 caracteres; tags: debe tener como máximo 2 elementos; limit: debe ser ≥ 1; kind: valor no válido: use uno de a, b',
    );
    expect(said(Form, input, 'en')).toBe(
      'name: must not be empty; code: must have at most 5 characters; tags: must have at most 2 items; limit: must be ≥ 1; kind: invalid value: use one of a, b',
    );
    expect(said(Form, { ...input, name: 'x', code: 'abc', tags: [], limit: 1, kind: 'a' }, 'es')).toBe('flag: se esperaba verdadero o falso');
    expect(said(z.object({ name: z.string() }), {}, 'es')).toBe('name: falta este campo');
    expect(said(z.object({ tags: z.array(z.string()).min(1) }), { tags: [] }, 'es')).toBe('tags: no puede estar vacío');
    expect(said(z.object({ tags: z.array(z.string()).min(2) }), { tags: [] }, 'en')).toBe('tags: must have at least 2 items');
    expect(said(z.object({ name: z.string() }), {}, 'en')).toBe('name: this field is required');
    // Issues without a plain sentence come from zod's locale.
    expect(said(z.email(), 'nope', 'es')).toMatch(/correo/i);
  });

  it("translate the schemas' own English messages to Spanish", () => {
    expect(said(IsoDate, '2026-13-01', 'es')).toBe('no es una fecha válida: use AAAA-MM-DD, p. ej. 2026-11-02');
    expect(said(IsoDate, '2026-13-01', 'en')).toBe('not a valid YYYY-MM-DD date, e.g. 2026-11-02');
    expect(said(Identifier, 'Mi Campaña', 'es')).toBe('use minúsculas, dígitos, "_" o "-"');
    expect(said(PostFilter, { from: '2026-11-10', to: '2026-11-01' }, 'es')).toBe('from: "from" no puede ser posterior a "to"');
    expect(said(AnnotationInput, { postId: 'x' }, 'es')).toBe('una anotación debe corregir al menos una etiqueta');
  });

  it('have a Spanish text for every message a schema writes', () => {
    const files = ['models', 'server/routes'].flatMap((dir) =>
      readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)),
    );
    const messages = files.flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return [
        ...[...source.matchAll(/message: '((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!),
        ...[...source.matchAll(/\.regex\([^,]+, '((?:[^'\\]|\\.)*)'\)/g)].map((m) => m[1]!),
        ...[...source.matchAll(/^\s*\? '((?:[^'\\]|\\.)*)'$|^\s*: '((?:[^'\\]|\\.)*)',$/gm)].map((m) => (m[1] ?? m[2])!),
      ];
    });
    expect(messages.length).toBeGreaterThanOrEqual(10);
    expect(messages.filter((message) => message !== 'csv | json' && !hasSpanish(message))).toEqual([]);
  });
});
