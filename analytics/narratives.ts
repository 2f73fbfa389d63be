import type { NarrativeSet } from '../models/analytics.js';
import { changePercent } from '../models/metrics.js';
import { clusterPosts, MIN_SIMILARITY } from './clusters.js';
import { displayForms, languageOf, tokenize } from './tokenize.js';

/**
 * Newest posts a narrative sample holds, per period: enough for the conversations of a week
 * in one country, and small enough for a dashboard (clustering is O(sample × k)).
 */
export const NARRATIVE_SAMPLE = 2_000;
/** Most clusters of a sample (fewer when it holds fewer dense groups). */
export const NARRATIVE_CLUSTERS = 20;
/** A previous-period post counts for a cluster only this close (cosine) to its centroid. */
const PREVIOUS_MIN_SIMILARITY = MIN_SIMILARITY;

/**
 * Narratives of a period from its newest posts (`current`, newest first): TF-IDF clusters of
 * posts in the same language, labelled by their most distinctive terms, with the previous
 * period's posts assigned to the nearest cluster of their language for the trend, and up to 3
 * sample posts each: the members closest to the centroid (distinct texts). Posts close to no
 * cluster (the outliers), and those of clusters beyond the limit, are counted as "other
 * topics".
 */
export function narrativesOf(
  current: readonly { id: string; text: string }[],
  previous: readonly { id: string; text: string }[],
  options: { k?: number; limit?: number } = {},
): NarrativeSet {
  const posts = current.map((p) => ({ ...p, terms: tokenize(p.text), lang: languageOf(p.text) }));
  const { clusters, assign } = clusterPosts(posts, { k: options.k ?? NARRATIVE_CLUSTERS });
  const before = new Array<number>(clusters.length).fill(0);
  if (clusters.length > 0) {
    for (const post of previous) {
      const nearest = assign(tokenize(post.text), languageOf(post.text));
      if (nearest && nearest.similarity >= PREVIOUS_MIN_SIMILARITY) before[nearest.index]!++;
    }
  }
  const shown = clusters.slice(0, options.limit ?? 20);
  const units = shown.map((cluster) => labelUnits(cluster.terms, cluster.members, posts));
  const spelled = displayForms(
    current.map((p) => p.text),
    new Set(units.flat(2)),
  );
  const narratives = shown.map((cluster, c) => ({
    label: units[c]!
      .map((unit) => unit.map((term) => spelled.get(term) ?? term).join(' '))
      .join(' · '),
    terms: cluster.terms,
    size: cluster.members.length,
    previous: before[c]!,
    trend: changePercent(cluster.members.length, before[c]!),
    samples: samplesOf(cluster.closest, posts),
  }));
  const inNarratives = narratives.reduce((sum, narrative) => sum + narrative.size, 0);
  return { sampled: current.length, other: current.length - inNarratives, narratives };
}

/** Label terms considered: the cluster's most distinctive ones. */
const LABEL_CANDIDATES = 4;
/** Share of the members holding two label terms that must hold them side by side to join them. */
const JOINED_SHARE = 0.8;

/**
 * Up to 3 label units, each one term or two that the members write side by side ("orange
 * walk", "santiago caballeros" of Santiago de los Caballeros), so a place or a phrase is not
 * read as two separate ideas. Order as most members write it.
 */
export function labelUnits(
  terms: readonly string[],
  members: readonly number[],
  posts: readonly { terms: readonly string[] }[],
): string[][] {
  const top = terms.slice(0, LABEL_CANDIDATES);
  const used = new Set<string>();
  const units: string[][] = [];
  for (const a of top) {
    if (used.has(a)) continue;
    used.add(a);
    // The partner written next to it most consistently, if any passes the bar.
    let best: { b: string; order: 'ab' | 'ba'; share: number } | null = null;
    for (const b of top) {
      if (used.has(b)) continue;
      const found = sideBySide(a, b, members, posts);
      if (found && (!best || found.share > best.share)) best = { b, ...found };
    }
    if (best) used.add(best.b);
    units.push(!best ? [a] : best.order === 'ab' ? [a, best.b] : [best.b, a]);
    if (units.length === 3) break;
  }
  return units;
}

/** 'ab' or 'ba' (and how many of them) when most members holding both terms write them adjacent. */
function sideBySide(
  a: string,
  b: string,
  members: readonly number[],
  posts: readonly { terms: readonly string[] }[],
): { order: 'ab' | 'ba'; share: number } | null {
  let both = 0;
  let ab = 0;
  let ba = 0;
  for (const i of members) {
    const terms = posts[i]!.terms;
    const ia = terms.indexOf(a);
    const ib = terms.indexOf(b);
    if (ia < 0 || ib < 0) continue;
    both++;
    if (ib === ia + 1) ab++;
    else if (ia === ib + 1) ba++;
  }
  if (both < 3) return null;
  if (ab >= JOINED_SHARE * both) return { order: 'ab', share: ab / both };
  if (ba >= JOINED_SHARE * both) return { order: 'ba', share: ba / both };
  return null;
}

/** Up to 3 members, the closest to the centroid first, skipping repeats of a sample's text. */
function samplesOf(
  closest: readonly number[],
  posts: readonly { id: string; text: string }[],
): { id: string; text: string }[] {
  const samples: { id: string; text: string }[] = [];
  const texts = new Set<string>();
  for (const i of closest) {
    const { id, text } = posts[i]!;
    if (texts.has(text)) continue;
    texts.add(text);
    samples.push({ id, text });
    if (samples.length === 3) break;
  }
  return samples;
}
