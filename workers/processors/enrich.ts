import { applyCorrection, type Correction } from '../../models/corrections.js';
import type { Enrichment } from '../../models/enrichment.js';
import type { StoredPost } from '../../models/store.js';
import type { AnalysisInput } from '../../nlp/analyze.js';
import { inlineEnricher } from '../enrichment.js';
import type { Processor } from '../jobs.js';

const BATCH = 500;
/**
 * Batches being analysed while the oldest is stored: with worker threads (the context's
 * enricher) the next batches are analysed while this thread writes the current one.
 */
const AHEAD = 3;
/** Rollups lag analysis by at most this much; recomputing days after every batch is wasteful. */
const AGGREGATE_DELAY_MS = 2_000;
/** A sweep stops after this many posts and re-enqueues itself, so other jobs get a turn. */
const SWEEP_LIMIT = 20_000;

interface InFlight {
  posts: StoredPost[];
  enrichments: Promise<Enrichment[]>;
}

/**
 * Analyses posts and stores the results; the store marks their buckets dirty in the same write,
 * then an aggregate job is queued. Posts already analysed by this analyser version are skipped,
 * so a retried or duplicated job does nothing twice. Batches are stored in order; a batch that
 * fails to analyse fails the job after the batches before it are stored.
 */
export const enrich: Processor<'enrich'> = async (data, { store, analyzer, enricher, queue }) => {
  const engine = enricher?.version === analyzer.version ? enricher : inlineEnricher(analyzer);
  const campaigns = await store.campaigns.list();
  let analysed = 0;
  const inFlight: InFlight[] = [];
  /** Ids of the posts taken by this job (a sweep must not take them twice). */
  const taken = new Set<string>();

  const dispatch = (posts: StoredPost[]) => {
    const todo = posts.filter((post) => post.enrichment?.version !== analyzer.version && !taken.has(post.id));
    if (todo.length === 0) return;
    for (const post of todo) taken.add(post.id);
    const enrichments = engine.enrich(
      todo.map((post) => analysisInput(post, campaigns)),
      new Date().toISOString(),
    );
    // Awaited in order by save(); until then a failure must not count as unhandled.
    enrichments.catch(() => {});
    inFlight.push({ posts: todo, enrichments });
  };
  const save = async () => {
    const { posts, enrichments } = inFlight.shift()!;
    const results = await enrichments;
    const corrections = await store.annotations.listForPosts(posts.map((post) => post.id));
    await store.posts.saveEnrichments(
      posts.map((post, i) => {
        let enrichment = results[i]!;
        // Analysts' corrections outlive re-analysis by a new analyser version.
        for (const annotation of corrections.filter((a) => a.postId === post.id)) {
          enrichment = applyCorrection(enrichment, annotation.labels as Correction);
        }
        return { id: post.id, enrichment };
      }),
    );
    analysed += posts.length;
  };

  if (data.postIds) {
    for (let i = 0; i < data.postIds.length; i += BATCH) {
      dispatch(await store.posts.getMany(data.postIds.slice(i, i + BATCH)));
      if (inFlight.length > AHEAD) await save();
    }
  } else {
    for (;;) {
      const queued = inFlight.reduce((sum, batch) => sum + batch.posts.length, 0);
      if (analysed + queued >= SWEEP_LIMIT) break;
      // Posts still being analysed are pending too: ask for enough to get a new batch.
      const pending = await store.posts.pendingEnrichment(BATCH + queued, analyzer.version);
      const before = inFlight.length;
      dispatch(pending.filter((post) => !taken.has(post.id)).slice(0, BATCH));
      if (inFlight.length === before) {
        if (inFlight.length === 0) break;
        await save();
      } else if (inFlight.length > AHEAD) {
        await save();
      }
    }
  }
  while (inFlight.length > 0) await save();
  if (!data.postIds && analysed >= SWEEP_LIMIT) await queue.enqueue('enrich', {}, { jobId: 'enrich-sweep' });
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
