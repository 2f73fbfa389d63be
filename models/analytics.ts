import { z } from 'zod';
import { IsoDate, Identifier } from './common.js';
import { Emotion, SentimentLabel } from './enrichment.js';
import { list, PostFilter } from './filter.js';
import type { Kpis } from './store.js';

/**
 * Inputs and results of the analytics queries of the store port (`Store.analytics`). Inputs are
 * zod schemas the API parses requests with; results are plain JSON. Metric definitions live in
 * models/metrics.ts and docs/metrics.md.
 */

/** Dimensions a breakdown can group by. `misogynyCategory` groups only flagged posts. */
export const BreakdownDimension = z.enum([
  'country',
  'admin1',
  'platform',
  'topic',
  'campaign',
  'lang',
  'sentiment',
  'emotion',
  'misogynyCategory',
]);
export type BreakdownDimension = z.infer<typeof BreakdownDimension>;

/** One value of a dimension with the KPIs of its posts (distinct authors exact per value). */
export type BreakdownRow = Kpis & { value: string };

/** What a "top" list counts: hashtags, @mentions, links, or words of the text. */
export const EntityKind = z.enum(['hashtag', 'mention', 'link', 'term']);
export type EntityKind = z.infer<typeof EntityKind>;

/**
 * A hashtag, mention, link or term: `posts` carrying it (each post once) and their interactions.
 * Values are normalised: hashtags, mentions and terms lower-cased without accents or '#'/'@'.
 */
export interface TopEntity {
  value: string;
  posts: number;
  interactions: number;
}

export const AuthorRanking = z.enum(['reach', 'interactions']);
export type AuthorRanking = z.infer<typeof AuthorRanking>;

/**
 * An author as shown to users: the pseudonymised id always; the handle and display name only
 * when the account is a public institution or media outlet on the allow-list
 * (analytics/public-accounts.json).
 */
export interface PublicAuthor {
  id: string;
  platform: string;
  /** True when on the allow-list; only then `handle` and `name` are set. */
  public: boolean;
  handle: string | null;
  name: string | null;
  kind: 'institution' | 'media' | null;
}

export interface TopAuthor extends PublicAuthor {
  posts: number;
  interactions: number;
  /** Largest follower count observed in the filter's range. */
  followers: number;
}

/** A post as listed by top posts and search: what a result row shows. */
export interface PostSummary {
  id: string;
  platform: string;
  createdAt: string;
  url: string | null;
  text: string;
  interactions: number;
  views: number;
  country: string;
  sentiment: string;
  misogyny: boolean;
  author: PublicAuthor;
}

/** "true" / "false" from a query string, or a boolean. */
const Flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/**
 * What a post search can require of a post's analysis: any of the listed sentiments and
 * emotions, and with (true) or without (false) a misogyny or hate flag. Unanalysed posts never
 * match a label.
 */
export const SearchLabels = z.object({
  sentiment: list(SentimentLabel).default([]),
  emotion: list(Emotion).default([]),
  misogyny: Flag.optional(),
  hate: Flag.optional(),
});
export type SearchLabels = z.infer<typeof SearchLabels>;

/** Post search: the filter, labels, optional full-text `q` (every word must occur), a page. */
export const PostSearch = z.object({
  filter: PostFilter,
  /** Absent: any analysis. */
  labels: SearchLabels.optional(),
  /** Words that must all occur as whole words (accent- and case-insensitive). */
  q: z.string().trim().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque cursor from the previous page's `next`. */
  cursor: z.string().max(200).nullable().default(null),
});
export type PostSearch = z.infer<typeof PostSearch>;

export interface SearchPage {
  posts: PostSummary[];
  /** Cursor of the next page, null on the last one. Newest first, stable under inserts. */
  next: string | null;
}

/** Followers from which an author counts as an influencer in campaign KPIs. */
export const INFLUENCER_FOLLOWERS = 10_000;

export const CampaignKpisQuery = z.object({
  campaignId: Identifier,
  /** Defaults to the campaign's start date and its end date (or today). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type CampaignKpisQuery = z.infer<typeof CampaignKpisQuery>;

/** Campaign KPIs of one day or of the whole range; definitions in docs/metrics.md. */
export interface CampaignDayKpis {
  posts: number;
  authors: number;
  interactions: number;
  potentialReach: number;
  /** Distinct authors with ≥ INFLUENCER_FOLLOWERS followers or on the allow-list. */
  influencers: number;
  /** Posts from platform `rss` (news media). */
  mediaMentions: number;
  /** Distinct hashtags used. */
  hashtags: number;
  sentiment: { P: number; NEU: number; N: number };
  netSentiment: number;
  misogyny: number;
  misogynyRate: number;
  analysed: number;
}

export interface CampaignKpis {
  campaignId: string;
  from: string;
  to: string;
  total: CampaignDayKpis;
  /** Every day of the range, in order (empty days as zeros). */
  days: (CampaignDayKpis & { day: string })[];
  topHashtags: TopEntity[];
}

export const NarrativeOptions = z.object({
  filter: PostFilter,
  /** Days before `filter.from` that form the baseline of emerging terms. */
  baselineDays: z.coerce.number().int().min(7).max(180).default(28),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type NarrativeOptions = z.input<typeof NarrativeOptions>;

/** A term or hashtag rising in the filter's range against the baseline before it. */
export interface EmergingTerm {
  kind: 'hashtag' | 'term';
  value: string;
  /** Posts carrying it in the range. */
  count: number;
  /** Posts carrying it in the baseline, scaled to the range's length. */
  expected: number;
  /** Smoothed ratio count / expected. */
  ratio: number;
  /** Signed log-likelihood ratio (G²): > 10.83 is p < 0.001 for a rise. */
  score: number;
}

/** Posts that talk about the same thing, from TF-IDF clustering of the range's newest posts. */
export interface Narrative {
  /** Top terms, joined: "desaparecida · joven · búsqueda". */
  label: string;
  terms: string[];
  /** Posts of the sample in the cluster. */
  size: number;
  /** Posts of the previous period's sample closest to this cluster. */
  previous: number;
  /** Change vs the previous period in %, null when it had none. */
  trend: number | null;
  samples: { id: string; text: string }[];
}

/** The narratives of a period and how much of its conversation they hold. */
export interface NarrativeSet {
  /** Posts clustered: the period's newest, at most a sample's size (analytics/narratives.ts). */
  sampled: number;
  /**
   * Sampled posts in no narrative shown ("other topics"): close to no cluster, in a cluster
   * too small to be one, or in one beyond the limit.
   */
  other: number;
  narratives: Narrative[];
}

export const ImpactMetric = z.enum([
  'misogynyRate',
  'hateRate',
  'netSentiment',
  'topicShare',
  'posts',
]);
export type ImpactMetric = z.infer<typeof ImpactMetric>;

export const ImpactQuery = z.object({
  campaignId: Identifier,
  metric: ImpactMetric,
  /** Required for `topicShare`: posts on this topic / all posts, × 100. */
  topic: Identifier.optional(),
  /** The conversation measured (not only the campaign's posts): country, platform... */
  filter: PostFilter.optional(),
  /** Overrides the campaign's launch date (else launchDate ?? startDate). */
  launchDate: IsoDate.optional(),
  daysBefore: z.coerce.number().int().min(7).max(365).default(56),
  daysAfter: z.coerce.number().int().min(7).max(365).default(56),
});
export type ImpactQuery = z.input<typeof ImpactQuery>;

export interface ImpactEstimate {
  campaignId: string;
  metric: ImpactMetric;
  launchDate: string;
  /** Daily values used (null where the metric is undefined, e.g. no analysed posts). */
  days: { day: string; value: number | null }[];
  /** Immediate change in level at launch; null when the series is too short. */
  levelChange: number | null;
  /** Change of the daily slope after launch. */
  trendChange: number | null;
  ci95: [number, number] | null;
  pValue: number | null;
  /** pre-launch days and post-launch days with a value. */
  n: { before: number; after: number };
  /** Plain Spanish: the change, its interval and how sure we are. */
  summary: string;
}
