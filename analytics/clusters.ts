/**
 * Narratives: k-means over TF-IDF vectors (cosine, unit-normalised sparse vectors) of a window's
 * newest posts, one language at a time, with an outlier bucket. Seeds are the leaders of the
 * densest groups (a leader pass: a post starts a group unless it is ≥ SEED_SIMILARITY to an
 * earlier leader), refined by k-means in which a post joins its nearest centroid only when it is
 * ≥ MIN_SIMILARITY to it; the rest are outliers ("other topics") and move no centroid, so a
 * cluster cannot become a catch-all. Deterministic: posts in input order, fixed iterations, ties
 * broken by position, so both store adapters (fed the same posts in the same order) return the
 * same clusters.
 *
 * Terms are numbered once (kept terms only), posts are sparse vectors of (term number, weight)
 * in the order of their terms, and centroids are dense arrays over the kept terms with the
 * order in which their terms first appeared. Cosines with all centroids at once sum over the
 * post's terms in its order; a single dot product sums over the shorter vector in its own order.
 * Both are fixed orders, so every adapter computes the same figures.
 */

export interface ClusterInput {
  id: string;
  text: string;
  terms: readonly string[];
  /** Language: posts only cluster with posts of the same language (default: one group). */
  lang?: string;
}

export interface Cluster {
  /** Top terms by centroid weight × distinctiveness against the whole input (≤ 5). */
  terms: string[];
  /** Positions in the input, in input order. */
  members: number[];
  /** The members, closest to the centroid first (cosine; ties by position). */
  closest: number[];
  centroid: Map<string, number>;
  lang: string;
}

export interface ClusterOptions {
  /** Most clusters (default 20); fewer when the posts hold fewer dense groups. */
  k?: number;
  iterations?: number;
  /** Terms in fewer posts than this are ignored (noise). */
  minDf?: number;
  /** A post joins a cluster only this close (cosine) to its centroid (default 0.2). */
  minSimilarity?: number;
  /** Clusters with fewer members are dissolved into the outliers (default 3). */
  minSize?: number;
}

/** Default of `ClusterOptions.minSimilarity`. */
export const MIN_SIMILARITY = 0.2;
/** A post within this cosine of a leader counts toward the leader's group when seeding. */
export const SEED_SIMILARITY = 0.4;
/** Most leaders the seeding pass keeps (bounds its cost: posts × MAX_LEADERS at worst). */
const MAX_LEADERS = 128;
/** Cosines rank samples rounded to this, so equal posts tie (and go by position). */
const TIE = 1e9;

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
  /** Posts holding each kept term. */
  readonly df: number[] = [];
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
      this.df.push(count);
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
}

export interface Clustering {
  /** Clusters, largest first (ties by first member). */
  clusters: Cluster[];
  /** Positions of the posts with kept terms that joined no cluster, in input order. */
  outliers: number[];
  idf: Map<string, number>;
  /**
   * The closest cluster (index in `clusters`) of other terms and its cosine, among the clusters
   * of `lang` when given, or null when none of the terms is kept or there is no such cluster.
   */
  assign(terms: readonly string[], lang?: string): { index: number; similarity: number } | null;
}

/** A cosine rounded for comparisons. */
function rounded(similarity: number): number {
  return Math.round(similarity * TIE) / TIE;
}

/**
 * Centroids laid out term by term (weights of term n for every centroid, side by side), so the
 * cosines of a post with all of them take one pass over the post's terms, summed in its order.
 */
class CentroidMatrix {
  private readonly weights: Float64Array;
  private readonly sums: Float64Array;

  constructor(
    size: number,
    readonly centroids: readonly Centroid[],
  ) {
    const k = centroids.length;
    this.weights = new Float64Array(size * k);
    this.sums = new Float64Array(k);
    centroids.forEach((c, j) => {
      for (let o = 0; o < c.order.length; o++) {
        const n = c.order[o]!;
        this.weights[n * k + j] = c.dense[n]!;
      }
    });
  }

  /** The closest centroid and its cosine (the first on ties), or index -1 when there is none. */
  nearest(v: Sparse): { index: number; similarity: number } {
    const index = this.nearestIndex(v);
    return { index, similarity: index < 0 ? -Infinity : this.sums[index]! };
  }

  /** The index of the closest centroid (-1 when there is none), its cosine left in `sums`. */
  nearestIndex(v: Sparse): number {
    const k = this.centroids.length;
    const sums = this.sums;
    sums.fill(0);
    for (let j = 0; j < v.ids.length; j++) {
      const w = v.weights[j]!;
      const base = v.ids[j]! * k;
      for (let c = 0; c < k; c++) sums[c]! += w * this.weights[base + c]!;
    }
    let index = -1;
    for (let c = 0; c < k; c++) if (index < 0 || sums[c]! > sums[index]!) index = c;
    return index;
  }

  /** The cosine with centroid `c` from the last `nearestIndex`. */
  similarity(c: number): number {
    return this.sums[c]!;
  }
}

/**
 * Leaders of one language's posts, in input order: a post becomes a leader unless it is
 * ≥ SEED_SIMILARITY to an earlier one, in which case it counts toward the closest (the first
 * on ties). Cosines with the leaders come from an inverted index of their terms.
 */
function leadersOf(
  space: TermSpace,
  vectors: readonly Sparse[],
  group: readonly number[],
): { post: number; count: number }[] {
  const leaders: { post: number; count: number }[] = [];
  /** Per term number: the leaders holding it and their weights. */
  const postings: ({ leader: number[]; weight: number[] } | undefined)[] = new Array(space.size);
  const sums = new Float64Array(MAX_LEADERS);
  const touched: number[] = [];
  for (const i of group) {
    const v = vectors[i]!;
    for (let j = 0; j < v.ids.length; j++) {
      const list = postings[v.ids[j]!];
      if (list === undefined) continue;
      const w = v.weights[j]!;
      for (let l = 0; l < list.leader.length; l++) {
        const leader = list.leader[l]!;
        if (sums[leader] === 0) touched.push(leader);
        sums[leader]! += w * list.weight[l]!;
      }
    }
    let best = -1;
    for (const leader of touched) {
      if (best < 0 || sums[leader]! > sums[best]! || (sums[leader] === sums[best] && leader < best))
        best = leader;
    }
    if (best >= 0 && sums[best]! >= SEED_SIMILARITY) leaders[best]!.count++;
    else if (leaders.length < MAX_LEADERS) {
      const leader = leaders.length;
      leaders.push({ post: i, count: 1 });
      for (let j = 0; j < v.ids.length; j++) {
        let list = postings[v.ids[j]!];
        if (list === undefined) postings[v.ids[j]!] = list = { leader: [], weight: [] };
        list.leader.push(leader);
        list.weight.push(v.weights[j]!);
      }
    }
    for (const leader of touched) sums[leader] = 0;
    touched.length = 0;
  }
  return leaders;
}

/**
 * Trimmed k-means of one language's posts from its seeds: each post joins its nearest centroid
 * when ≥ minSimilarity to it, clusters under minSize are dissolved, centroids are the means of
 * their members. Returns the centroids and their members (positions, in input order).
 */
function refine(
  space: TermSpace,
  vectors: readonly Sparse[],
  group: readonly number[],
  seeds: Centroid[],
  options: { iterations: number; minSimilarity: number; minSize: number },
): { centroids: Centroid[]; members: number[][] } {
  let centroids = seeds;
  /** Cluster of each post of the group (by its place in the group), -1 for outliers. */
  let assignment = new Int32Array(group.length).fill(-2);
  const nearest = new Int32Array(group.length);
  /** One pass: each post to its nearest close-enough centroid, small clusters dissolved. */
  const pass = () => {
    const sizes = new Int32Array(centroids.length);
    const matrix = new CentroidMatrix(space.size, centroids);
    for (let g = 0; g < group.length; g++) {
      const near = matrix.nearestIndex(vectors[group[g]!]!);
      const c = near >= 0 && matrix.similarity(near) >= options.minSimilarity ? near : -1;
      nearest[g] = c;
      if (c >= 0) sizes[c]!++;
    }
    const renumber = new Int32Array(centroids.length).fill(-1);
    const kept: number[] = [];
    for (let c = 0; c < centroids.length; c++) {
      if (sizes[c]! >= options.minSize) {
        renumber[c] = kept.length;
        kept.push(c);
      }
    }
    const next = new Int32Array(group.length);
    const members: number[][] = kept.map(() => []);
    let changed = kept.length < centroids.length;
    for (let g = 0; g < group.length; g++) {
      const c = nearest[g]! >= 0 ? renumber[nearest[g]!]! : -1;
      next[g] = c;
      if (c >= 0) members[c]!.push(group[g]!);
      if (c !== assignment[g]) changed = true;
    }
    return { next, kept, members, changed };
  };
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const { next, members, changed } = pass();
    assignment = next;
    centroids = members.map((m) => space.meanOf(m.map((i) => vectors[i]!)));
    if (!changed) return { centroids, members };
  }
  // Out of iterations: assign against the centroids as they are (dissolving small clusters
  // until none is left), so every member is ≥ minSimilarity to its cluster's centroid.
  for (;;) {
    const { next, kept, members } = pass();
    assignment = next;
    if (kept.length === centroids.length) return { centroids, members };
    centroids = kept.map((c) => centroids[c]!);
  }
}

/**
 * Clusters of the input, largest first. Posts without any kept term are left out; posts far
 * from every centroid (cosine < minSimilarity) and clusters under minSize are the outliers.
 */
export function clusterPosts(
  posts: readonly ClusterInput[],
  options: ClusterOptions = {},
): Clustering {
  const space = new TermSpace(
    posts.map((p) => p.terms),
    options.minDf ?? 3,
  );
  const minSimilarity = options.minSimilarity ?? MIN_SIMILARITY;
  const minSize = Math.max(1, options.minSize ?? 3);
  const vectors = posts.map((p) => space.vectorize(p.terms));
  const usable = vectors.flatMap((v, i) => (v.ids.length > 0 ? [i] : []));
  const none: Clustering = {
    clusters: [],
    outliers: usable,
    idf: space.idfMap(),
    assign: () => null,
  };
  const k = Math.min(options.k ?? 20, usable.length);
  if (k === 0) return none;
  // Languages in order of first appearance, each with its posts.
  const groups = new Map<string, number[]>();
  for (const i of usable) {
    const lang = posts[i]!.lang ?? '';
    let group = groups.get(lang);
    if (!group) groups.set(lang, (group = []));
    group.push(i);
  }
  // Seeds: the k leaders with the largest groups (≥ minSize), across languages.
  const leaders = [...groups].flatMap(([lang, group]) =>
    leadersOf(space, vectors, group).map((leader) => ({ ...leader, lang })),
  );
  const seeds = leaders
    .filter((leader) => leader.count >= minSize)
    .sort((a, b) => b.count - a.count || a.post - b.post)
    .slice(0, k);
  const found: { lang: string; centroid: Centroid; members: number[] }[] = [];
  for (const [lang, group] of groups) {
    const own = seeds.filter((seed) => seed.lang === lang).sort((a, b) => a.post - b.post);
    if (own.length === 0) continue;
    const { centroids, members } = refine(
      space,
      vectors,
      group,
      own.map((seed) => space.centroidOf(vectors[seed.post]!)),
      { iterations: options.iterations ?? 5, minSimilarity, minSize },
    );
    centroids.forEach((centroid, c) => {
      if (members[c]!.length > 0) found.push({ lang, centroid, members: members[c]! });
    });
  }
  found.sort((a, b) => b.members.length - a.members.length || a.members[0]! - b.members[0]!);
  const inCluster = new Set(found.flatMap((c) => c.members));
  const clusters = found.map(({ lang, centroid, members }) => ({
    centroid: new Map(Array.from(centroid.order, (n) => [space.names[n]!, centroid.dense[n]!])),
    members,
    closest: members
      .map((i) => ({ i, similarity: rounded(space.dot(vectors[i]!, centroid)) }))
      .sort((a, b) => b.similarity - a.similarity || a.i - b.i)
      .map(({ i }) => i),
    terms: distinctiveTerms(space, vectors, centroid, members, posts.length),
    lang,
  }));
  /** Per language, the clusters (indices) and centroids a post of it can be assigned to. */
  const byLang = new Map<string | undefined, { index: number[]; matrix: CentroidMatrix }>();
  for (const lang of [undefined, ...groups.keys()]) {
    const index = found.flatMap((c, j) => (lang === undefined || c.lang === lang ? [j] : []));
    const matrix = new CentroidMatrix(
      space.size,
      index.map((j) => found[j]!.centroid),
    );
    if (index.length > 0) byLang.set(lang, { index, matrix });
  }
  return {
    clusters,
    outliers: usable.filter((i) => !inCluster.has(i)),
    idf: none.idf,
    assign(terms, lang) {
      const v = space.vectorize(terms);
      if (v.ids.length === 0) return null;
      const candidates = byLang.get(lang);
      if (!candidates) return null;
      const near = candidates.matrix.nearest(v);
      return near.index < 0
        ? null
        : { index: candidates.index[near.index]!, similarity: near.similarity };
    },
  };
}

/**
 * A cluster's top 5 terms by centroid weight × distinctiveness: the log of the term's share of
 * the cluster's posts over its share of the other posts of the input (`total` in all), both
 * Laplace-smoothed; terms no more common in the cluster than outside it are left out (all of
 * them only when none is, then by centroid weight). Ties by term.
 */
function distinctiveTerms(
  space: TermSpace,
  vectors: readonly Sparse[],
  centroid: Centroid,
  members: readonly number[],
  total: number,
): string[] {
  const inside = new Map<number, number>();
  for (const i of members) {
    const ids = vectors[i]!.ids;
    for (let j = 0; j < ids.length; j++) inside.set(ids[j]!, (inside.get(ids[j]!) ?? 0) + 1);
  }
  const outsidePosts = total - members.length;
  const scored: [string, number][] = [];
  const weighted: [string, number][] = [];
  for (const n of centroid.order) {
    const df = inside.get(n) ?? 0;
    const share = (df + 1) / (members.length + 2);
    const outside = (space.df[n]! - df + 1) / (outsidePosts + 2);
    const weight = centroid.dense[n]!;
    weighted.push([space.names[n]!, weight]);
    if (share > outside) scored.push([space.names[n]!, weight * Math.log(share / outside)]);
  }
  return (scored.length > 0 ? scored : weighted)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([term]) => term);
}
