/**
 * The stored form of an analysis (store/enrichment-codec.ts): compact, lossless, and readable
 * whether a row was written compact or, as before, as plain JSON.
 */
import { describe, expect, it } from 'vitest';
import { Enrichment } from '../../../models/enrichment.js';
import { loadAnalyzer } from '../../../nlp/analyze.js';
import { decodeEnrichment, encodeEnrichment } from '../../../store/enrichment-codec.js';
import { enrichmentsOf } from '../../../workers/enrichment.js';
import { analysisInput } from '../../../workers/processors/enrich.js';
import { makeCampaign, makePost } from '../../support/factories.js';

const analyzer = await loadAnalyzer();
const TEXTS = [
  'Otra mujer asesinada en San Pedro Sula, basta de feminicidios #NiUnaMenos',
  'Las mujeres no sirven para mandar, que se callen',
  'Belize City police report a robbery on Albert Street last night',
  'Bom dia a todos',
];
const enrichments = await enrichmentsOf(
  analyzer,
  TEXTS.map((text, i) =>
    analysisInput(
      {
        ...makePost({ externalId: `c${i}`, text, hashtags: ['#NiUnaMenos'] }),
        id: `c${i}`,
        enrichment: null,
      },
      [makeCampaign()],
    ),
  ),
  '2026-11-28T12:00:00.000Z',
);

describe('enrichment codec', () => {
  it('gives back exactly the analysis it stored', () => {
    for (const enrichment of enrichments) {
      const decoded = decodeEnrichment(encodeEnrichment(enrichment));
      expect(decoded).toEqual(enrichment);
      expect(Enrichment.parse(decoded)).toEqual(enrichment);
    }
    // The sample has explanations in every place the codec packs.
    const all = enrichments;
    expect(all.some((e) => e.topics.some((t) => t.explanation.length > 0))).toBe(true);
    expect(all.some((e) => e.places.some((p) => p.explanation.length > 0))).toBe(true);
    expect(all.some((e) => e.campaigns.some((c) => c.explanation.length > 0))).toBe(true);
    expect(all.some((e) => e.misogyny.explanation.length > 0)).toBe(true);
  });

  it('writes explanations as flat arrays, well under the plain JSON', () => {
    const enrichment = enrichments[0]!;
    const text = encodeEnrichment(enrichment);
    const stored = JSON.parse(text) as { sentiment: { explanation: unknown[] } };
    expect(stored.sentiment.explanation[0]).toBe(enrichment.sentiment.explanation[0]!.feature);
    expect(stored.sentiment.explanation[1]).toBe(enrichment.sentiment.explanation[0]!.weight);
    expect(text.length).toBeLessThan(JSON.stringify(enrichment).length * 0.75);
  });

  it('reads analyses stored as plain JSON before the compact form', () => {
    for (const enrichment of enrichments) {
      expect(decodeEnrichment(JSON.stringify(enrichment))).toEqual(enrichment);
    }
  });

  it('keeps empty explanations empty', () => {
    const enrichment = { ...enrichments[3]!, hate: { ...enrichments[3]!.hate, explanation: [] } };
    expect(decodeEnrichment(encodeEnrichment(enrichment)).hate.explanation).toEqual([]);
  });
});
