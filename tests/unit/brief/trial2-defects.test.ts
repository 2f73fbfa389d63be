import { describe, expect, it } from 'vitest';
import { campaignLabel, sentimentPoints } from '../../../workers/brief/figures.js';
import { findings, largestChanges, MAX_FINDINGS } from '../../../workers/brief/findings.js';
import { impactMetricFor } from '../../../analytics/campaign-metric.js';
import { impactText } from '../../../workers/brief/sections.js';
import { textFor } from '../../../workers/brief/text.js';
import type { BriefCampaign, BriefNarrative } from '../../../workers/brief/types.js';
import { briefData, group, kpis } from './brief-data.js';

const es = textFor('es');
const narrative = (label: string, size: number, previous: number, trend: number | null): BriefNarrative => ({ label, terms: [], size, previous, trend, examples: [] });

describe('findings keep only meaningful, significant changes (trial 2, defect 1)', () => {
  it('drops a 3 % narrative rise, a 1 → 6 post narrative, 8 against 23 posts and 5 of 65 analysed', () => {
    const data = briefData({
      kpis: { current: kpis({ posts: 1000, analysed: 900, misogyny: 36 }), previous: kpis({ posts: 990, analysed: 900, misogyny: 36 }) },
      narratives: [narrative('campaña · conocen · derechos', 60, 58, 3.4), narrative('last · missing · please', 6, 1, 500)],
      countryTopics: [{ ...group('ninez_juventud', { posts: 8 }, { posts: 23 }), country: 'CR' }],
      countries: [group('CR', { analysed: 65, misogyny: 5, misogynyRate: 7.7 }, {}), group('GT', { analysed: 835, misogyny: 31, misogynyRate: 3.7 }, {})],
    });
    const result = findings(data);
    expect(result).toHaveLength(1);
    expect(result[0]!.text.replaceAll('\u00a0', ' ')).toBe('Ningún cambio de la semana es lo bastante grande y claro para destacarlo (1,000 publicaciones, 990 la semana anterior).');
    expect(largestChanges(data, 6)).toEqual([]);
  });

  it('keeps a real narrative growth, a new narrative with enough posts and a significant volume change, strongest first, at most five', () => {
    const data = briefData({
      kpis: { current: kpis({ posts: 1400 }), previous: kpis({ posts: 1000 }) },
      narratives: [narrative('extorsión · buses · cuota', 80, 40, 100), narrative('nueva · marcha', 25, 0, null)],
      countryTopics: [
        { ...group('extorsion', { posts: 300 }, { posts: 150 }), country: 'HN' },
        { ...group('robo', { posts: 30 }, { posts: 60 }), country: 'GT' },
      ],
    });
    const texts = findings(data).map((f) => f.text.replaceAll('\u00a0', ' '));
    expect(texts.length).toBeLessThanOrEqual(MAX_FINDINGS);
    expect(texts[0]).toBe('Se registraron 1,400 publicaciones, 40 % más que la semana anterior (1,000).'); // z ≈ 8.1
    // One narrative sentence, the strongest: 25 new posts (z = 5) before 80 against 40 (z ≈ 3.7).
    expect(texts).toContain('Surge una narrativa nueva, «nueva · marcha», con 25 publicaciones en la muestra de la semana.');
    expect(texts.filter((t) => t.includes('narrativa'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('extorsión en Honduras subieron 100 %'))).toBe(true);
  });
});

describe('campaign impact metric (trial 2, defect 2)', () => {
  it('reads gender-violence campaigns on the misogyny rate and the others on net sentiment', () => {
    expect(impactMetricFor({ name: 'Vidas libres de violencia', description: 'Campaña regional de prevención de la violencia contra las mujeres.', hashtags: ['VidasLibres', 'NoEstasSola'], keywords: [] })).toBe('misogynyRate');
    expect(impactMetricFor({ name: 'Calles seguras', description: 'Prevención de la violencia juvenil en el Triángulo Norte.', hashtags: ['CallesSeguras'], keywords: [] })).toBe('netSentiment');
    expect(impactMetricFor({ name: 'Safe Belize', description: 'Community safety campaign in Belize.', hashtags: ['SafeBelize'], keywords: [] })).toBe('netSentiment');
    expect(impactMetricFor({ name: 'Ni una menos', description: '', hashtags: ['NiUnaMenos'], keywords: [] })).toBe('misogynyRate');
  });

  it('says which metric and why, with unbreakable units', () => {
    const week = { posts: 50 } as BriefCampaign['week'];
    const impact = { levelChange: 3.2, ci95: [-1, 7.4], n: { before: 30, after: 20 } } as unknown as BriefCampaign['impact'];
    const text = impactText({ impact, impactUnavailable: null, impactMetric: 'netSentiment', week }, 'es', es);
    expect(text).toBe('Tras el lanzamiento, el sentimiento neto de la conversación (la campaña no trata de violencia de género) cambió +3.2\u00a0puntos (IC\u00a095\u00a0%: −1.0\u00a0puntos a +7.4\u00a0puntos); no hay evidencia suficiente para atribuirlo a la campaña.');
    const misogyny = impactText({ impact, impactUnavailable: null, impactMetric: 'misogynyRate', week }, 'es', es);
    expect(misogyny).toContain('la tasa de misoginia de la conversación (campaña sobre violencia de género) cambió +3.2\u00a0p.\u00a0p.');
    expect(es.see('Figura 4')).toBe('→\u00a0Figura\u00a04');
  });
});

describe('figures (trial 2, defect 3)', () => {
  it('wraps long campaign names on two lines instead of cutting them', () => {
    expect(campaignLabel('Safe Belize')).toBe('Safe Belize');
    expect(campaignLabel('Vidas libres de violencia')).toEqual(['Vidas libres de', 'violencia']);
  });

  it('draws no sentiment point without polar posts, none under 5, hollow under 30', () => {
    const day = (P: number, N: number) => ({ sentiment: { P, N }, netSentiment: P + N === 0 ? 0 : ((P - N) / (P + N)) * 100 });
    expect(sentimentPoints([day(0, 0), day(2, 0), day(8, 2), day(40, 20)])).toEqual([
      { value: null, kind: 'none' },
      { value: null, kind: 'omitted' },
      { value: 60, kind: 'small' },
      { value: (20 / 60) * 100, kind: 'ok' },
    ]);
  });
});

describe('brief ids', () => {
  it('keep two long scopes apart instead of cutting them to the same id', async () => {
    const { briefId } = await import('../../../workers/brief/generate.js');
    const campaigns = (last: string) => [...Array.from({ length: 9 }, (_, i) => `campana-muy-larga-de-prevencion-numero-${i}`), last];
    const a = briefId({ week: '2026-W47', locale: 'es', scope: { countries: ['HN'], campaigns: campaigns('final-a') } });
    const b = briefId({ week: '2026-W47', locale: 'es', scope: { countries: ['HN'], campaigns: campaigns('final-b') } });
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(128);
    expect(briefId({ week: '2026-W47', locale: 'en', scope: { countries: ['BZ'], campaigns: [] } })).toBe('2026-w47_en_c-bz');
  });
});
