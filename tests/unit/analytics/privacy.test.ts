import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import {
  redactContacts,
  redactMentions,
  viewPost,
  type Disclosure,
} from '../../../analytics/privacy.js';
import { makeEnrichment, makePost } from '../../support/factories.js';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const sep = fc.constantFrom('', ' ', '-', '.');

describe('redactContacts', () => {
  test.each([
    ['GT', 'Llame al +502 5555-1234 ya'],
    ['GT sin +', 'whatsapp 502 4444 1234'],
    ['SV', 'Denuncias al (+503) 7123-4567'],
    ['HN', '+504 9988 7766'],
    ['NI', '+505-8888-1234'],
    ['CR', '+506 8312 3456'],
    ['PA', '+507 6123-4567'],
    ['PA fijo', '+507 212-3456'],
    ['DO 809', '+1 809 555 1234'],
    ['DO 829', '(829) 555-1234'],
    ['DO 849', '1-849-555-1234'],
    ['BZ', '+501 622-1234'],
    ['BZ local', 'call 622-1234 now'],
    ['local 8', 'al 5555-1234 o al 22501234'],
    ['international', 'from Spain +34 612 345 678'],
    ['00 prefix', '00502 5555 1234'],
  ])('%s', (_name, text) => {
    const out = redactContacts(text);
    expect(out).toContain('[teléfono]');
    expect(out).not.toMatch(/\d{3,}[\s.-]?\d{4}/);
  });

  it('redacts e-mail addresses', () => {
    expect(redactContacts('escriba a denuncias.gt@mp.gob.gt o a Ana+1@example.org')).toBe(
      'escriba a [correo] o a [correo]',
    );
  });

  it('keeps years, dates, times, amounts and small numbers', () => {
    const text =
      'Entre 2024-2025 hubo 1.250 casos (15%); el 02/11/2026 a las 10:30, Q25.000, 3 víctimas, km 14.5';
    expect(redactContacts(text)).toBe(text);
  });

  it('redacts every generated Central American phone number, whatever the separators', () => {
    const phone = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('+502', '+503', '+504', '+505', '+506', '+507'),
          sep,
          fc.integer({ min: 2, max: 9 }),
          digits(3),
          sep,
          digits(4),
        )
        .map((p) => p.join('')),
      fc
        .tuple(
          fc.constantFrom('+1 ', '1-', ''),
          fc.constantFrom('809', '829', '849', '(809) '),
          sep,
          digits(3),
          sep,
          digits(4),
        )
        .map((p) => p.join('')),
      fc
        .tuple(fc.constantFrom('+501 ', '+501-'), digits(3), fc.constantFrom('-', ' '), digits(4))
        .map((p) => p.join('')),
      fc
        .tuple(fc.integer({ min: 2, max: 9 }), digits(3), fc.constantFrom('-', ' ', ''), digits(4))
        .map((p) => p.join(''))
        // "2019-2020" reads as a range of years and is deliberately kept (tested below).
        .filter((p) => !/^(?:19|20)\d{2}[\s-](?:19|20)\d{2}$/.test(p)),
    );
    fc.assert(
      fc.property(
        phone,
        fc.constantFrom('Llame al ', 'Tel: ', '('),
        fc.constantFrom('', ' hoy', '.', ')'),
        (p, before, after) => {
          const out = redactContacts(`${before}${p}${after}`);
          return out.includes('[teléfono]') && !/\d{4}/.test(out);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('redactContacts and ranges of years', () => {
  it('keeps "2019-2020" (years) but redacts the same shape when it is not a range of years', () => {
    expect(redactContacts('Datos del periodo 2019-2020')).toBe('Datos del periodo 2019-2020');
    expect(redactContacts('Llame al 2219-2020')).toBe('Llame al [teléfono]');
  });
});

describe('views', () => {
  const none: Disclosure = { full: false, isAllowed: (_p, h) => h === 'pnc_sv' };

  it('replaces mentions of private accounts only', () => {
    expect(redactMentions('gracias @pnc_sv y @vecina, correo a@b.org', 'x', none)).toBe(
      'gracias @pnc_sv y @usuario, correo a@b.org',
    );
  });

  it('hides identity, link and contacts of private authors; keeps the pseudonym', () => {
    const post = {
      ...makePost({
        externalId: '1',
        text: 'tel 5555-1234 @vecina',
        mentions: ['vecina'],
        url: 'https://x/@a/1',
      }),
      id: 'mastodon:1',
      enrichment: makeEnrichment(),
    };
    const seen = viewPost(post, none);
    expect(seen.author).toMatchObject({
      id: 'a_author1',
      handle: null,
      name: null,
      location: null,
    });
    expect(seen).toMatchObject({ url: null, text: 'tel [teléfono] @usuario', mentions: [] });
    expect(viewPost(post, { full: true, isAllowed: () => true })).toBe(post);
  });
});
