/**
 * Narratives: k-means over TF-IDF vectors (cosine, unit-normalised sparse vectors) of a window's
 * newest posts. Deterministic: farthest-first seeding from the densest post, fixed iterations,
 * ties broken by position, so both store adapters (fed the same posts in the same order) return
 * the same clusters.
 *
 * Terms are numbered once (kept terms only), posts are sparse vectors of (term number, weight)
 * in the order of their terms, and centroids are dense arrays over the kept terms with the
 * order in which their terms first appeared. A dot product sums over the shorter vector in its
 * own order, so every cosine is computed with the same additions in the same order whichever
 * representation holds it.
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

export interface ClusterOptions {
  k?: number;
  iterations?: number;
  /** Terms in fewer posts than this are ignored (noise). */
  minDf?: number;
}

/** A unit-normalised sparse vector: term numbers and weights, in the order of the post's terms. */
interface Sparse {
  ids: Int32Array;
  weights: Float64Array;
}

/** A centroid: weights by term number, and its terms in the order they first appeared. */
interface Centroid {
  dense: Float64Array;
  order: Int32Array;
}

/** Kept terms (in ≥ minDf posts), numbered, with their smoothed idf. */
export class TermSpace {
  readonly numbers = new Map<string, number>();
  readonly names: string[] = [];
  readonly idf: number[] = [];
  /** Scratch: weights of one sparse vector by term number (zero elsewhere). */
  private readonly scratch: Float64Array;
  /** Scratch: per term number, the mark of the last vector that held it. */
  private readonly seen: Int32Array;
  private generation = 0;

  /**
   * Smoothed inverse document frequencies, log(1 + N / df), over a sample, only for terms in
   * ≥ minDf posts (rarer ones are noise for clustering).
   */
  constructor(docs: readonly (readonly string[])[], minDf: number) {
    const df = new Map<string, number>();
    for (const terms of docs) for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
    for (const [term, count] of df) {
      if (count < minDf) continue;
      this.numbers.set(term, this.names.length);
      this.names.push(term);
      this.idf.push(Math.log(1 + docs.length / count));
    }
    this.scratch = new Float64Array(this.names.length);
    this.seen = new Int32Array(this.names.length);
  }

  get size(): number {
    return this.names.length;
  }

  /** idf by term, as a map. */
  idfMap(): Map<string, number> {
    return new Map(this.names.map((term, n) => [term, this.idf[n]!]));
  }

  /** The unit TF-IDF vector of a post's terms (binary tf), terms without idf left out. */
  vectorize(terms: readonly string[]): Sparse {
    const ids = new Int32Array(terms.length);
    const weights = new Float64Array(terms.length);
    const mark = this.mark();
    let size = 0;
    let norm = 0;
    for (const term of terms) {
      const n = this.numbers.get(term);
      if (n === undefined) continue;
      const w = this.idf[n]!;
      // A repeated term keeps one entry (and, as before, adds to the norm again).
      if (this.seen[n] !== mark) {
        this.seen[n] = mark;
        ids[size] = n;
        weights[size++] = w;
      }
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < size; j++) weights[j]! /= norm;
    return { ids: ids.subarray(0, size), weights: weights.subarray(0, size) };
  }

  /** A fresh mark for `seen` (cleared when the marks wrap around). */
  private mark(): number {
    if (++this.generation > 0x7fffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /** A post vector as a centroid. */
  centroidOf(v: Sparse): Centroid {
    const dense = new Float64Array(this.size);
    for (let j = 0; j < v.ids.length; j++) dense[v.ids[j]!] = v.weights[j]!;
    return { dense, order: v.ids };
  }

  /** The normalised mean of vectors, with its terms in order of first appearance. */
  meanOf(vectors: readonly Sparse[]): Centroid {
    const dense = new Float64Array(this.size);
    const seen = new Uint8Array(this.size);
    const order: number[] = [];
    for (const v of vectors) {
      for (let j = 0; j < v.ids.length; j++) {
        const n = v.ids[j]!;
        if (seen[n] === 0) {
          seen[n] = 1;
          order.push(n);
        }
        dense[n]! += v.weights[j]!;
      }
    }
    let norm = 0;
    for (const n of order) norm += dense[n]! * dense[n]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (const n of order) dense[n]! /= norm;
    return { dense, order: Int32Array.from(order) };
  }

  /** Cosine of a unit vector and a centroid, summed over the shorter of the two, in its order. */
  dot(v: Sparse, c: Centroid): number {
    let s = 0;
    if (v.ids.length <= c.order.length) {
      for (let j = 0; j < v.ids.length; j++) s += v.weights[j]! * c.dense[v.ids[j]!]!;
      return s;
    }
    const scratch = this.scratch;
    for (let j = 0; j < v.ids.length; j++) scratch[v.ids[j]!] = v.weights[j]!;
    for (let j = 0; j < c.order.length; j++) {
      const n = c.order[j]!;
      s += c.dense[n]! * scratch[n]!;
    }
    for (let j = 0; j < v.ids.length; j++) scratch[v.ids[j]!] = 0;
    return s;
  }

  /** The index and cosine of the closest centroid (the first on ties). */
  nearest(v: Sparse, centroids: readonly Centroid[]): { index: number; similarity: number } {
    let index = 0;
    let similarity = -Infinity;
    for (let j = 0; j < centroids.length; j++) {
      const s = this.dot(v, centroids[j]!);
      if (s > similarity) {
        similarity = s;
        index = j;
      }
    }
    return { index, similarity };
  }
}

export interface Clustering {
  /** Clusters, largest first. */
  clusters: Cluster[];
  idf: Map<string, number>;
  /**
   * The closest cluster (index in `clusters`) of other terms and its cosine, or null when
   * none of the terms is kept or there are no clusters.
   */
  assign(terms: readonly string[]): { index: number; similarity: number } | null;
}

/** Clusters of the input (empty posts, without any kept term, are left out), largest first. */
export function clusterPosts(
  posts: readonly ClusterInput[],
  options: ClusterOptions = {},
): Clustering {
  const space = new TermSpace(
    posts.map((p) => p.terms),
    options.minDf ?? 3,
  );
  const vectors = posts.map((p) => space.vectorize(p.terms));
  const usable = vectors.flatMap((v, i) => (v.ids.length > 0 ? [i] : []));
  const k = Math.min(options.k ?? 8, usable.length);
  const none: Clustering = { clusters: [], idf: space.idfMap(), assign: () => null };
  if (k === 0) return none;
  // Farthest-first seeding, starting from the post with the most weighted terms.
  let start = usable[0]!;
  for (const i of usable) if (vectors[i]!.ids.length > vectors[start]!.ids.length) start = i;
  const centroids: Centroid[] = [space.centroidOf(vectors[start]!)];
  const best = new Float64Array(posts.length).fill(-Infinity);
  while (centroids.length < k) {
    let far = -1;
    let farSim = Infinity;
    const last = centroids.at(-1)!;
    for (const i of usable) {
      best[i] = Math.max(best[i]!, space.dot(vectors[i]!, last));
      if (best[i]! < farSim) {
        farSim = best[i]!;
        far = i;
      }
    }
    if (far < 0 || farSim >= 0.999) break;
    centroids.push(space.centroidOf(vectors[far]!));
  }
  const assignment = new Int32Array(posts.length).fill(-1);
  for (let iteration = 0; iteration < (options.iterations ?? 8); iteration++) {
    let changed = false;
    const members: Sparse[][] = centroids.map(() => []);
    for (const i of usable) {
      const c = space.nearest(vectors[i]!, centroids).index;
      if (c !== assignment[i]) changed = true;
      assignment[i] = c;
      members[c]!.push(vectors[i]!);
    }
    for (let c = 0; c < centroids.length; c++)
      if (members[c]!.length > 0) centroids[c] = space.meanOf(members[c]!);
    if (!changed) break;
  }
  const kept = centroids
    .map((centroid, c) => ({
      centroid,
      members: usable.filter((i) => assignment[i] === c),
    }))
    .filter((c) => c.members.length > 0)
    .sort((a, b) => b.members.length - a.members.length || a.members[0]! - b.members[0]!);
  const clusters = kept.map(({ centroid, members }) => {
    const entries = Array.from(
      centroid.order,
      (n) => [space.names[n]!, centroid.dense[n]!] as const,
    );
    return {
      centroid: new Map(entries),
      members,
      terms: [...entries]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([t]) => t),
    };
  });
  const finalCentroids = kept.map((c) => c.centroid);
  return {
    clusters,
    idf: none.idf,
    assign(terms) {
      const v = space.vectorize(terms);
      if (v.ids.length === 0 || finalCentroids.length === 0) return null;
      return space.nearest(v, finalCentroids);
    },
  };
}
