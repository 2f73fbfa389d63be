import { describe, expect, it } from 'vitest';
import { clusterPosts } from '../../../analytics/clusters.js';
import { emergingTerms, signedG2 } from '../../../analytics/emerging.js';
import { postEntities } from '../../../analytics/entities.js';
import { narrativesOf } from '../../../analytics/narratives.js';
import { displayForms, hashtagForms, languageOf, tokenize } from '../../../analytics/tokenize.js';

describe('tokenize', () => {
  it('keeps folded content words, drops stopwords, links, mentions, hashtags and numbers', () => {
    expect(
      tokenize('¡La POLICÍA encontró a 3 jóvenes en https://x.co/a @PNC #Búsqueda! Policía'),
    ).toEqual(['policia', 'encontro', 'jovenes']);
  });

  it('drops words of time: a rising "mes" says when, not what', () => {
    expect(tokenize('Van 12 mujeres asesinadas este mes en noviembre, el peor año')).toEqual(['mujeres', 'asesinadas', 'peor']);
  });

  it('tells English posts from Spanish ones by their function words', () => {
    expect(
      languageOf('Police in Belize City arrest two men after an armed robbery at a shop.'),
    ).toBe('en');
    expect(languageOf('Missing: Karla, 19, last seen in Dangriga. Please share.')).toBe('en');
    expect(
      languageOf('Asaltan un bus en Dangriga; los pasajeros perdieron celulares y dinero.'),
    ).toBe('es');
    expect(languageOf('Apagón masivo #SinLuz')).toBe('es');
  });

  it('normalises entities', () => {
    expect(
      postEntities({
        text: 'x',
        hashtags: ['#NiUnaMenos', 'niunamenos', 'Búsqueda'],
        mentions: ['@PNC_SV'],
        links: ['https://a.org/'],
      }),
    ).toEqual({
      hashtag: ['niunamenos', 'busqueda'],
      mention: ['pnc_sv'],
      link: ['https://a.org'],
      term: [],
    });
  });
});

describe('emerging terms', () => {
  it('scores rises by G², signed, ignoring rare and steady terms', () => {
    expect(signedG2(50, 1000, 50, 4000)).toBeGreaterThan(10.83);
    expect(signedG2(10, 1000, 80, 4000)).toBeLessThan(0);
    const rows = [
      { kind: 'term' as const, value: 'apagon', count: 50, baseline: 10 },
      { kind: 'term' as const, value: 'policia', count: 100, baseline: 400 },
      { kind: 'hashtag' as const, value: 'raro', count: 3, baseline: 0 },
    ];
    const out = emergingTerms(rows, { windowPosts: 1000, baselinePosts: 4000 });
    expect(out.map((t) => t.value)).toEqual(['apagon']);
    expect(out[0]).toMatchObject({ count: 50, expected: 2.5 });
  });
});

describe('narratives', () => {
  const theme = (words: string, n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}${i}`,
      text: `${words} ${['hoy', 'ahora', 'otra vez'][i % 3]} caso${i}`,
    }));

  it('separates two conversations, deterministically, with trend against the previous period', () => {
    const current = [
      ...theme('apagón masivo Tegucigalpa energía', 30, 'a'),
      ...theme('extorsión buses transporte pandillas', 20, 'e'),
    ];
    const previous = theme('extorsión buses transporte pandillas', 10, 'p');
    const set = narrativesOf(current, previous, { k: 4 });
    expect(set).toEqual(narrativesOf(current, previous, { k: 4 }));
    expect(set).toMatchObject({ sampled: 50, other: 0 });
    const first = set.narratives;
    expect(first.map((n) => [n.size, n.previous])).toEqual([
      [30, 0],
      [20, 10],
    ]);
    expect(first[0]!.terms).toContain('apagon');
    expect(first[1]).toMatchObject({ trend: 100 });
    expect(first[0]!.samples.map((s) => s.id)).toEqual(['a0', 'a1', 'a2']);
  });

  it('gives each theme its own narrative: label, size and samples describe the same posts', () => {
    // Three Spanish themes (sharing the words "gente" and "barrio"), an English one and a small
    // Spanish one on the same shooting in Belize City, and noise. The newest post of each theme
    // is peripheral: a few of its words, in a place no other post names.
    const places = ['Mixco', 'Soyapango', 'Choloma', 'Pavas', 'Colón', 'Belize City'];
    const themes = {
      apagon: {
        n: 24,
        core: 'Apagón masivo en {p}: sin energía eléctrica desde la madrugada, la gente del barrio protesta',
        edge: 'Sin energía eléctrica otra vez en Tocumen',
      },
      extorsion: {
        n: 18,
        core: 'Extorsión a buses del transporte en {p}: pandillas cobran renta, la gente del barrio teme',
        edge: 'Pandillas cobran renta en Limón',
      },
      lluvias: {
        n: 14,
        core: 'Lluvias intensas inundan {p}; familias evacuadas a albergues, la gente del barrio ayuda',
        edge: 'Lluvias intensas otra vez en Puntarenas',
      },
      shooting: {
        n: 9,
        core: 'Shooting in {p} leaves one man dead; police are investigating the gang attack',
        edge: 'Another shooting in Dangriga, police say',
      },
    };
    const spanishShooting = Array.from({ length: 4 }, (_, i) => ({
      id: `tiroteo${i}`,
      text: `Tiroteo en Belize City: ${['vecinos', 'testigos', 'familiares', 'amigos'][i]} piden justicia`,
    }));
    // Noise: 12 posts of 3 words each from 9, no two sharing more than one word (the lines of
    // the affine plane over Z3), so every word is in 4 posts but no two posts are alike.
    const words = [
      'partido',
      'concierto',
      'almuerzo',
      'boda',
      'torneo',
      'bautizo',
      'feria',
      'desfile',
      'carnaval',
    ];
    const lines = [0, 1, 2].flatMap((c) => [
      [0, 1, 2].map((x) => [x, c]),
      [0, 1, 2].map((y) => [c, y]),
      [0, 1, 2].map((x) => [x, (x + c) % 3]),
      [0, 1, 2].map((x) => [x, (2 * x + c) % 3]),
    ]);
    const noise = lines.map((line, i) => ({
      id: `ruido${i}`,
      text: `¡Qué ${line.map(([x, y]) => words[x! * 3 + y!]).join(', ')}!`,
    }));
    const current: { id: string; text: string }[] = [];
    for (const [name, theme] of Object.entries(themes)) {
      for (let i = 0; i < theme.n; i++) {
        const template = i === 0 ? theme.edge : theme.core;
        current.push({
          id: `${name}${i}`,
          text: template.replace('{p}', places[i % places.length]!),
        });
      }
    }
    // Interleave by position so no theme is simply "the newest posts".
    const posts = [...current, ...spanishShooting, ...noise].sort(
      (a, b) =>
        Number(/\d+$/.exec(a.id)![0]) - Number(/\d+$/.exec(b.id)![0]) || (a.id < b.id ? -1 : 1),
    );
    const set = narrativesOf(posts, [], { k: 8 });
    expect(set).toEqual(narrativesOf(posts, [], { k: 8 }));
    const { narratives } = set;
    const themeOf = (id: string) => id.replace(/\d+$/, '');
    expect(narratives.map((n) => [themeOf(n.samples[0]!.id), n.size])).toEqual([
      ['apagon', 24],
      ['extorsion', 18],
      ['lluvias', 14],
      ['shooting', 9],
      ['tiroteo', 4],
    ]);
    for (const n of narratives) {
      const theme = themeOf(n.samples[0]!.id);
      // Samples: distinct posts of the theme, the central ones (not the newest, peripheral one).
      expect(n.samples).toHaveLength(3);
      if (theme === 'tiroteo') continue;
      expect(n.samples.map((s) => themeOf(s.id))).toEqual([theme, theme, theme]);
      expect(n.samples.map((s) => s.id)).not.toContain(`${theme}0`);
      // The label holds words of the theme, not the words every theme shares.
      expect(n.terms).not.toContain('gente');
      expect(n.terms).not.toContain('barrio');
      expect(
        n.terms.slice(0, 3).every((t) =>
          themes[theme as keyof typeof themes].core
            .toLowerCase()
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .includes(t),
        ),
      ).toBe(true);
    }
    // The noise joins no narrative: it is "other topics".
    expect(narratives.reduce((sum, n) => sum + n.size, 0)).toBe(24 + 18 + 14 + 9 + 4);
    expect(set.sampled).toBe(posts.length);
    expect(set.other).toBe(posts.length - (24 + 18 + 14 + 9 + 4));
    // Narratives beyond the limit count as other topics too.
    expect(narrativesOf(posts, [], { k: 8, limit: 2 })).toMatchObject({ other: posts.length - 24 - 18 });
  });

  it('keeps posts far from every centroid out of the clusters, and languages apart', () => {
    const posts = [
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `es${i}`,
        text: 'Tiroteo en Belize City deja un muerto',
        terms: ['tiroteo', 'belize', 'city', 'deja', 'muerto'],
        lang: 'es',
      })),
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `en${i}`,
        text: 'Shooting in Belize City',
        terms: ['shooting', 'belize', 'city'],
        lang: 'en',
      })),
      ...Array.from({ length: 3 }, (_, i) => ({
        id: `x${i}`,
        text: 'otra cosa',
        terms: ['muerto', `otra${i}`, `cosa${i}`],
        lang: 'es',
      })),
    ];
    const { clusters, outliers, assign } = clusterPosts(posts, { k: 4, minDf: 1 });
    expect(clusters.map((c) => [c.lang, c.members.length])).toEqual([
      ['es', 6],
      ['en', 6],
    ]);
    expect(outliers).toEqual([12, 13, 14]);
    expect(assign(['belize', 'city'], 'en')).toMatchObject({ index: 1 });
    expect(assign(['belize', 'city'], 'es')).toMatchObject({ index: 0 });
    expect(assign(['belize', 'city'], 'fr')).toBeNull();
  });

  it('leaves out posts without shared terms', () => {
    expect(clusterPosts([{ id: '1', text: '', terms: ['solo'] }]).clusters).toEqual([]);
  });
});

describe('displayForms', () => {
  it('gives back the accents people wrote, by the most frequent spelling', () => {
    const forms = displayForms([
      'Una niña de 12 años',
      'hace años',
      'anos sin tilde',
      'Extorsión en buses',
    ]);
    expect(forms.get('anos')).toBe('años');
    expect(forms.get('nina')).toBe('niña');
    expect(forms.get('extorsion')).toBe('extorsión');
  });

  it('breaks a tie between spellings toward the accented one', () => {
    expect(displayForms(['la policia llegó', 'la policía llegó']).get('policia')).toBe('policía');
    expect(displayForms(['la policia', 'la policía', 'otra policia']).get('policia')).toBe('policia');
  });
});

describe('hashtagForms', () => {
  it('keeps the capitals and accents people wrote in a hashtag, only for the asked ones', () => {
    const texts = ['#NiUnaMenos en San Salvador', 'marcha #NiUnaMenos #niunamenos', '#Búsqueda activa', 'sin etiqueta'];
    const forms = hashtagForms(texts);
    expect(forms.get('niunamenos')).toBe('NiUnaMenos');
    expect(forms.get('busqueda')).toBe('Búsqueda');
    expect([...hashtagForms(texts, new Set(['busqueda'])).keys()]).toEqual(['busqueda']);
  });

  it('reads a tag to its end and ignores @mentions and words without #', () => {
    const forms = hashtagForms(['@NiUnaMenos dijo NiUnaMenos', '#Ni_Una_Menos2026!']);
    expect(forms.has('niunamenos')).toBe(false);
    expect(forms.get('ni_una_menos2026')).toBe('Ni_Una_Menos2026');
  });
});

describe('labelUnits', () => {
  it('joins two label terms that most members write side by side, in their order', async () => {
    const { labelUnits } = await import('../../../analytics/narratives.js');
    const posts = [
      'Balacera en Orange Walk deja dos heridos',
      'Otra balacera en Orange Walk esta noche',
      'Orange Walk: balacera cerca del mercado',
      'Policía investiga balacera en Orange Walk',
    ].map((text) => ({ terms: tokenize(text) }));
    expect(labelUnits(['orange', 'balacera', 'walk', 'heridos'], [0, 1, 2, 3], posts)).toEqual([['orange', 'walk'], ['balacera'], ['heridos']]);
    // Words that only share posts stay apart.
    expect(labelUnits(['balacera', 'policia', 'heridos'], [0, 1, 2, 3], posts)).toEqual([['balacera'], ['policia'], ['heridos']]);
  });
});
