import type { Evidence } from '../models/common.js';
import type { Enrichment } from '../models/enrichment.js';

/**
 * The stored text of an analysis: its JSON with every explanation written as one flat array
 * (`["word:mujer", 1, "léxico:neg (femicidio)", 0.785]`) instead of `{feature, weight}` objects.
 * Explanations are most of an analysis, so this halves what a save writes (≈1.6 → 0.8 KB a
 * post) and what `JSON.stringify` and thread messages carry. Decoding accepts both forms, so
 * analyses stored before the compact form stay readable without a migration.
 */

type Explained = { explanation: Evidence[] };
type Packed = { explanation: (string | number)[] };

const pack = <T extends Explained>(result: T): Omit<T, 'explanation'> & Packed => {
  const flat: (string | number)[] = new Array(result.explanation.length * 2);
  result.explanation.forEach((evidence, i) => {
    flat[2 * i] = evidence.feature;
    flat[2 * i + 1] = evidence.weight;
  });
  return { ...result, explanation: flat };
};

function unpack(result: Explained | Packed): void {
  const list = result.explanation;
  if (list.length === 0 || typeof list[0] !== 'string') return;
  const evidence: Evidence[] = new Array(list.length / 2);
  for (let i = 0; i < evidence.length; i++) {
    evidence[i] = { feature: list[2 * i] as string, weight: list[2 * i + 1] as number };
  }
  result.explanation = evidence as never;
}

/** The stored text of an analysis. */
export function encodeEnrichment(enrichment: Enrichment): string {
  return JSON.stringify({
    ...enrichment,
    language: pack(enrichment.language),
    sentiment: pack(enrichment.sentiment),
    emotions: pack(enrichment.emotions),
    topics: enrichment.topics.map(pack),
    misogyny: pack(enrichment.misogyny),
    hate: pack(enrichment.hate),
    places: enrichment.places.map(pack),
    campaigns: enrichment.campaigns.map(pack),
  });
}

/** An analysis from its stored text (compact or, as stored before, plain JSON). */
export function decodeEnrichment(text: string): Enrichment {
  const enrichment = JSON.parse(text) as Enrichment;
  unpack(enrichment.language);
  unpack(enrichment.sentiment);
  unpack(enrichment.emotions);
  enrichment.topics.forEach(unpack);
  unpack(enrichment.misogyny);
  unpack(enrichment.hate);
  enrichment.places.forEach(unpack);
  enrichment.campaigns.forEach(unpack);
  return enrichment;
}
