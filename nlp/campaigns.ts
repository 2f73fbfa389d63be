/**
 * Campaign matching: a post belongs to a campaign when, within the campaign's dates
 * (startDate..endDate inclusive, UTC days) and countries (empty = all; the post's resolved
 * countries), it carries one of its hashtags, is by or mentions one of its handles, or contains
 * one of its keywords (accent- and case-insensitive, whole words).
 * Contract: pure; best first; score = 1 − e^(−evidence).
 */
import type { Campaign } from '../models/campaign.js';
import type { Evidence } from '../models/common.js';
import type { CampaignResult } from '../models/enrichment.js';
import { fold } from './text/fold.js';

export interface CampaignPost {
  /** Folded normalised words joined by spaces. */
  text: string;
  hashtags: readonly string[];
  mentions: readonly string[];
  authorHandle?: string | null;
  createdAt?: string;
  countries: readonly string[];
}

const compactRaw = (s: string) =>
  fold(s)
    .replace(/^[#@]/, '')
    .replace(/[^\p{L}\p{N}_]/gu, '');
const keywordRaw = (k: string) =>
  fold(k)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Memoised key functions: campaign hashtags, handles and keywords repeat on every post. */
function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size > 10_000) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}
const compact = memo(compactRaw);
const keywordKey = memo(keywordRaw);

export function matchCampaigns(
  post: CampaignPost,
  campaigns: readonly Campaign[],
): CampaignResult[] {
  const results: CampaignResult[] = [];
  const day = post.createdAt ? post.createdAt.slice(0, 10) : null;
  const tags = new Set(post.hashtags.map(compact));
  const handles = new Set(
    [...post.mentions, ...(post.authorHandle ? [post.authorHandle] : [])].map(compact),
  );
  const author = post.authorHandle ? compact(post.authorHandle) : null;
  const text = ` ${post.text} `;
  for (const c of campaigns) {
    if (day) {
      if (day < c.startDate) continue;
      if (c.endDate && day > c.endDate) continue;
    }
    if (
      c.countries.length > 0 &&
      !post.countries.some((country) => (c.countries as readonly string[]).includes(country))
    )
      continue;
    const explanation: Evidence[] = [];
    for (const h of c.hashtags)
      if (tags.has(compact(h))) explanation.push({ feature: `#${h.replace(/^#/, '')}`, weight: 1 });
    for (const h of c.handles) {
      const key = compact(h);
      if (handles.has(key))
        explanation.push({ feature: `@${h.replace(/^@/, '')}`, weight: key === author ? 1 : 0.8 });
    }
    for (const k of c.keywords) {
      const key = keywordKey(k);
      if (key && text.includes(` ${key} `)) explanation.push({ feature: k, weight: 0.7 });
    }
    if (explanation.length === 0) continue;
    const sum = explanation.reduce((a, e) => a + e.weight, 0);
    results.push({
      id: c.id,
      score: Math.round((1 - Math.exp(-1.5 * sum)) * 1000) / 1000,
      explanation,
    });
  }
  return results.length > 1 ? results.sort((a, b) => b.score - a.score) : results;
}
