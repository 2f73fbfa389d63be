import type { AlertScope } from '../../models/alert.js';
import type { CampaignDayKpis, EmergingTerm, ImpactEstimate, ImpactMetric } from '../../models/analytics.js';
import type { CountryCode } from '../../models/common.js';
import type { Kpis, SeriesPoint } from '../../models/store.js';

/**
 * Everything a weekly brief shows, gathered once through the store port (workers/brief/gather.ts)
 * and rendered without further queries (workers/brief/render.ts). Plain JSON, so tests build it
 * by hand and the findings generator stays a pure function of it.
 */
export interface BriefData {
  week: string;
  /** Monday and Sunday of the week (UTC, inclusive). */
  from: string;
  to: string;
  previous: { week: string; from: string; to: string };
  scope: BriefScope;
  generatedAt: string;
  /** Made from `escucha demo` data: every page says so, so a forwarded copy cannot mislead. */
  demo: boolean;
  kpis: { current: Kpis; previous: Kpis };
  /** One point per day of the week, then of the week before (7 each). */
  days: SeriesPoint[];
  previousDays: SeriesPoint[];
  /** Topics of the week (largest first) with the week before. */
  topics: GroupChange[];
  countries: GroupChange[];
  /** Topic × country, for the largest changes. */
  countryTopics: (GroupChange & { country: string })[];
  narratives: BriefNarrative[];
  emergingTerms: EmergingTerm[];
  alerts: BriefAlert[];
  campaigns: BriefCampaign[];
  /** Campaigns of the scope with no post in its countries this week (names): said, not charted. */
  campaignsWithoutPosts: string[];
  /**
   * Campaigns of the scope beyond the ones shown (`campaigns` holds the busiest of the week), in
   * the same order, with their posts of the week: named in one line ("y 2 más: …").
   */
  campaignsMore: { name: string; posts: number }[];
  coverage: Coverage;
  method: { classifiers: ClassifierAccuracy[] };
}

export interface BriefScope {
  /** Empty: every country. */
  countries: CountryCode[];
  /** Empty: every campaign active in the week. */
  campaigns: string[];
}

/** The figures of a group this week and the week before. */
export interface GroupChange {
  value: string;
  current: GroupFigures;
  previous: GroupFigures;
}

export type GroupFigures = Pick<Kpis, 'posts' | 'interactions' | 'analysed' | 'misogyny' | 'misogynyRate' | 'netSentiment'>;

export interface BriefNarrative {
  label: string;
  terms: string[];
  /** Posts of the week's sample in the cluster, and of the week before's closest to it. */
  size: number;
  previous: number;
  /** Change in %, null when the narrative is new. */
  trend: number | null;
  examples: BriefExample[];
}

/** A sample post as printed: pseudonymised author, contacts and mentions redacted. */
export interface BriefExample {
  platform: string;
  createdAt: string;
  /** A public institution's or outlet's name, or a short pseudonym ("#3f9a2c"). */
  author: string;
  publicAuthor: boolean;
  text: string;
  /** Flagged misogynistic or hateful, or about violence: printed under a content warning. */
  sensitive: boolean;
}

export interface BriefAlert {
  rule: string;
  bucket: string;
  severity: 'low' | 'medium' | 'high';
  observed: number;
  expected: number;
  score: number;
  /** What the rule watched, to word the alert in the brief's language (absent on old alerts). */
  scope: AlertScope | null;
  /** Spanish sentence from the alert engine (shown when there is no scope). */
  message: string;
}

export interface BriefCampaign {
  id: string;
  name: string;
  startDate: string;
  endDate: string | null;
  /** In the brief's countries only (gather.ts `campaignFigures`). */
  week: CampaignFigures;
  previousWeek: CampaignFigures | null;
  impact: ImpactEstimate | null;
  impactMetric: ImpactMetric;
  /**
   * Why there is no estimate, when `impact` is null: not launched by the week's end, no post of
   * the campaign in the week (nothing of its own to attribute a change to), or the store could
   * not estimate it.
   */
  impactUnavailable: 'not-launched' | 'no-posts' | 'not-available' | null;
}

/**
 * A campaign's KPIs as the brief prints them: the store's campaign KPIs without the count of
 * distinct hashtags, which the brief does not show and which the store counts region-wide only.
 */
export type CampaignFigures = Omit<CampaignDayKpis, 'hashtags'>;

export interface Coverage {
  sources: { name: string; kind: string; status: string; enabled: boolean; lastSuccessAt: string | null }[];
  /** Gaps overlapping the week, clipped to it. */
  gaps: { source: string; from: string; to: string; reason: string }[];
  /** Posts of the week by platform. */
  platforms: { value: string; posts: number }[];
}

export interface ClassifierAccuracy {
  task: string;
  /** Held-out examples. */
  n: number;
  accuracy: number;
  macroF1: number;
}

/** One sentence of the findings and where in the brief its numbers are shown. */
export interface Finding {
  text: string;
  /** `kpi`, `fig1`…`fig5`, `tab1`, `narratives`, `alerts`, `campaigns`. */
  figureRef: FigureRef;
}

export type FigureRef = 'kpi' | 'fig1' | 'fig2' | 'fig3' | 'fig4' | 'fig5' | 'tab1' | 'narratives' | 'alerts' | 'campaigns';
