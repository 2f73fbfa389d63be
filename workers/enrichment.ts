import { Enrichment } from '../models/enrichment.js';
import type { AnalysisInput, Analyzer } from '../nlp/analyze.js';

/**
 * Turns analysis inputs into validated enrichments (analyser version and `enrichedAt` set), in
 * input order. The enrich processor stores what it returns; the in-thread and the worker-thread
 * implementations both call `enrichmentsOf`, so they give the same results.
 */
export interface Enricher {
  /** The analyser version of the enrichments (the enrich processor checks it is the context's). */
  readonly version: string;
  enrich(inputs: readonly AnalysisInput[], enrichedAt: string): Promise<Enrichment[]>;
}

/** Analyses a batch with `analyzer` and validates the results as stored enrichments. */
export async function enrichmentsOf(
  analyzer: Analyzer,
  inputs: readonly AnalysisInput[],
  enrichedAt: string,
): Promise<Enrichment[]> {
  const results = await analyzer.analyzeBatch(inputs);
  return results.map((result) => Enrichment.parse({ ...result, version: analyzer.version, enrichedAt }));
}

/** Analysis on the calling thread. */
export function inlineEnricher(analyzer: Analyzer): Enricher {
  return {
    version: analyzer.version,
    enrich: (inputs, enrichedAt) => enrichmentsOf(analyzer, inputs, enrichedAt),
  };
}
