/**
 * Narratives: k-means over TF-IDF vectors (cosine, unit-normalised sparse vectors) of a window's
 * newest posts. Deterministic: farthest-first seeding from the densest post, fixed iterations,
 * ties broken by position, so both store adapters (fed the same posts in the same order) return
 * the same clusters.
 */

export interface ClusterInput {
  id: string;
  text: string;
  terms: readonly string[];
}

export interface Cluster {
  terms: string[];
  /** Positions in the input, in input order. */
  members: number[];
  centroid: Map<string, number>;
}

type Vector = Map<string, number>;

export interface ClusterOptions {
  k?: number;
  iterations?: number;
  /** Terms in fewer posts than this are ignored (noise). */
  minDf?: number;
}

/**
 * Smoothed inverse document frequencies, log(1 + N / df), over a sample, only for terms in
 * ≥ minDf posts (rarer ones are noise for clustering).
 */
export function idfOf(docs: readonly (readonly string[])[], minDf: number): Map<string, number> {
  const df = new Map<string, number>();
  for (const terms of docs) for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, count] of df)
    if (count >= minDf) idf.set(term, Math.log(1 + docs.length / count));
  return idf;
}

export function vectorize(terms: readonly string[], idf: ReadonlyMap<string, number>): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const term of terms) {
    const w = idf.get(term);
    if (w === undefined) continue;
    v.set(term, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

const dot = (a: Vector, b: Vector) => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) s += w * (large.get(t) ?? 0);
  return s;
};

function meanOf(vectors: Vector[]): Vector {
  const c: Vector = new Map();
  for (const v of vectors) for (const [t, w] of v) c.set(t, (c.get(t) ?? 0) + w);
  let norm = 0;
  for (const w of c.values()) norm += w * w;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of c) c.set(t, w / norm);
  return c;
}

/** Clusters of the input (empty posts, without any kept term, are left out), largest first. */
export function clusterPosts(
  posts: readonly ClusterInput[],
  options: ClusterOptions = {},
): { clusters: Cluster[]; idf: Map<string, number> } {
  const idf = idfOf(
    posts.map((p) => p.terms),
    options.minDf ?? 3,
  );
  const vectors = posts.map((p) => vectorize(p.terms, idf));
  const usable = vectors.flatMap((v, i) => (v.size > 0 ? [i] : []));
  const k = Math.min(options.k ?? 8, usable.length);
  if (k === 0) return { clusters: [], idf };
  // Farthest-first seeding, starting from the post with the most weighted terms.
  let start = usable[0]!;
  for (const i of usable) if (vectors[i]!.size > vectors[start]!.size) start = i;
  const centroids: Vector[] = [vectors[start]!];
  const best = new Float64Array(posts.length).fill(-Infinity);
  while (centroids.length < k) {
    let far = -1;
    let farSim = Infinity;
    for (const i of usable) {
      best[i] = Math.max(best[i]!, dot(vectors[i]!, centroids.at(-1)!));
      if (best[i]! < farSim) {
        farSim = best[i]!;
        far = i;
      }
    }
    if (far < 0 || farSim >= 0.999) break;
    centroids.push(vectors[far]!);
  }
  let assignment = new Int32Array(posts.length).fill(-1);
  for (let iteration = 0; iteration < (options.iterations ?? 8); iteration++) {
    const next = new Int32Array(posts.length).fill(-1);
    for (const i of usable) next[i] = nearest(vectors[i]!, centroids).index;
    const changed = next.some((c, i) => c !== assignment[i]);
    assignment = next;
    for (let c = 0; c < centroids.length; c++) {
      const members = usable.filter((i) => assignment[i] === c).map((i) => vectors[i]!);
      if (members.length > 0) centroids[c] = meanOf(members);
    }
    if (!changed) break;
  }
  const clusters = centroids
    .map((centroid, c) => ({
      centroid,
      members: usable.filter((i) => assignment[i] === c),
      terms: [...centroid.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([t]) => t),
    }))
    .filter((c) => c.members.length > 0)
    .sort((a, b) => b.members.length - a.members.length || a.members[0]! - b.members[0]!);
  return { clusters, idf };
}

/** The index and cosine of the closest centroid. */
export function nearest(
  v: Vector,
  centroids: readonly Vector[],
): { index: number; similarity: number } {
  let index = 0;
  let similarity = -Infinity;
  centroids.forEach((c, j) => {
    const s = dot(v, c);
    if (s > similarity) {
      similarity = s;
      index = j;
    }
  });
  return { index, similarity };
}
