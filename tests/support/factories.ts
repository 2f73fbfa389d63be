import { EMOTIONS, type Enrichment } from '../../models/enrichment.js';
import type { Campaign } from '../../models/campaign.js';
import type { Post } from '../../models/post.js';

/** The 'Ni una menos' campaign (hashtag NiUnaMenos, keyword feminicidio) from 2026-01-01. */
export function makeCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'niunamenos',
    name: 'Ni una menos',
    description: '',
    hashtags: ['NiUnaMenos'],
    handles: [],
    keywords: ['feminicidio'],
    countries: [],
    startDate: '2026-01-01',
    endDate: null,
    launchDate: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A valid Post with sensible defaults; tests override what they are about. */
export function makePost(overrides: Partial<Post> & { externalId: string }): Post {
  return {
    platform: 'mastodon',
    url: null,
    text: 'Texto de prueba',
    lang: 'es',
    createdAt: '2026-11-02T10:15:00.000Z',
    collectedAt: '2026-11-02T12:00:00.000Z',
    author: { id: 'a_author1', handle: 'autor1', name: null, followers: 100, verified: false, location: null },
    metrics: { likes: 1, reposts: 0, replies: 0, quotes: 0, views: null, observedAt: '2026-11-02T12:00:00.000Z' },
    hashtags: [],
    mentions: [],
    links: [],
    place: null,
    source: { kind: 'mastodon', queryId: null },
    campaignIds: [],
    ...overrides,
  };
}

export interface EnrichmentFacts {
  lang?: 'es' | 'en' | 'other';
  sentiment?: 'P' | 'NEU' | 'N';
  emotion?: Enrichment['emotions']['label'];
  topics?: string[];
  misogyny?: boolean;
  hate?: boolean;
  country?: Enrichment['places'][number]['country'] | null;
  /** The department or province in `country`. */
  admin1?: string;
  campaigns?: string[];
  version?: string;
}

/** An Enrichment carrying exactly the given facts (what the rollups count). */
export function makeEnrichment(facts: EnrichmentFacts = {}): Enrichment {
  const sentiment = facts.sentiment ?? 'NEU';
  return {
    version: facts.version ?? 'test-1',
    enrichedAt: '2026-11-02T12:00:01.000Z',
    language: { code: facts.lang ?? 'es', score: 0.9, explanation: [] },
    sentiment: {
      label: sentiment,
      score: sentiment === 'P' ? 0.6 : sentiment === 'N' ? -0.6 : 0,
      confidence: 0.7,
      explanation: [],
    },
    emotions: {
      label: facts.emotion ?? 'others',
      scores: Object.fromEntries(EMOTIONS.map((e) => [e, e === (facts.emotion ?? 'others') ? 1 : 0])) as Enrichment['emotions']['scores'],
      explanation: [],
    },
    topics: (facts.topics ?? []).map((id) => ({ id, score: 0.9, explanation: [] })),
    misogyny: {
      flag: facts.misogyny ?? false,
      score: facts.misogyny ? 0.9 : 0.1,
      category: facts.misogyny ? 'stereotyping-dominance' : null,
      explanation: [],
    },
    hate: { flag: facts.hate ?? false, score: facts.hate ? 0.9 : 0.1, explanation: [] },
    places: facts.country
      ? [{ country: facts.country, admin1: facts.admin1 ?? null, from: 'text', score: 0.8, explanation: [] }]
      : [],
    campaigns: (facts.campaigns ?? []).map((id) => ({ id, score: 1, explanation: [] })),
  };
}
