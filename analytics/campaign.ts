import {
  INFLUENCER_FOLLOWERS,
  type CampaignDayKpis,
  type CampaignKpis,
  type TopEntity,
} from '../models/analytics.js';
import { netSentiment, rate } from '../models/metrics.js';
import { publicAccount } from './public-accounts.js';

/** One author's posts of a campaign on one day, as both store adapters return them. */
export interface CampaignAuthorDay {
  dayMs: number;
  authorId: string;
  platform: string;
  handle: string | null;
  posts: number;
  analysed: number;
  interactions: number;
  /** Largest follower count of the author that day. */
  followers: number;
  /** Posts from platform `rss`. */
  media: number;
  sentimentP: number;
  sentimentNeu: number;
  sentimentN: number;
  misogyny: number;
}

/** Posts carrying a hashtag on one day. */
export interface CampaignHashtagDay {
  dayMs: number;
  value: string;
  posts: number;
  interactions: number;
}

const DAY = 86_400_000;

/**
 * Campaign KPIs per day and in total from per-author-day rows: distinct authors, reach and
 * influencers count each author once per period (with their largest follower count in it);
 * an influencer has ≥ INFLUENCER_FOLLOWERS followers or is an allow-listed public account.
 */
export function campaignKpisOf(
  campaignId: string,
  range: { from: string; to: string },
  authorDays: readonly CampaignAuthorDay[],
  hashtagDays: readonly CampaignHashtagDay[],
): CampaignKpis {
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T00:00:00Z`) + DAY;
  const byDay = new Map<number, CampaignAuthorDay[]>();
  for (const row of authorDays)
    (byDay.get(row.dayMs) ?? byDay.set(row.dayMs, []).get(row.dayMs)!).push(row);
  const tagsByDay = new Map<number, Set<string>>();
  for (const row of hashtagDays)
    (tagsByDay.get(row.dayMs) ?? tagsByDay.set(row.dayMs, new Set()).get(row.dayMs)!).add(
      row.value,
    );
  const days: CampaignKpis['days'] = [];
  for (let day = start; day < end; day += DAY) {
    days.push({
      day: new Date(day).toISOString().slice(0, 10),
      ...kpisOf(byDay.get(day) ?? [], tagsByDay.get(day)?.size ?? 0),
    });
  }
  const top = new Map<string, TopEntity>();
  for (const row of hashtagDays) {
    const entry =
      top.get(row.value) ??
      top.set(row.value, { value: row.value, posts: 0, interactions: 0 }).get(row.value)!;
    entry.posts += row.posts;
    entry.interactions += row.interactions;
  }
  const topHashtags = [...top.values()]
    .sort(
      (a, b) =>
        b.posts - a.posts || b.interactions - a.interactions || (a.value < b.value ? -1 : 1),
    )
    .slice(0, 10);
  return {
    campaignId,
    from: range.from,
    to: range.to,
    total: kpisOf(authorDays, top.size),
    days,
    topHashtags,
  };
}

function kpisOf(rows: readonly CampaignAuthorDay[], hashtags: number): CampaignDayKpis {
  const authors = new Map<string, { followers: number; platform: string; handle: string | null }>();
  const sum = { posts: 0, analysed: 0, interactions: 0, media: 0, P: 0, NEU: 0, N: 0, misogyny: 0 };
  for (const row of rows) {
    const author = authors.get(row.authorId);
    if (!author)
      authors.set(row.authorId, {
        followers: row.followers,
        platform: row.platform,
        handle: row.handle,
      });
    else {
      author.followers = Math.max(author.followers, row.followers);
      if (row.handle && (!author.handle || row.handle > author.handle)) author.handle = row.handle;
    }
    sum.posts += row.posts;
    sum.analysed += row.analysed;
    sum.interactions += row.interactions;
    sum.media += row.media;
    sum.P += row.sentimentP;
    sum.NEU += row.sentimentNeu;
    sum.N += row.sentimentN;
    sum.misogyny += row.misogyny;
  }
  let reach = 0;
  let influencers = 0;
  for (const a of authors.values()) {
    reach += a.followers;
    if (a.followers >= INFLUENCER_FOLLOWERS || publicAccount(a.platform, a.handle)) influencers++;
  }
  return {
    posts: sum.posts,
    authors: authors.size,
    interactions: sum.interactions,
    potentialReach: reach,
    influencers,
    mediaMentions: sum.media,
    hashtags,
    sentiment: { P: sum.P, NEU: sum.NEU, N: sum.N },
    netSentiment: netSentiment(sum.P, sum.N),
    misogyny: sum.misogyny,
    misogynyRate: rate(sum.misogyny, sum.analysed),
    analysed: sum.analysed,
  };
}
