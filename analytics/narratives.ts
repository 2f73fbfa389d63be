import type { Narrative } from '../models/analytics.js';
import { changePercent } from '../models/metrics.js';
import { clusterPosts } from './clusters.js';
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
  const { clusters, assign } = clusterPosts(posts, { k: options.k ?? 8 });
  const before = new Array<number>(clusters.length).fill(0);
  if (clusters.length > 0) {
    for (const post of previous) {
      const nearest = assign(tokenize(post.text));
      if (nearest && nearest.similarity >= PREVIOUS_MIN_SIMILARITY) before[nearest.index]!++;
    }
  }
  const shown = clusters.slice(0, options.limit ?? 20);
  const spelled = displayForms(
    current.map((p) => p.text),
    new Set(shown.flatMap((cluster) => cluster.terms.slice(0, 3))),
  );
  return shown.map((cluster, c) => ({
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
