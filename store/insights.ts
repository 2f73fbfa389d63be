import { emergingTerms } from '../analytics/emerging.js';
import { impactEstimateOf, impactValue } from '../analytics/impact.js';
import { NARRATIVE_SAMPLE, narrativesOf } from '../analytics/narratives.js';
import { displayForms, hashtagForms, STOPWORDS } from '../analytics/tokenize.js';
import { NotFoundError } from '../app/errors.js';
import {
  ImpactQuery,
  NarrativeOptions,
  type EmergingTerm,
  type EntityKind,
  type ImpactEstimate,
  type NarrativeSet,
  type TopEntity,
} from '../models/analytics.js';
import { DAY_MS, filterRange, PostFilter, previousPeriod } from '../models/filter.js';
import type { Granularity } from '../models/rollup.js';
import type { CampaignRepository, SeriesPoint } from '../models/store.js';
import { impactRange } from './totals.js';

/**
 * Emerging terms, narratives and campaign impact, written once for both store adapters: each
 * adapter hands over how it reads entity counts, post counts, newest texts and series (its
 * SQL or its pipelines), and these functions do the rest.
 */
export interface InsightReads {
  /** Posts carrying each entity of a kind (top `limit`, or only `values`). */
  entityCounts(
    filter: PostFilter,
    kind: EntityKind,
    limit: number,
    values?: readonly string[],
  ): TopEntity[] | Promise<TopEntity[]>;
  countPosts(filter: PostFilter): number | Promise<number>;
  /** The newest posts of a filter (id, text), newest first. */
  newestTexts(
    filter: PostFilter,
    limit: number,
  ): { id: string; text: string }[] | Promise<{ id: string; text: string }[]>;
  series(filter: PostFilter, granularity: Granularity): Promise<SeriesPoint[]>;
  /** Texts of the filter's newest `limit` posts carrying a term or hashtag (folded value). */
  textsWith(
    filter: PostFilter,
    kind: 'term' | 'hashtag',
    value: string,
    limit: number,
  ): string[] | Promise<string[]>;
  campaigns: CampaignRepository;
}

/** The filter's newest posts read to learn how people spell its terms and hashtags. */
const SPELLING_SAMPLE = 300;
/** Posts read for a value none of those spells. */
const SPELLING_FALLBACK = 20;

/**
 * Terms and hashtags as people write them: they are counted folded ("campana", "niunamenos"),
 * and each is shown in its commonest written form among the filter's newest posts ("campaña",
 * "NiUnaMenos"), or among its own newest posts when those do not carry it. Other kinds, and
 * values no post spells (a hashtag given apart from the text), stay as stored.
 */
export async function spelled<T extends { value: string }>(
  reads: InsightReads,
  filter: PostFilter,
  kindOf: EntityKind | ((row: T) => EntityKind),
  rows: readonly T[],
): Promise<T[]> {
  const kind = (row: T) => (typeof kindOf === 'function' ? kindOf(row) : kindOf);
  const wanted = rows.filter((row) => kind(row) === 'term' || kind(row) === 'hashtag');
  if (wanted.length === 0) return [...rows];
  // One read of the newest posts serves terms and hashtags alike.
  const texts = (await reads.newestTexts(filter, SPELLING_SAMPLE)).map((post) => post.text);
  const formsOf = (k: EntityKind) => (k === 'term' ? displayForms : hashtagForms);
  const forms = new Map<string, string>();
  for (const k of ['term', 'hashtag'] as const) {
    const values = new Set(wanted.filter((row) => kind(row) === k).map((row) => row.value));
    if (values.size === 0) continue;
    for (const [value, form] of formsOf(k)(texts, values)) forms.set(`${k}:${value}`, form);
  }
  // A value the newest posts do not carry (a hashtag of last month's spike): its own posts.
  for (const row of wanted) {
    const k = kind(row) as 'term' | 'hashtag';
    if (forms.has(`${k}:${row.value}`)) continue;
    const own = await reads.textsWith(filter, k, row.value, SPELLING_FALLBACK);
    const form = formsOf(k)(own, new Set([row.value])).get(row.value);
    if (form) forms.set(`${k}:${row.value}`, form);
  }
  return rows.map((row) => {
    const form = forms.get(`${kind(row)}:${row.value}`);
    return form ? { ...row, value: form } : row;
  });
}

/** The top `limit` entities of a kind, terms and hashtags as people spell them. */
export async function topEntitiesFrom(
  reads: InsightReads,
  filter: PostFilter,
  kind: EntityKind,
  limit: number,
): Promise<TopEntity[]> {
  // Posts stored before a word joined the stopwords still carry it: skipped here.
  const rows =
    kind === 'term'
      ? (await reads.entityCounts(filter, kind, limit + STOPWORD_SLACK))
          .filter((row) => !STOPWORDS.has(row.value))
          .slice(0, limit)
      : await reads.entityCounts(filter, kind, limit);
  return spelled(reads, filter, kind, rows);
}

/** Extra terms read so that stopwords left in older posts do not shorten a top list. */
const STOPWORD_SLACK = 10;

/** Candidates per kind whose baseline is looked up for emerging terms. */
const EMERGING_CANDIDATES = 400;

/** Terms and hashtags rising in the filter's range against the `baselineDays` before it. */
export async function emergingTermsFrom(
  reads: InsightReads,
  input: NarrativeOptions,
): Promise<EmergingTerm[]> {
  const options = NarrativeOptions.parse(input);
  const { start } = filterRange(options.filter);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const baseline = {
    ...options.filter,
    from: day(start - options.baselineDays * DAY_MS),
    to: day(start - DAY_MS),
  };
  const rows = [];
  for (const kind of ['hashtag', 'term'] as const) {
    const current = await reads.entityCounts(options.filter, kind, EMERGING_CANDIDATES);
    const values = current.map((c) => c.value);
    const before = new Map(
      (await reads.entityCounts(baseline, kind, EMERGING_CANDIDATES, values)).map((b) => [
        b.value,
        b.posts,
      ]),
    );
    for (const c of current) {
      if (kind === 'term' && STOPWORDS.has(c.value)) continue;
      rows.push({ kind, value: c.value, count: c.posts, baseline: before.get(c.value) ?? 0 });
    }
  }
  const rising = emergingTerms(rows, {
    windowPosts: await reads.countPosts(options.filter),
    baselinePosts: await reads.countPosts(baseline),
    limit: options.limit,
  });
  return spelled(reads, options.filter, (term) => term.kind, rising);
}

/** Narratives of the range's newest posts, with the previous period's for the trend. */
export async function narrativesFrom(
  reads: InsightReads,
  input: NarrativeOptions,
): Promise<NarrativeSet> {
  const options = NarrativeOptions.parse(input);
  return narrativesOf(
    await reads.newestTexts(options.filter, NARRATIVE_SAMPLE),
    await reads.newestTexts(previousPeriod(options.filter), NARRATIVE_SAMPLE),
    { limit: options.limit },
  );
}

/** Interrupted-time-series estimate of a campaign launch's effect on a daily metric. */
export async function campaignImpactFrom(
  reads: InsightReads,
  input: ImpactQuery,
): Promise<ImpactEstimate> {
  const query = ImpactQuery.parse(input);
  const campaign = await reads.campaigns.get(query.campaignId);
  if (!campaign) throw new NotFoundError(`campaign ${query.campaignId} not found`);
  const launchDate = query.launchDate ?? campaign.launchDate ?? campaign.startDate;
  const range = impactRange(launchDate, query.daysBefore, query.daysAfter);
  // The conversation the campaign addresses: its countries, unless the query names others.
  const asked: Partial<PostFilter> = query.filter ?? {};
  const country = asked.country?.length ? asked.country : campaign.countries;
  const filter = PostFilter.parse({ ...asked, country, ...range });
  const all = await reads.series(filter, 'day');
  const topic =
    query.metric === 'topicShare' && query.topic
      ? await reads.series({ ...filter, topic: [query.topic] }, 'day')
      : [];
  const days = all.map((point, i) => ({
    day: point.bucket.slice(0, 10),
    value: impactValue(query.metric, point, topic[i]?.posts ?? 0),
  }));
  return impactEstimateOf(query.campaignId, query.metric, launchDate, days);
}
