import { describe, expect, it } from 'vitest';
import { clusterPosts } from '../../../analytics/clusters.js';
import { emergingTerms, signedG2 } from '../../../analytics/emerging.js';
import { postEntities } from '../../../analytics/entities.js';
import { narrativesOf } from '../../../analytics/narratives.js';
import { displayForms, queryWords, tokenize } from '../../../analytics/tokenize.js';

describe('tokenize', () => {
  it('keeps folded content words, drops stopwords, links, mentions, hashtags and numbers', () => {
    expect(
      tokenize('¡La POLICÍA encontró a 3 jóvenes en https://x.co/a @PNC #Búsqueda! Policía'),
    ).toEqual(['policia', 'encontro', 'jovenes']);
    expect(queryWords('  Policía, la  ')).toEqual(['policia', 'la']);
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
    const first = narrativesOf(current, previous, { k: 4 });
    expect(first).toEqual(narrativesOf(current, previous, { k: 4 }));
    expect(first.map((n) => [n.size, n.previous])).toEqual([
      [30, 0],
      [20, 10],
    ]);
    expect(first[0]!.terms).toContain('apagon');
    expect(first[1]).toMatchObject({ trend: 100 });
    expect(first[0]!.samples.map((s) => s.id)).toEqual(['a0', 'a1', 'a2']);
  });

  it('leaves out posts without shared terms', () => {
    expect(clusterPosts([{ id: '1', text: '', terms: ['solo'] }]).clusters).toEqual([]);
  });
});

describe('displayForms', () => {
  it('gives back the accents people wrote, by the most frequent spelling', () => {
    const forms = displayForms(['Una niña de 12 años', 'hace años', 'anos sin tilde', 'Extorsión en buses']);
    expect(forms.get('anos')).toBe('años');
    expect(forms.get('nina')).toBe('niña');
    expect(forms.get('extorsion')).toBe('extorsión');
  });
});
