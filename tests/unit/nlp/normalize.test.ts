import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../../../nlp/text/fold.js';
import { segmentHashtag } from '../../../nlp/text/hashtags.js';
import { normalize, prepare, tokenize, TOKEN_RE } from '../../../nlp/text/normalize.js';
import { sharedResources } from './helpers/shared.js';

const text = () => sharedResources().bundle.text;
const FIXTURES = new URL('../../fixtures/nlp/', import.meta.url);

describe('normalisation', () => {
  it('replaces URLs, mentions and EmoEvent placeholders', () => {
    const n = normalize('@Juan_Perez mira esto https://t.co/abc USER y HASHTAG', text());
    expect(n.words).toEqual(['_user_', 'mira', 'esto', '_url_', '_user_', 'y', '_hashtag_']);
    expect(n.mentions).toEqual(['juan_perez']);
    expect(n.stats.urls).toBe(1);
  });

  it('collapses elongations and laughter, expands abbreviations', () => {
    const n = normalize('Siiiii q bueno xq tmb vienes x la tarde jajajaja', text());
    expect(n.text).toBe('si que bueno porque tambien vienes por la tarde jaja');
    expect(n.stats.elongations).toBe(1);
    expect(n.stats.laughs).toBe(1);
  });

  it('does not carry negation flags over to the next post', () => {
    const negated = normalize('no me gusta nada esto', text());
    expect([...negated.negated]).toContain(1);
    const plain = normalize('me gusta mucho esto', text());
    expect([...plain.negated]).toEqual([0, 0, 0, 0]);
  });

  it('tokenizes exactly like the token regex', () => {
    const fixtures = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(new URL(f, FIXTURES), 'utf8').split('\n').filter(Boolean))
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const tricky = [
      'a_url_b _user__hashtag_ _urlx _ __url_',
      'x٣y ²³ Ⅻ 𝐀𝐁 中文 ß',
      '¿qué? ¡ya! a.b,c;d:e',
      '😀😀 \u{1F469}\u200D\u{1F4BB} ©® ‼⁉ #*',
      'lone \uD800 and \uDC00 surrogates',
      'e\u0301 cafe\u0301 \uFE0F',
      '',
    ];
    for (const s of [...fixtures, ...tricky])
      for (const t of [s, fold(s)]) expect(tokenize(t)).toEqual(t.match(TOKEN_RE) ?? []);
  });

  it('keeps emoji as tokens', () => {
    const n = normalize('Qué miedo 😱😱 salir', text());
    expect(n.emojis).toEqual(['😱', '😱']);
    expect(n.words).toContain('😱');
  });

  it('folds accents for matching only', () => {
    expect(fold('Peñón JAMÁS Árbitro')).toBe('penon jamas arbitro');
    const n = normalize('El árbitro', text());
    expect(n.text).toBe('el arbitro');
  });

  it('marks negation scope until punctuation or a closing word', () => {
    const n = normalize('No me gusta nada esto. Pero bueno', text());
    const negated = n.words.filter((_, i) => n.negated[i] === 1);
    expect(negated).toEqual(['me', 'gusta', 'esto']);
    const m = normalize('nunca fue seguro pero ahora si', text());
    expect(m.words.filter((_, i) => m.negated[i] === 1)).toEqual(['fue', 'seguro']);
    const j = normalize('jamás volveré, tampoco ella', text());
    expect(j.words.filter((_, i) => j.negated[i] === 1)).toEqual(['volvere', 'ella']);
  });

  it('keeps negation off for English abbreviations in Spanish posts', () => {
    const n = normalize('ni una menos', text());
    expect(n.negated[0]).toBe(0);
    expect(n.negated[1]).toBe(1);
  });
});

describe('hashtag segmentation', () => {
  const seg = () => text().segment;
  it('splits camelCase hashtags', () => {
    expect(segmentHashtag('#DesaprendamosASerMachistas', seg())).toBe(
      'desaprendamos a ser machistas',
    );
    expect(segmentHashtag('JusticiaParaMaría', seg())).toBe('justicia para maria');
  });
  it('splits lower-case hashtags with the dictionary', () => {
    expect(segmentHashtag('niunamenos', seg())).toBe('ni una menos');
    expect(segmentHashtag('vivasnosqueremos', seg())).toBe('vivas nos queremos');
  });
  it('separates digits and keeps unknown tags whole', () => {
    expect(segmentHashtag('Guate2024', seg())).toBe('guate 2024');
    expect(segmentHashtag('xqzwv', seg())).toBe('xqzwv');
  });
  it('puts the segmented words in the normalised text', () => {
    const p = prepare('Basta ya #NiUnaMenos', text());
    expect(p.hashtags).toEqual(['niunamenos']);
    expect(normalize('Basta ya #NiUnaMenos', text()).text).toBe('basta ya ni una menos');
  });
});
