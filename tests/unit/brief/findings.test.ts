import { describe, expect, it } from 'vitest';
import { findings, largestChanges } from '../../../workers/brief/findings.js';
import { briefData, group, kpis } from './brief-data.js';

const nb = (text: string) => text.replaceAll('\u00a0', ' ');

describe('findings(data)', () => {
  it('opens with the volume and its change, in plain Spanish', () => {
    const data = briefData({ kpis: { current: kpis({ posts: 1344 }), previous: kpis({ posts: 1200 }) } });
    expect(findings(data).map((f) => ({ ...f, text: nb(f.text) }))).toEqual([
      { text: 'Se registraron 1,344 publicaciones, 12 % más que la semana anterior (1,200).', figureRef: 'kpi' },
    ]);
    expect(nb(findings(data, 'en')[0]!.text)).toBe('1,344 posts were recorded, 12% more than the previous week (1,200).');
  });

  it('says so when there is nothing to compare with, or no data at all', () => {
    expect(findings(briefData({ kpis: { current: kpis({ posts: 10 }), previous: kpis() } }))[0]!.text).toBe(
      'Se registraron 10 publicaciones; la semana anterior no hubo datos para comparar.',
    );
    expect(findings(briefData({ kpis: { current: kpis(), previous: kpis() } }))[0]!.text).toMatch(/^No se registraron publicaciones/);
  });

  it('names the largest topic change by country with both numbers', () => {
    const data = briefData({
      countryTopics: [
        { ...group('extorsion', { posts: 312 }, { posts: 211 }), country: 'HN' },
        { ...group('robo', { posts: 25 }, { posts: 22 }), country: 'GT' }, // +14 %: below the bar
        { ...group('femicidio', { posts: 12 }, { posts: 3 }), country: 'SV' }, // too few posts
      ],
    });
    const texts = findings(data).map((f) => nb(f.text));
    expect(texts).toContain('Las publicaciones sobre extorsión en Honduras subieron 48 % respecto de la semana anterior (312 frente a 211).');
    expect(findings(data).find((f) => f.text.includes('extorsión'))!.figureRef).toBe('tab1');
    expect(texts.join(' ')).not.toMatch(/robos|femicidios/);
    expect(nb(findings(data, 'en').find((f) => f.figureRef === 'tab1')!.text)).toBe(
      'Posts about extortion in Honduras rose 48% on the previous week (312 against 211).',
    );
  });

  it('keeps one sentence per topic and ranks large, unlikely-to-be-noise changes first', () => {
    const data = briefData({
      countryTopics: [
        { ...group('extorsion', { posts: 30 }, { posts: 15 }), country: 'GT' },
        { ...group('extorsion', { posts: 400 }, { posts: 250 }), country: 'HN' },
        { ...group('robo', { posts: 0 }, { posts: 40 }), country: 'PA' },
        { ...group('trata', { posts: 22 }, { posts: 0 }), country: 'DO' },
      ],
    });
    const rows = largestChanges(data, 5);
    // trata in DO (22 against 0) is below the 30-post floor of a count change.
    expect(rows.map((r) => `${r.topic}:${r.country}`)).toEqual(['robo:PA', 'extorsion:HN']);
    const texts = findings(data).map((f) => nb(f.text));
    expect(texts).toContain('Las publicaciones sobre robos y asaltos en Panamá bajaron 100 % respecto de la semana anterior (0 frente a 40).');
    expect(texts.filter((t) => t.includes('trata'))).toEqual([]); // only the two strongest changes are sentences
  });

  it('reports the misogyny rate, the country where it is highest, alerts and a new narrative, at most five sentences', () => {
    const data = briefData({
      kpis: {
        current: kpis({ posts: 1000, analysed: 900, misogyny: 63, misogynyRate: 7, sentiment: { P: 100, NEU: 500, N: 300 }, netSentiment: -50 }),
        previous: kpis({ posts: 950, analysed: 850, misogyny: 41, misogynyRate: 4.8, sentiment: { P: 200, NEU: 400, N: 250 }, netSentiment: -11.1 }),
      },
      countries: [group('GT', { analysed: 494, misogyny: 45, misogynyRate: 9.1 }, {}), group('HN', { analysed: 300, misogyny: 9, misogynyRate: 3 }, {})],
      narratives: [{ label: 'desaparecida · joven · búsqueda', terms: [], size: 85, previous: 0, trend: null, examples: [] }],
      alerts: [{ rule: 'Extorsión en Honduras', bucket: '2026-11-18T00:00:00.000Z', severity: 'high', observed: 48, expected: 17, score: 6, scope: null, message: '' }],
    });
    const result = findings(data);
    expect(result).toHaveLength(5);
    const texts = result.map((f) => nb(f.text));
    // 1,000 against 950 posts is within Poisson noise (z ≈ 1.1): no volume sentence; the severe alert leads.
    expect(texts.some((t) => t.startsWith('Se registraron'))).toBe(false);
    expect(texts[0]).toBe('Se activó 1 alerta (1 de severidad alta); la más grave: «Extorsión en Honduras», el 18 de noviembre.');
    expect(texts).toContain('La tasa de misoginia subió a 7 % de las publicaciones analizadas, desde 4.8 % la semana anterior.');
    expect(texts).toContain('Surge una narrativa nueva, «desaparecida · joven · búsqueda», con 85 publicaciones en la muestra de la semana.');
    expect(texts).toContain('Guatemala tuvo la tasa de misoginia más alta: 9.1 % (45 de 494 publicaciones analizadas).');
    expect(texts).toContain('El sentimiento neto empeoró de −11 a −50 puntos.');
    expect(result.map((f) => f.figureRef)).toEqual(expect.arrayContaining(['kpi', 'alerts', 'narratives']));
  });

  it('is pure: the same data gives the same sentences', () => {
    const data = briefData({ countryTopics: [{ ...group('extorsion', { posts: 312 }, { posts: 211 }), country: 'HN' }] });
    expect(findings(structuredClone(data))).toEqual(findings(data));
  });
});
