import type { Enrichment } from '../../models/enrichment.js';
import type { Post } from '../../models/post.js';
import type { StoredPost } from '../../models/store.js';

/** Collection names of the MongoDB store. */
export const COLLECTIONS = {
  posts: 'posts',
  rollups: 'rollups',
  authorDays: 'author_days',
  dirtyBuckets: 'dirty_buckets',
  sources: 'sources',
  campaigns: 'campaigns',
  alertRules: 'alert_rules',
  alerts: 'alerts',
  users: 'users',
  annotations: 'annotations',
  briefs: 'briefs',
  settings: 'settings',
} as const;

/**
 * A stored post. `doc` is the post as collected (its text is what the text index covers); the
 * flat fields beside it are what queries and pipelines read: the PostFacets of models/facets.ts,
 * plus `authorId`. Metric facets (interactions, followers, views) and time buckets are written
 * at insert and on every metrics refresh; the analysed facets by `saveEnrichments`.
 */
export interface PostDocument {
  _id: string;
  platform: string;
  externalId: string;
  doc: Post;
  observedMs: number;
  createdMs: number;
  hourMs: number;
  dayMs: number;
  authorId: string;
  interactions: number;
  followers: number;
  views: number;
  enrichment: Enrichment | null;
  analyzerVersion: string | null;
  country?: string;
  admin1?: string | null;
  lang?: 'es' | 'en' | 'other';
  topics?: string[];
  campaigns?: string[];
  sentiment?: string;
  emotion?: string;
  misogyny?: 0 | 1;
  hate?: 0 | 1;
  /** EXIST category when flagged misogynistic, else null. */
  misogynyCategory?: string | null;
  /** Normalised hashtags, mentions, links and terms (analytics/entities.ts), for top lists. */
  entities?: { hashtag: string[]; mention: string[]; link: string[]; term: string[] };
  /**
   * Set, in the same single-document write as the change, while the post's hour bucket has not
   * been re-aggregated since; cleared by `recompute`. See MongoPosts for why.
   */
  dirty?: true;
}

export function toStoredPost(row: Pick<PostDocument, '_id' | 'doc' | 'enrichment'>): StoredPost {
  return { ...row.doc, id: row._id, enrichment: row.enrichment ?? null };
}

/**
 * The JSON form of a value: what the SQLite adapter stores, so both adapters return the same
 * shapes (no `undefined` keys, which BSON would otherwise store as null).
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
