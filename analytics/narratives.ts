import type { Narrative } from '../models/analytics.js';
import { changePercent } from '../models/metrics.js';
import { clusterPosts, nearest, vectorize } from './clusters.js';
import { displayForms, tokenize } from './tokenize.js';

/**
 * Newest posts a narrative sample holds, per period: enough for the conversations of a week
 * in one country, and small enough for a dashboard (clustering is O(sample × k)).
 */
export const NARRATIVE_SAMPLE = 2_000;
/** A previous-period post joins a cluster only this close (cosine) to its centroid. */
const PREVIOUS_MIN_SIMILARITY = 0.2;

/**
 * Narratives of a period from its newest posts (`current`, newest first): TF-IDF k-means
 * clusters labelled by their top terms, with the previous period's posts assigned to the
 * nearest cluster for the trend, and up to 3 sample posts (the newest) each.
 */
export function narrativesOf(
  current: readonly { id: string; text: string }[],
  previous: readonly { id: string; text: string }[],
  options: { k?: number; limit?: number } = {},
): Narrative[] {
  const posts = current.map((p) => ({ ...p, terms: tokenize(p.text) }));
  const { clusters, idf } = clusterPosts(posts, { k: options.k ?? 8 });
  const before = new Array<number>(clusters.length).fill(0);
  const centroids = clusters.map((c) => c.centroid);
  for (const post of previous) {
    const v = vectorize(tokenize(post.text), idf);
    if (v.size === 0 || centroids.length === 0) continue;
    const { index, similarity } = nearest(v, centroids);
    if (similarity >= PREVIOUS_MIN_SIMILARITY) before[index]!++;
  }
  const spelled = displayForms(current.map((p) => p.text));
  return clusters.slice(0, options.limit ?? 20).map((cluster, c) => ({
    label: cluster.terms
      .slice(0, 3)
      .map((term) => spelled.get(term) ?? term)
      .join(' · '),
    terms: cluster.terms,
    size: cluster.members.length,
    previous: before[c]!,
    trend: changePercent(cluster.members.length, before[c]!),
    samples: cluster.members.slice(0, 3).map((i) => ({ id: posts[i]!.id, text: posts[i]!.text })),
  }));
}
