import type { PostEntities } from '../analytics/entities.js';
import type { Alert, AlertRule } from './alert.js';
import type {
  AuthorRanking,
  BreakdownDimension,
  BreakdownRow,
  CampaignKpis,
  CampaignKpisQuery,
  EmergingTerm,
  EntityKind,
  ImpactEstimate,
  ImpactQuery,
  NarrativeSet,
  NarrativeOptions,
  PostSearch,
  PostSummary,
  SearchPage,
  TopAuthor,
  TopEntity,
} from './analytics.js';
import type { Annotation } from './annotation.js';
import type { Emotion } from './enrichment.js';
import type { Brief } from './brief.js';
import type { Campaign } from './campaign.js';
import type { Enrichment } from './enrichment.js';
import type { PostFacets } from './facets.js';
import type { PostFilter } from './filter.js';
import type { Post } from './post.js';
import type { Granularity, Rollup } from './rollup.js';
import type { Source } from './source.js';
import type { User } from './user.js';

/**
 * What `saveEnrichments` derives from a post and its analysis, computed by
 * `prepareEnrichment` (store/prepare.ts) where it is cheapest (an enrichment thread) and handed
 * to the store, which then neither serialises the analysis nor re-reads the post. It must be
 * exactly what `prepareEnrichment` gives for the item's post and enrichment.
 */
export interface PreparedEnrichment {
  /** The stored analysis: its compact JSON (store/enrichment-codec.ts `encodeEnrichment`). */
  json: string;
  /** The analysed facets (models/facets.ts `postFacets`, without the metric facets). */
  facets: AnalysedFacets;
  /** The post's entities (analytics/entities.ts `postEntities`). */
  entities: PostEntities;
}

/** `PostFacets` that an analysis sets, plus what the stores keep beside them. */
export type AnalysedFacets = Omit<PostFacets, 'interactions' | 'followers' | 'views'> & {
  /** The analyser version (`enrichment.version`). */
  version: string;
  /** EXIST category when flagged misogynistic, else null. */
  misogynyCategory: string | null;
};

/**
 * One analysis to save: the enrichment, its prepared form, or both (then they must agree). A
 * caller holding only the prepared form (an enrichment thread's result) need not parse it.
 */
export type EnrichmentItem =
  | { id: string; enrichment: Enrichment; prepared?: PreparedEnrichment | undefined }
  | { id: string; enrichment?: undefined; prepared: PreparedEnrichment };

/** A post as stored: its key (`platform:externalId`) and its analysis, once enriched. */
export type StoredPost = Post & { id: string; enrichment: Enrichment | null };

export interface UpsertResult {
  /** Posts new to the store. */
  inserted: number;
  /** Posts already stored (same platform + externalId); their metrics are refreshed if newer. */
  duplicates: number;
  /** Keys of the inserted posts, in input order. */
  insertedIds: string[];
}

export interface PostRepository {
  /**
   * Stores posts idempotently by (platform, externalId). An existing post keeps its text and
   * analysis; only its metrics are replaced, and only by a newer `observedAt`. An adapter without
   * multi-document transactions may apply a batch partially; retrying it is always safe.
   */
  upsert(posts: readonly Post[]): Promise<UpsertResult>;
  get(id: string): Promise<StoredPost | null>;
  getMany(ids: readonly string[]): Promise<StoredPost[]>;
  /** Posts never analysed (or analysed by another analyser version), oldest first. */
  pendingEnrichment(limit: number, version: string): Promise<StoredPost[]>;
  /**
   * Ids of analysed posts created in [startMs, endMs), oldest first (ties by id), `limit` after
   * the `after` key: what a campaign change re-analyses.
   */
  analysedIdsBetween(
    startMs: number,
    endMs: number,
    after: { createdMs: number; id: string } | null,
    limit: number,
  ): Promise<{ id: string; createdMs: number }[]>;
  /**
   * Saves analyses and marks the posts' hour buckets for re-aggregation such that a crash at
   * any point cannot lose a rollup update (SQLite: one transaction; MongoDB: a per-post dirty
   * flag healed by `dirtyBuckets`).
   */
  saveEnrichments(items: readonly EnrichmentItem[]): Promise<void>;
  count(): Promise<number>;
  countPendingEnrichment(version: string): Promise<number>;
}

export interface RollupRepository {
  /** Hour buckets (ms since epoch) whose posts changed since they were last aggregated. */
  dirtyBuckets(limit: number): Promise<number[]>;
  /**
   * Recomputes the hour rollups of these buckets, and the day rollups and per-day distinct
   * authors of their days, from the posts (idempotent), then clears their dirty marks (an
   * adapter may rebuild and clear other dirty hours of those days too). Returns the number of
   * rollup rows written.
   */
  recompute(hourBuckets: readonly number[]): Promise<number>;
  /** Rollup rows of a granularity within a filter's range, for the filter's dimensions. */
  list(filter: PostFilter, granularity: Granularity): Promise<Rollup[]>;
}

/** Headline KPIs of a filter; definitions in models/metrics.ts. */
export interface Kpis {
  posts: number;
  authors: number;
  interactions: number;
  potentialReach: number;
  impressions: number;
  netSentiment: number;
  misogynyRate: number;
  hateRate: number;
  sentiment: { P: number; NEU: number; N: number };
  misogyny: number;
  hate: number;
  /** Posts analysed in Spanish or English: the denominator of the rates. */
  analysed: number;
  /** Posts by dominant emotion. */
  emotions: Record<Emotion, number>;
}

export interface SeriesPoint {
  bucket: string;
  posts: number;
  authors: number;
  interactions: number;
  potentialReach: number;
  sentiment: { P: number; NEU: number; N: number };
  netSentiment: number;
  misogyny: number;
  misogynyRate: number;
  hate: number;
  hateRate: number;
  impressions: number;
  /** Posts analysed in Spanish or English: the denominator of the rates. */
  analysed: number;
  emotions: Record<Emotion, number>;
}

export interface AnalyticsQueries {
  /**
   * KPIs over the filter, exact. Distinct authors and reach do not add up across buckets: when
   * day rollups answer the filter (at most one topic and one campaign) they are the union of
   * the range's per-day distinct-author sets kept beside the rollups, else they are counted from
   * posts; either way each author counts once in the range, with their largest follower count.
   * Results read from rollups are as fresh as the last aggregation.
   */
  kpis(filter: PostFilter): Promise<Kpis>;
  /**
   * One point per bucket in the filter's range, from rollups. Empty buckets are included.
   * `authors` and `potentialReach` of a point add up the rollup cells of its bucket.
   */
  series(filter: PostFilter, granularity: Granularity): Promise<SeriesPoint[]>;
  /**
   * The KPIs of each value of a dimension, exact (distinct authors per value, from the per-day
   * distinct-author sets for rollup dimensions, else from posts), largest `posts`
   * first then by value, at most `limit` rows. Topic and campaign rows count a post under each
   * of its topics/campaigns; posts without any are not listed. Unknown country/admin1 is ''.
   */
  breakdown(filter: PostFilter, dimension: BreakdownDimension, limit?: number): Promise<BreakdownRow[]>;
  /** Most frequent hashtags, mentions, links or terms: by posts, then interactions, then value. */
  topEntities(filter: PostFilter, kind: EntityKind, limit: number): Promise<TopEntity[]>;
  /** Authors by potential reach (followers) or interactions; pseudonymised unless allow-listed. */
  topAuthors(filter: PostFilter, by: AuthorRanking, limit: number): Promise<TopAuthor[]>;
  /** Posts with most interactions (ties: newest, then id). */
  topPosts(filter: PostFilter, limit: number): Promise<PostSummary[]>;
  /**
   * Posts matching the filter and every word of `q` (whole words, accent- and case-insensitive),
   * newest first, paginated with an opaque cursor on (createdMs, id).
   */
  search(query: PostSearch): Promise<SearchPage>;
  /** Reach, interactions, influencers, media mentions... of a campaign's posts, per day and total. */
  campaignKpis(query: CampaignKpisQuery): Promise<CampaignKpis>;
  /** Terms and hashtags rising in the filter's range against the `baselineDays` before it. */
  emergingTerms(options: NarrativeOptions): Promise<EmergingTerm[]>;
  /** Clusters of the range's newest posts (≤ 2,000, NARRATIVE_SAMPLE), with label, size, trend and samples, and the sample's size and posts in none. */
  narratives(options: NarrativeOptions): Promise<NarrativeSet>;
  /** Interrupted-time-series estimate of a campaign launch's effect on a daily metric. */
  campaignImpact(query: ImpactQuery): Promise<ImpactEstimate>;
}

export interface SourceRepository {
  list(): Promise<Source[]>;
  get(id: string): Promise<Source | null>;
  /** Inserts or replaces the whole record. */
  save(source: Source): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface CampaignRepository {
  list(): Promise<Campaign[]>;
  get(id: string): Promise<Campaign | null>;
  save(campaign: Campaign): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface AlertRepository {
  listRules(): Promise<AlertRule[]>;
  saveRule(rule: AlertRule): Promise<void>;
  deleteRule(id: string): Promise<boolean>;
  /** Newest first. */
  list(limit: number): Promise<Alert[]>;
  /** Inserts unless an alert for the same rule and bucket exists; returns whether it did. */
  insert(alert: Alert): Promise<boolean>;
  update(alert: Alert): Promise<void>;
}

export interface BriefRepository {
  /** Newest first. */
  list(): Promise<Brief[]>;
  get(id: string): Promise<{ brief: Brief; pdf: Buffer } | null>;
  save(brief: Brief, pdf: Buffer): Promise<void>;
}

export interface UserRepository {
  list(): Promise<User[]>;
  get(id: string): Promise<User | null>;
  getByEmail(email: string): Promise<User | null>;
  /** Throws ConflictError when another user has the same e-mail (case-insensitive). */
  save(user: User): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface AnnotationRepository {
  add(annotation: Annotation): Promise<void>;
  listForPost(postId: string): Promise<Annotation[]>;
  /** Annotations of any of these posts, oldest first (re-applied when posts are re-analysed). */
  listForPosts(postIds: readonly string[]): Promise<Annotation[]>;
  /** All annotations, oldest first, for training. */
  all(): Promise<Annotation[]>;
}

/** Small key/value settings (instance-wide switches, lexicon versions). */
export interface SettingsRepository {
  get<T>(key: string): Promise<T | null>;
  set<T>(key: string, value: T): Promise<void>;
}

/**
 * The one persistence port. `store/sqlite` (embedded default) and `store/mongo` (scaled)
 * implement it, and both must pass tests/integration/store.contract.test.ts.
 */
export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  readonly posts: PostRepository;
  readonly rollups: RollupRepository;
  readonly analytics: AnalyticsQueries;
  readonly sources: SourceRepository;
  readonly campaigns: CampaignRepository;
  readonly alerts: AlertRepository;
  readonly briefs: BriefRepository;
  readonly users: UserRepository;
  readonly annotations: AnnotationRepository;
  readonly settings: SettingsRepository;
  close(): Promise<void>;
}
