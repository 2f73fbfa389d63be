import { EMOTIONS } from '../models/enrichment.js';
import { DAY_MS, filterRange, HOUR_MS, type PostFilter } from '../models/filter.js';
import { netSentiment, rate } from '../models/metrics.js';
import type { Granularity, Rollup } from '../models/rollup.js';
import type { Kpis, SeriesPoint } from '../models/store.js';

/**
 * The additive totals every adapter's queries return (SQL aliases and pipeline fields use these
 * names), turned into the port's shapes here so both adapters derive rates the same way.
 */
export interface MetricTotals {
  posts: number;
  analysed: number;
  authors: number;
  interactions: number;
  potentialReach: number;
  impressions: number;
  sentimentP: number;
  sentimentNeu: number;
  sentimentN: number;
  emotionAnger: number;
  emotionDisgust: number;
  emotionFear: number;
  emotionJoy: number;
  emotionSadness: number;
  emotionSurprise: number;
  emotionOthers: number;
  misogyny: number;
  hate: number;
}

export const TOTAL_FIELDS = [
  'posts',
  'analysed',
  'authors',
  'interactions',
  'potentialReach',
  'impressions',
  'sentimentP',
  'sentimentNeu',
  'sentimentN',
  'emotionAnger',
  'emotionDisgust',
  'emotionFear',
  'emotionJoy',
  'emotionSadness',
  'emotionSurprise',
  'emotionOthers',
  'misogyny',
  'hate',
] as const satisfies readonly (keyof MetricTotals)[];

export type RollupMetrics = Omit<
  Rollup,
  'granularity' | 'bucket' | 'country' | 'platform' | 'lang' | 'topic' | 'campaign'
>;

/** Posts by dominant emotion, from the `emotionX` totals. */
export function emotionsOf(row: MetricTotals): Rollup['emotions'] {
  return Object.fromEntries(
    EMOTIONS.map((e) => [e, row[`emotion${e[0]!.toUpperCase()}${e.slice(1)}` as keyof MetricTotals]]),
  ) as Rollup['emotions'];
}

export function rollupMetrics(row: MetricTotals): RollupMetrics {
  const emotions = emotionsOf(row);
  return {
    posts: row.posts,
    analysed: row.analysed,
    authors: row.authors,
    interactions: row.interactions,
    potentialReach: row.potentialReach,
    impressions: row.impressions,
    sentimentP: row.sentimentP,
    sentimentNeu: row.sentimentNeu,
    sentimentN: row.sentimentN,
    emotions,
    misogyny: row.misogyny,
    hate: row.hate,
  };
}

export function kpisOf(row: MetricTotals): Kpis {
  return {
    posts: row.posts,
    authors: row.authors,
    interactions: row.interactions,
    potentialReach: row.potentialReach,
    impressions: row.impressions,
    netSentiment: netSentiment(row.sentimentP, row.sentimentN),
    misogynyRate: rate(row.misogyny, row.analysed),
    hateRate: rate(row.hate, row.analysed),
    sentiment: { P: row.sentimentP, NEU: row.sentimentNeu, N: row.sentimentN },
    misogyny: row.misogyny,
    hate: row.hate,
    analysed: row.analysed,
    emotions: emotionsOf(row),
  };
}

/** Adds totals (e.g. rollup cells of one bucket) into an accumulator. */
export function addTotals(into: MetricTotals, row: MetricTotals): MetricTotals {
  for (const field of TOTAL_FIELDS) into[field] += row[field];
  return into;
}

export function zeroTotals(): MetricTotals {
  return Object.fromEntries(TOTAL_FIELDS.map((f) => [f, 0])) as unknown as MetricTotals;
}

/**
 * One point per bucket of the filter's range, in order, empty buckets as zeros, from totals
 * keyed by bucket start (ms).
 */
export function seriesOf(
  filter: PostFilter,
  granularity: Granularity,
  totals: ReadonlyMap<number, MetricTotals>,
): SeriesPoint[] {
  const { start, end } = filterRange(filter);
  const size = granularity === 'hour' ? HOUR_MS : DAY_MS;
  const series: SeriesPoint[] = [];
  const empty = zeroTotals();
  for (let bucket = start; bucket < end; bucket += size) {
    series.push({ bucket: new Date(bucket).toISOString(), ...kpisOf(totals.get(bucket) ?? empty) });
  }
  return series;
}

/** Default range of a campaign's KPIs: its start to its end date, or to today while it runs. */
export function campaignRange(
  campaign: { startDate: string; endDate: string | null },
  query: { from?: string | undefined; to?: string | undefined },
  today = new Date().toISOString().slice(0, 10),
): { from: string; to: string } {
  return { from: query.from ?? campaign.startDate, to: query.to ?? campaign.endDate ?? today };
}

/** The day range of an impact estimate around a launch. */
export function impactRange(launchDate: string, daysBefore: number, daysAfter: number): { from: string; to: string } {
  const launch = Date.parse(`${launchDate}T00:00:00Z`);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(launch - daysBefore * DAY_MS), to: day(launch + (daysAfter - 1) * DAY_MS) };
}

/** A filter with only the date range and countries: what the daily entity tables answer. */
export function isDateCountryFilter(filter: PostFilter): boolean {
  return filter.platform.length === 0 && filter.topic.length === 0 && filter.campaign.length === 0 && filter.lang.length === 0;
}

/** Dimensions day rollup cells hold. */
export type RollupDimension = 'country' | 'platform' | 'lang' | 'topic' | 'campaign';
const ROLLUP_DIMENSIONS: readonly string[] = ['country', 'platform', 'lang', 'topic', 'campaign'];

/**
 * Whether day rollups (and `author_days`) can give the totals of a filter, grouped by `dimension` (or not
 * grouped): at most one topic and one campaign (a post sits in one cell of each), and a topic or
 * campaign breakdown only when the filter names none (with one named, posts' other topics count).
 */
export function rollupsAnswer(filter: PostFilter, dimension: string | null): boolean {
  if (filter.topic.length > 1 || filter.campaign.length > 1) return false;
  if (dimension === null) return true;
  if (!ROLLUP_DIMENSIONS.includes(dimension)) return false;
  if (dimension === 'topic') return filter.topic.length === 0;
  if (dimension === 'campaign') return filter.campaign.length === 0;
  return true;
}
