import { describe, expect, it } from 'vitest';
import type { StoredPost } from '../../../models/store.js';
import { exampleOf, pseudonymLabel } from '../../../workers/brief/examples.js';
import { makeEnrichment, makePost } from '../../support/factories.js';

function stored(text: string, facts: Parameters<typeof makeEnrichment>[0] = {}, handle = 'vecina_anonima'): StoredPost {
  const post = makePost({ externalId: '1', text, author: { id: 'a_Xy12AbCdEfGhIjKlMnOpQr', handle, name: 'María Pérez', followers: 10, verified: false, location: 'Tegucigalpa' } });
  return { ...post, id: 'mastodon:1', enrichment: makeEnrichment(facts) };
}

describe('example posts as printed in the brief', () => {
  it('redacts phones, e-mails, links and mentions of private accounts, and pseudonymises the author', () => {
    const example = exampleOf(stored('Denuncie al 9876-5432 o a denuncias@ejemplo.org, @juanito lo vio https://ejemplo.org/caso?id=4'));
    expect(example.text).toBe('Denuncie al [teléfono] o a [correo], @usuario lo vio [enlace]');
    expect(example.author).toBe(pseudonymLabel('a_Xy12AbCdEfGhIjKlMnOpQr'));
    expect(example.author).toMatch(/^#[0-9a-f]{6}$/);
    expect(JSON.stringify(example)).not.toMatch(/María|vecina_anonima|Tegucigalpa/);
    expect(example.publicAuthor).toBe(false);
  });

  it('flags misogynistic, hateful or violent posts for a content warning, and shortens long ones', () => {
    expect(exampleOf(stored('texto', { misogyny: true })).sensitive).toBe(true);
    expect(exampleOf(stored('texto', { topics: ['femicidio'] })).sensitive).toBe(true);
    expect(exampleOf(stored('texto', { topics: ['prevencion'] })).sensitive).toBe(false);
    const long = exampleOf(stored('palabra '.repeat(100)));
    expect(long.text.length).toBeLessThanOrEqual(280);
    expect(long.text.endsWith('…')).toBe(true);
  });
});
