import { ANALYST_EVIDENCE } from './corrections.js';
import type { Enrichment } from './enrichment.js';
import { interactionsOf, type Post } from './post.js';

/**
 * The flat facts about an enriched post that filters and rollups use. Both store adapters
 * derive them with this one function, so SQLite and MongoDB count the same things.
 */
export interface PostFacets {
  createdMs: number;
  hourMs: number;
  dayMs: number;
  /** Resolved country: the platform's geo tag first, then the best place in the text/profile. */
  country: string;
  admin1: string | null;
  lang: 'es' | 'en' | 'other';
  topics: string[];
  /** Explicit (`--campaign` at import) and matched campaigns. */
  campaigns: string[];
  sentiment: 'P' | 'NEU' | 'N';
  emotion: string;
  misogyny: 0 | 1;
  hate: 0 | 1;
  interactions: number;
  followers: number;
  views: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

export function postFacets(post: Post, enrichment: Enrichment): PostFacets {
  const createdMs = Date.parse(post.createdAt);
  const best = enrichment.places[0];
  const corrected = best?.explanation.some((e) => e.feature === ANALYST_EVIDENCE.feature) ?? false;
  const country = (corrected ? best?.country : null) ?? post.place?.country ?? best?.country ?? '';
  const admin1 =
    !corrected && post.place?.country && post.place.admin1
      ? post.place.admin1
      : best && best.country === country
        ? best.admin1
        : null;
  const analysed = enrichment.language.code !== 'other';
  return {
    createdMs,
    hourMs: Math.floor(createdMs / HOUR) * HOUR,
    dayMs: Math.floor(createdMs / DAY) * DAY,
    country,
    admin1,
    lang: enrichment.language.code,
    topics: unique(enrichment.topics.map((t) => t.id)),
    campaigns: unique([...post.campaignIds, ...enrichment.campaigns.map((c) => c.id)]),
    sentiment: enrichment.sentiment.label,
    emotion: enrichment.emotions.label,
    misogyny: analysed && enrichment.misogyny.flag ? 1 : 0,
    hate: analysed && enrichment.hate.flag ? 1 : 0,
    interactions: interactionsOf(post.metrics),
    followers: post.author.followers ?? 0,
    views: post.metrics.views ?? 0,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
