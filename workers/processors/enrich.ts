import { applyCorrection, type Correction } from '../../models/corrections.js';
import type { Enrichment } from '../../models/enrichment.js';
import type { EnrichmentItem, PreparedEnrichment, StoredPost } from '../../models/store.js';
import type { AnalysisInput } from '../../nlp/analyze.js';
import { decodeEnrichment } from '../../store/enrichment-codec.js';
import { preparationSource } from '../../store/prepare.js';
import { inlineEnricher } from '../enrichment.js';
import { DAY_MS } from '../../models/filter.js';
import type { Processor } from '../jobs.js';

const BATCH = 500;
/**
 * Batches being analysed while the oldest is stored: with worker threads (the context's
 * enricher) the next batches are analysed while this thread writes the current one.
 */
const AHEAD = 3;
/**
 * Rollups lag analysis by about this much; recomputing days after every batch is wasteful.
 * (The in-process runner holds aggregation while enrichment runs and shortens this delay.)
 */
const AGGREGATE_DELAY_MS = 2_000;
/** A sweep stops after this many posts and re-enqueues itself, so other jobs get a turn. */
const SWEEP_LIMIT = 20_000;

/** A post's analysis: as an enrichment, or prepared for storing by an enrichment thread. */
type Result = { enrichment: Enrichment; prepared?: undefined } | { enrichment?: undefined; prepared: PreparedEnrichment };

interface InFlight {
  posts: StoredPost[];
  results: Promise<Result[]>;
  /** Set once `results` resolved. */
  done: boolean;
}

/**
 * Batches already analysed when one is stored are stored with it, up to this many posts: one
 * larger transaction costs the store less per post (SQLite writes each touched page once).
 */
const SAVE_MAX = 2_000;

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

  // A rematch analyses again posts this version already analysed: their campaigns changed.
  const force = data.rematch !== undefined;
  const dispatch = (posts: StoredPost[]) => {
    const todo = posts.filter(
      (post) => (force || post.enrichment?.version !== analyzer.version) && !taken.has(post.id),
    );
    if (todo.length === 0) return;
    for (const post of todo) taken.add(post.id);
    const inputs = todo.map((post) => analysisInput(post, campaigns));
    const enrichedAt = new Date().toISOString();
    // Prepared where the enricher can (threads): then this thread stores them as they come.
    const results: Promise<Result[]> = engine.enrichPrepared
      ? engine
          .enrichPrepared(inputs, todo.map(preparationSource), enrichedAt)
          .then((all) => all.map((prepared) => ({ prepared })))
      : engine.enrich(inputs, enrichedAt).then((all) => all.map((enrichment) => ({ enrichment })));
    const batch: InFlight = { posts: todo, results, done: false };
    // Awaited in order by save(); until then a failure must not count as unhandled.
    results.then(() => (batch.done = true)).catch(() => {});
    inFlight.push(batch);
  };
  const save = async () => {
    const first = inFlight.shift()!;
    const posts = [...first.posts];
    const results = [...(await first.results)];
    while (inFlight[0]?.done && posts.length + inFlight[0].posts.length <= SAVE_MAX) {
      const next = inFlight.shift()!;
      posts.push(...next.posts);
      results.push(...(await next.results));
    }
    const corrections = new Map<string, Correction[]>();
    for (const annotation of await store.annotations.listForPosts(posts.map((post) => post.id))) {
      const list = corrections.get(annotation.postId) ?? [];
      list.push(annotation.labels as Correction);
      corrections.set(annotation.postId, list);
    }
    await store.posts.saveEnrichments(
      posts.map((post, i): EnrichmentItem => {
        const result = results[i]!;
        const labels = corrections.get(post.id);
        if (!labels) return { id: post.id, ...result };
        // Analysts' corrections outlive re-analysis by a new analyser version (oldest first);
        // the store prepares the corrected analysis.
        let enrichment = result.enrichment ?? decodeEnrichment(result.prepared.json);
        for (const correction of labels) enrichment = applyCorrection(enrichment, correction);
        return { id: post.id, enrichment };
      }),
    );
    analysed += posts.length;
  };

  if (data.rematch) {
    const start = Date.parse(`${data.rematch.from}T00:00:00Z`);
    const end = Date.parse(`${data.rematch.to}T00:00:00Z`) + DAY_MS;
    let after: { createdMs: number; id: string } | null = data.rematch.after ?? null;
    let read = 0;
    for (;;) {
      const page = await store.posts.analysedIdsBetween(start, end, after, BATCH);
      if (page.length === 0) break;
      dispatch(await store.posts.getMany(page.map((row) => row.id)));
      if (inFlight.length > AHEAD) await save();
      after = page[page.length - 1]!;
      read += page.length;
      // A long range goes on in a job of its own, so collection and aggregation run between.
      if (read >= SWEEP_LIMIT) {
        await queue.enqueue('enrich', { rematch: { ...data.rematch, after } });
        break;
      }
    }
  } else if (data.postIds) {
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
  if (!data.postIds && !data.rematch && analysed >= SWEEP_LIMIT) await queue.enqueue('enrich', {}, { jobId: 'enrich-sweep' });
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
