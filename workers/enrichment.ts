import { Enrichment } from '../models/enrichment.js';
import type { PreparedEnrichment } from '../models/store.js';
import type { AnalysisInput, Analyzer } from '../nlp/analyze.js';
import { prepareEnrichment, type PreparationSource } from '../store/prepare.js';

/**
 * Turns analysis inputs into validated enrichments (analyser version and `enrichedAt` set), in
 * input order. The enrich processor stores what it returns; the in-thread and the worker-thread
 * implementations both call `enrichmentsOf`, so they give the same results.
 */
export interface Enricher {
  /** The analyser version of the enrichments (the enrich processor checks it is the context's). */
  readonly version: string;
  enrich(inputs: readonly AnalysisInput[], enrichedAt: string): Promise<Enrichment[]>;
  /**
   * The enrichments of `enrich`, prepared for storing with their posts (`posts[i]` is the post
   * of `inputs[i]`) by `prepareEnrichment` (store/prepare.ts), where that is cheapest: a thread
   * does it beside the analysis, so the thread that stores them neither parses nor serialises
   * them. Optional: without it the store prepares what it is handed.
   */
  enrichPrepared?(
    inputs: readonly AnalysisInput[],
    posts: readonly PreparationSource[],
    enrichedAt: string,
  ): Promise<PreparedEnrichment[]>;
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

/** `enrichmentsOf`, each enrichment prepared for storing with its post. */
export async function preparedEnrichmentsOf(
  analyzer: Analyzer,
  inputs: readonly AnalysisInput[],
  posts: readonly PreparationSource[],
  enrichedAt: string,
): Promise<PreparedEnrichment[]> {
  if (posts.length !== inputs.length) throw new RangeError('one post per analysis input');
  const enrichments = await enrichmentsOf(analyzer, inputs, enrichedAt);
  return enrichments.map((enrichment, i) => prepareEnrichment(posts[i]!, enrichment));
}

/** Analysis on the calling thread. */
export function inlineEnricher(analyzer: Analyzer): Enricher {
  return {
    version: analyzer.version,
    enrich: (inputs, enrichedAt) => enrichmentsOf(analyzer, inputs, enrichedAt),
  };
}
