import { describe, expect, it } from 'vitest';
import { sharedAnalyzer } from './helpers/shared.js';

async function places(text: string, authorLocation: string | null = null, hashtags?: string[]) {
  return (await sharedAnalyzer()).analyze({ text, authorLocation, hashtags }).places;
}

describe('places', () => {
  it('resolves municipalities to country and first-level division', async () => {
    const [p] = await places('Balacera en Soyapango deja dos muertos');
    expect(p).toMatchObject({ country: 'SV', admin1: 'San Salvador', from: 'text' });
    expect((await places('Asalto en Desamparados'))[0]).toMatchObject({
      country: 'CR',
      admin1: 'San José',
    });
    expect((await places('Three men shot in Belmopan'))[0]).toMatchObject({
      country: 'BZ',
      admin1: 'Cayo',
    });
  });

  it('uses the profile location and flags', async () => {
    expect((await places('Qué miedo salir', 'Tegucigalpa, Honduras'))[0]).toMatchObject({
      country: 'HN',
      admin1: 'Francisco Morazán',
      from: 'profile',
    });
    expect((await places('Qué miedo salir', 'Guate 🇬🇹'))[0]!.country).toBe('GT');
  });

  it('prefers the place the post names over where its author lives', async () => {
    const [first, second] = await places('Otro femicidio en Comayagua, tenía 19 años', 'San Salvador, El Salvador');
    expect(first).toMatchObject({ country: 'HN', admin1: 'Comayagua', from: 'text' });
    expect(second).toMatchObject({ country: 'SV', from: 'profile' });
    // A common word capitalised only because it starts the sentence is not a place.
    const [only] = await places('Ola de asaltos en los buses de Santo Domingo Este', 'Ciudad de Panamá');
    expect(only).toMatchObject({ country: 'DO', from: 'text' });
  });

  it('reads hashtags', async () => {
    expect((await places('Justicia #Honduras'))[0]).toMatchObject({
      country: 'HN',
      from: 'hashtag',
    });
    expect((await places('Basta', null, ['SanPedroSula']))[0]).toMatchObject({
      country: 'HN',
      admin1: 'Cortés',
    });
  });

  it('disambiguates Santa Ana, San Miguel and Colón by context', async () => {
    expect(await places('Femicidio en Santa Ana')).toEqual([]);
    expect((await places('Femicidio en Santa Ana, El Salvador'))[0]).toMatchObject({
      country: 'SV',
      admin1: 'Santa Ana',
    });
    expect((await places('Robo en Santa Ana', 'San José, Costa Rica'))[0]).toMatchObject({
      country: 'CR',
      admin1: 'San José',
    });
    expect((await places('Balacera en San Miguel', 'El Salvador'))[0]).toMatchObject({
      country: 'SV',
      admin1: 'San Miguel',
    });
    expect((await places('Tiroteo en Colón, Panamá'))[0]).toMatchObject({
      country: 'PA',
      admin1: 'Colón',
    });
    expect((await places('Ataque en Tocoa, Colón'))[0]).toMatchObject({
      country: 'HN',
      admin1: 'Colón',
    });
    // Named in Honduras, but San Miguel is not a Honduran division: country level only.
    expect(
      (await places('En San Miguel hubo un tiroteo, según medios de Honduras'))[0],
    ).toMatchObject({ country: 'HN', admin1: null });
  });

  it('ignores place names that are common words or names', async () => {
    expect(await places('Gracias a todos por su apoyo')).toEqual([]);
    expect(await places('David me dijo que no viene')).toEqual([]);
    expect(await places('Cuesta diez mil colones la entrada')).toEqual([]);
    expect(await places('la paz empieza en casa')).toEqual([]);
  });

  it('sorts places best first', async () => {
    const result = await places(
      'Migrantes hondureños llegan a Panamá desde Colón y San Miguelito',
      'Panamá',
    );
    expect(result[0]!.country).toBe('PA');
    expect(result.map((p) => p.country)).toContain('HN');
  });
});

describe('placeMatches and namesPlace (what the classifiers do not read)', () => {
  it('finds place names, a common-word name only when capitalised mid-sentence', async () => {
    const { namesPlace, placeMatches } = await import('../../../nlp/places.js');
    const { sharedResources } = await import('./helpers/shared.js');
    const gaz = sharedResources().gazetteer;
    const spans = (text: string) => {
      const words = text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/).filter(Boolean);
      return placeMatches(words, gaz)
        .filter((hit) => namesPlace(hit, text, gaz))
        .map((hit) => words.slice(hit.start, hit.end).join(' '));
    };
    expect(spans('Marcha en Santiago de los Caballeros y en Santa Ana')).toEqual(['santiago de los caballeros', 'santa ana']);
    expect(spans('Queremos la paz en nuestras colonias')).toEqual([]);
    expect(spans('Capturan a dos hombres en La Paz')).toEqual(['la paz']);
  });
});
