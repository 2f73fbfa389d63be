import { INFLUENCER_FOLLOWERS, type BreakdownRow, type ImpactEstimate } from '../../models/analytics.js';
import type { Campaign } from '../../models/campaign.js';
import type { CountryCode } from '../../models/common.js';
import { DAY_MS, type PostFilter } from '../../models/filter.js';
import type { Store } from '../../models/store.js';
import { impactMetricFor } from '../../analytics/campaign-metric.js';
import { exampleOf } from './examples.js';
import type { BriefCampaign, BriefData, CampaignFigures, BriefNarrative, BriefScope, ClassifierAccuracy, Coverage, GroupChange, GroupFigures } from './types.js';
import { shiftWeek, weekRange } from '../../models/iso-week.js';

/** Campaigns shown at most, the busiest of the week (the brief stays within four pages). */
export const MAX_CAMPAIGNS = 3;
const NARRATIVES = 3;
const EXAMPLES_PER_NARRATIVE = 2;
export interface GatherOptions {
  /** Held-out accuracy of the classifiers, for the method note (see method.ts). */
  classifiers?: ClassifierAccuracy[];
  now?: Date;
}

/**
 * Everything the brief of `week` shows, through the store port only: KPIs and daily series of
 * the week and the week before, breakdowns by topic, country and topic × country, narratives
 * with redacted examples, alerts, campaigns with their impact estimate, and source coverage.
 */
export async function gatherBriefData(store: Store, week: string, scope: BriefScope, options: GatherOptions = {}): Promise<BriefData> {
  const range = weekRange(week);
  const previous = weekRange(shiftWeek(week, -1));
  const filter = scopeFilter(range, scope);
  const before = scopeFilter(previous, scope);
  const { analytics } = store;

  const [current, prior, days, previousDays, topics, countries, platforms] = await Promise.all([
    analytics.kpis(filter),
    analytics.kpis(before),
    analytics.series(filter, 'day'),
    analytics.series(before, 'day'),
    compare(store, filter, before, 'topic'),
    compare(store, filter, before, 'country'),
    analytics.breakdown(filter, 'platform', 20),
  ]);
  const countryTopics = (
    await Promise.all(
      countries
        .filter((row) => row.value !== '')
        .map(async (country) => {
          const rows = await compare(store, { ...filter, country: [country.value as never] }, { ...before, country: [country.value as never] }, 'topic');
          return rows.map((row) => ({ ...row, country: country.value }));
        }),
    )
  ).flat();
  const campaignsOfScope = await campaigns(store, range, previous, scope);

  return {
    week,
    demo: (await store.settings.get<{ demo?: boolean }>('demo'))?.demo === true,
    from: range.from,
    to: range.to,
    previous,
    scope,
    generatedAt: (options.now ?? new Date()).toISOString(),
    kpis: { current, previous: prior },
    days,
    previousDays,
    topics,
    countries,
    countryTopics,
    narratives: await narratives(store, filter),
    emergingTerms: (await analytics.emergingTerms({ filter, limit: 8 })).filter((term) => term.score > 10.83),
    alerts: await alerts(store, range, scope),
    campaigns: campaignsOfScope.shown,
    campaignsWithoutPosts: campaignsOfScope.withoutPosts,
    campaignsMore: campaignsOfScope.more,
    coverage: await coverage(store, range, platforms),
    method: { classifiers: options.classifiers ?? [] },
  };
}

export function scopeFilter(range: { from: string; to: string }, scope: BriefScope): PostFilter {
  return { from: range.from, to: range.to, country: scope.countries, platform: [], topic: [], campaign: scope.campaigns, lang: [] };
}

async function compare(store: Store, filter: PostFilter, before: PostFilter, dimension: 'topic' | 'country'): Promise<GroupChange[]> {
  const [now, then] = await Promise.all([store.analytics.breakdown(filter, dimension, 50), store.analytics.breakdown(before, dimension, 50)]);
  const previous = new Map(then.map((row) => [row.value, row]));
  const values = [...now.map((row) => row.value), ...then.map((row) => row.value).filter((v) => !now.some((row) => row.value === v))];
  return values.map((value) => ({
    value,
    current: figures(now.find((row) => row.value === value)),
    previous: figures(previous.get(value)),
  }));
}

function figures(row: BreakdownRow | undefined): GroupFigures {
  return {
    posts: row?.posts ?? 0,
    interactions: row?.interactions ?? 0,
    analysed: row?.analysed ?? 0,
    misogyny: row?.misogyny ?? 0,
    misogynyRate: row?.misogynyRate ?? 0,
    netSentiment: row?.netSentiment ?? 0,
  };
}

/** The largest narratives that are new or growing, with two redacted example posts each. */
async function narratives(store: Store, filter: PostFilter): Promise<BriefNarrative[]> {
  const found = await store.analytics.narratives({ filter, limit: 12 });
  const rising = found.narratives
    .filter((n) => n.size >= 3 && (n.trend === null || n.trend > 0))
    .sort((a, b) => b.size - a.size)
    .slice(0, NARRATIVES);
  const samples = rising.map((n) => distinctSamples(n.samples));
  const ids = samples.flatMap((list) => list.map((s) => s.id));
  const posts = new Map((await store.posts.getMany(ids)).map((post) => [post.id, post]));
  return rising.map((n, i) => ({
    label: n.label,
    terms: n.terms.slice(0, 6),
    size: n.size,
    previous: n.previous,
    trend: n.trend,
    examples: samples[i]!
      .map((sample) => posts.get(sample.id))
      .filter((post) => post !== undefined)
      .map(exampleOf),
  }));
}

/** Up to EXAMPLES_PER_NARRATIVE samples with different texts (reposts and copies say nothing new). */
function distinctSamples(samples: { id: string; text: string }[]): { id: string; text: string }[] {
  const seen = new Set<string>();
  return samples
    .filter((s) => {
      const key = s.text.trim().toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, EXAMPLES_PER_NARRATIVE);
}

async function alerts(store: Store, range: { from: string; to: string }, scope: BriefScope): Promise<BriefData['alerts']> {
  const [list, rules] = await Promise.all([store.alerts.list(500), store.alerts.listRules()]);
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = start + 7 * DAY_MS;
  return list
    .filter((alert) => Date.parse(alert.bucket) >= start && Date.parse(alert.bucket) < end)
    .filter((alert) => {
      const country = byId.get(alert.ruleId)?.country ?? null;
      return scope.countries.length === 0 || country === null || scope.countries.includes(country);
    })
    .map((alert) => ({
      rule: byId.get(alert.ruleId)?.name ?? alert.ruleId,
      bucket: alert.bucket,
      severity: alert.severity,
      observed: alert.observed,
      expected: alert.expected,
      score: alert.score,
      scope: alert.scope ?? null,
      message: alert.message,
    }))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.bucket.localeCompare(b.bucket));
}

function severityRank(severity: 'low' | 'medium' | 'high'): number {
  return { low: 0, medium: 1, high: 2 }[severity];
}

/**
 * Campaigns of the scope (or every campaign running in the week, in the scope's countries), with
 * their figures restricted to the scope's countries, ranked by their posts in the week (ties by
 * name): the MAX_CAMPAIGNS busiest are shown, the others named in `more`. A campaign without any
 * post there in the week is not charted in a country scope: its name goes to `withoutPosts`, so
 * the brief can say so. A campaign without posts gets no impact estimate (`no-posts`): the
 * estimate reads the whole conversation around the launch, and printing it for a campaign that
 * said nothing this week would credit it with a change it cannot have caused.
 */
async function campaigns(
  store: Store,
  range: { from: string; to: string },
  previous: { from: string; to: string },
  scope: BriefScope,
): Promise<{ shown: BriefCampaign[]; withoutPosts: string[]; more: { name: string; posts: number }[] }> {
  const all = await store.campaigns.list();
  const candidates = all.filter((c) => (scope.campaigns.length > 0 ? scope.campaigns.includes(c.id) : runsIn(c, range) && inCountries(c, scope)));
  const measured = await Promise.all(candidates.map(async (campaign) => ({ campaign, week: await campaignFigures(store, campaign.id, range, scope.countries) })));
  const ranked = rankCampaigns(measured);
  // Region-wide, a running campaign with no post is news in itself (a row of dashes); in a
  // country scope it only means the campaign did not reach those countries.
  const withoutPosts = scope.countries.length > 0 ? ranked.filter((c) => c.week.posts === 0).map((c) => c.campaign.name) : [];
  const listed = scope.countries.length > 0 ? ranked.filter((c) => c.week.posts > 0) : ranked;
  const chosen = listed.slice(0, MAX_CAMPAIGNS);
  const more = listed.slice(MAX_CAMPAIGNS).map((c) => ({ name: c.campaign.name, posts: c.week.posts }));
  const shown = await Promise.all(
    chosen.map(async ({ campaign, week }) => {
      const previousWeek = runsIn(campaign, previous) ? await campaignFigures(store, campaign.id, previous, scope.countries) : null;
      const launch = campaign.launchDate ?? campaign.startDate;
      const metric = impactMetricFor(campaign);
      let impact: ImpactEstimate | null = null;
      let impactUnavailable: BriefCampaign['impactUnavailable'] = launch > range.to ? 'not-launched' : week.posts === 0 ? 'no-posts' : null;
      if (!impactUnavailable) {
        try {
          const daysAfter = Math.max(7, Math.round((Date.parse(range.to) - Date.parse(launch)) / DAY_MS) + 1);
          impact = await store.analytics.campaignImpact({
            campaignId: campaign.id,
            metric,
            filter: scopeFilter(range, { countries: scope.countries, campaigns: [] }),
            daysAfter: Math.min(56, daysAfter),
          });
        } catch {
          impactUnavailable = 'not-available';
        }
      }
      return {
        id: campaign.id,
        name: campaign.name,
        startDate: campaign.startDate,
        endDate: campaign.endDate,
        week,
        previousWeek,
        impact,
        impactMetric: metric,
        impactUnavailable,
      } satisfies BriefCampaign;
    }),
  );
  return { shown, withoutPosts, more };
}

/** Busiest first (posts of the week), then by name, so the same data always shows the same campaigns. */
export function rankCampaigns<T extends { campaign: { name: string }; week: { posts: number } }>(campaigns: T[]): T[] {
  return [...campaigns].sort((a, b) => b.week.posts - a.week.posts || a.campaign.name.localeCompare(b.campaign.name, 'es'));
}

/**
 * A campaign's figures in a range, in `countries` only (empty: the whole region). The store's
 * campaign KPIs are region-wide (its campaign rollups keep no country), so a country scope reads
 * the same definitions (docs/metrics.md) from the filtered queries: KPIs of the campaign's posts
 * in those countries, media mentions as their `rss` posts, influencers among their authors.
 */
export async function campaignFigures(store: Store, campaignId: string, range: { from: string; to: string }, countries: CountryCode[]): Promise<CampaignFigures> {
  const { analytics } = store;
  if (countries.length === 0) {
    const { hashtags: _, ...total } = (await analytics.campaignKpis({ campaignId, from: range.from, to: range.to })).total;
    return total;
  }
  const filter = scopeFilter(range, { countries, campaigns: [campaignId] });
  const kpis = await analytics.kpis(filter);
  const [platforms, authors] =
    kpis.posts === 0 ? [[], []] : await Promise.all([analytics.breakdown(filter, 'platform', 50), analytics.topAuthors(filter, 'reach', Math.max(1, kpis.authors))]);
  return {
    posts: kpis.posts,
    authors: kpis.authors,
    interactions: kpis.interactions,
    potentialReach: kpis.potentialReach,
    influencers: authors.filter((a) => a.followers >= INFLUENCER_FOLLOWERS || a.public).length,
    mediaMentions: platforms.find((row) => row.value === 'rss')?.posts ?? 0,
    sentiment: kpis.sentiment,
    netSentiment: kpis.netSentiment,
    misogyny: kpis.misogyny,
    misogynyRate: kpis.misogynyRate,
    analysed: kpis.analysed,
  };
}

function runsIn(campaign: Campaign, range: { from: string; to: string }): boolean {
  return campaign.startDate <= range.to && (campaign.endDate === null || campaign.endDate >= range.from);
}

function inCountries(campaign: Campaign, scope: BriefScope): boolean {
  return scope.countries.length === 0 || campaign.countries.length === 0 || campaign.countries.some((c) => scope.countries.includes(c));
}

async function coverage(store: Store, range: { from: string; to: string }, platforms: BreakdownRow[]): Promise<Coverage> {
  const sources = await store.sources.list();
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = start + 7 * DAY_MS;
  return {
    sources: sources.map((s) => ({ name: s.name, kind: s.kind, status: s.status, enabled: s.enabled, lastSuccessAt: s.lastSuccessAt })),
    gaps: sources.flatMap((s) =>
      s.gaps
        .filter((gap) => Date.parse(gap.from) < end && Date.parse(gap.to) > start)
        .map((gap) => ({
          source: s.name,
          from: new Date(Math.max(start, Date.parse(gap.from))).toISOString(),
          to: new Date(Math.min(end, Date.parse(gap.to))).toISOString(),
          reason: gap.reason,
        })),
    ),
    platforms: platforms.map((row) => ({ value: row.value, posts: row.posts })),
  };
}
