import { applyCorrection, type Correction } from '../../models/corrections.js';
import { Enrichment } from '../../models/enrichment.js';
import type { StoredPost } from '../../models/store.js';
import type { AnalysisInput } from '../../nlp/analyze.js';
import type { Processor } from '../jobs.js';

const BATCH = 500;
/** Rollups lag analysis by at most this much; recomputing days after every batch is wasteful. */
const AGGREGATE_DELAY_MS = 2_000;
/** A sweep stops after this many posts and re-enqueues itself, so other jobs get a turn. */
const SWEEP_LIMIT = 20_000;

/**
 * Analyses posts and stores the results; the store marks their buckets dirty in the same write,
 * then an aggregate job is queued. Posts already analysed by this analyser version are skipped,
 * so a retried or duplicated job does nothing twice.
 */
export const enrich: Processor<'enrich'> = async (data, { store, analyzer, queue }) => {
  const campaigns = await store.campaigns.list();
  let analysed = 0;
  const analyse = async (posts: StoredPost[]) => {
    const todo = posts.filter((post) => post.enrichment?.version !== analyzer.version);
    if (todo.length === 0) return;
    const results = await analyzer.analyzeBatch(todo.map((post) => analysisInput(post, campaigns)));
    const corrections = await store.annotations.listForPosts(todo.map((post) => post.id));
    const enrichedAt = new Date().toISOString();
    await store.posts.saveEnrichments(
      todo.map((post, i) => {
        let enrichment = Enrichment.parse({ ...results[i], version: analyzer.version, enrichedAt });
        // Analysts' corrections outlive re-analysis by a new analyser version.
        for (const annotation of corrections.filter((a) => a.postId === post.id)) {
          enrichment = applyCorrection(enrichment, annotation.labels as Correction);
        }
        return { id: post.id, enrichment };
      }),
    );
    analysed += todo.length;
  };

  if (data.postIds) {
    for (let i = 0; i < data.postIds.length; i += BATCH) {
      await analyse(await store.posts.getMany(data.postIds.slice(i, i + BATCH)));
    }
  } else {
    while (analysed < SWEEP_LIMIT) {
      const pending = await store.posts.pendingEnrichment(BATCH, analyzer.version);
      if (pending.length === 0) break;
      await analyse(pending);
    }
    if (analysed >= SWEEP_LIMIT) await queue.enqueue('enrich', {}, { jobId: 'enrich-sweep' });
  }
  if (analysed === 0) return { status: 'skipped', detail: { reason: 'nothing to analyse' } };
  // Coalesce: one aggregation for the batches that land within two seconds.
  await queue.enqueue('aggregate', {}, { jobId: 'aggregate', delayMs: AGGREGATE_DELAY_MS });
  return { status: 'success', detail: { analysed } };
};

export function analysisInput(
  post: StoredPost,
  campaigns: AnalysisInput['campaigns'],
): AnalysisInput {
  return {
    text: post.text,
    hashtags: post.hashtags,
    mentions: post.mentions,
    authorHandle: post.author.handle,
    authorLocation: post.author.location,
    platformLang: post.lang,
    createdAt: post.createdAt,
    campaigns,
  };
}
