import {
  campaignKpisOf,
  type CampaignAuthorDay,
  type CampaignHashtagDay,
} from '../../analytics/campaign.js';
import { emergingTerms } from '../../analytics/emerging.js';
import { impactEstimateOf, impactValue } from '../../analytics/impact.js';
import { NARRATIVE_SAMPLE, narrativesOf } from '../../analytics/narratives.js';
import { NotFoundError } from '../../app/errors.js';
import {
  CampaignKpisQuery,
  ImpactQuery,
  NarrativeOptions,
  type CampaignKpis,
  type EmergingTerm,
  type ImpactEstimate,
  type NarrativeSet,
} from '../../models/analytics.js';
import { DAY_MS, filterRange, PostFilter, previousPeriod } from '../../models/filter.js';
import type { Granularity } from '../../models/rollup.js';
import type { CampaignRepository, SeriesPoint } from '../../models/store.js';
import { campaignRange, impactRange } from '../totals.js';
import { COLLECTIONS } from './collections.js';
import type { MongoDbLike } from './db-like.js';
import type { MongoLists } from './lists.js';
import { campaignAuthorDaysPipeline, hashtagDaysPipeline } from './pipelines/lists.js';

const EMERGING_CANDIDATES = 400;

/** Campaign KPIs, emerging terms, narratives and campaign impact (twin of SqliteInsights). */
export class MongoInsights {
  constructor(
    private readonly db: MongoDbLike,
    private readonly lists: MongoLists,
    private readonly campaigns: CampaignRepository,
    private readonly series: (
      filter: PostFilter,
      granularity: Granularity,
    ) => Promise<SeriesPoint[]>,
  ) {}

  async campaignKpis(input: CampaignKpisQuery): Promise<CampaignKpis> {
    const query = CampaignKpisQuery.parse(input);
    const campaign = await this.campaigns.get(query.campaignId);
    if (!campaign) throw new NotFoundError(`campaign ${query.campaignId} not found`);
    const range = campaignRange(campaign, query);
    const filter = PostFilter.parse({ ...range, campaign: [query.campaignId] });
    const posts = this.db.collection(COLLECTIONS.posts);
    const authorDays = (await posts
      .aggregate(campaignAuthorDaysPipeline(filter))
      .toArray()) as CampaignAuthorDay[];
    const hashtagDays = (await posts
      .aggregate(hashtagDaysPipeline(filter))
      .toArray()) as CampaignHashtagDay[];
    return campaignKpisOf(query.campaignId, range, authorDays, hashtagDays);
  }

  async emergingTerms(input: NarrativeOptions): Promise<EmergingTerm[]> {
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
      const current = await this.lists.entityCounts(options.filter, kind, EMERGING_CANDIDATES);
      const before = new Map(
        (
          await this.lists.entityCounts(
            baseline,
            kind,
            EMERGING_CANDIDATES,
            current.map((c) => c.value),
          )
        ).map((b) => [b.value, b.posts]),
      );
      rows.push(
        ...current.map((c) => ({
          kind,
          value: c.value,
          count: c.posts,
          baseline: before.get(c.value) ?? 0,
        })),
      );
    }
    return emergingTerms(rows, {
      windowPosts: await this.lists.countPosts(options.filter),
      baselinePosts: await this.lists.countPosts(baseline),
      limit: options.limit,
    });
  }

  async narratives(input: NarrativeOptions): Promise<NarrativeSet> {
    const options = NarrativeOptions.parse(input);
    return narrativesOf(
      await this.lists.newestTexts(options.filter, NARRATIVE_SAMPLE),
      await this.lists.newestTexts(previousPeriod(options.filter), NARRATIVE_SAMPLE),
      { limit: options.limit },
    );
  }

  async campaignImpact(input: ImpactQuery): Promise<ImpactEstimate> {
    const query = ImpactQuery.parse(input);
    const campaign = await this.campaigns.get(query.campaignId);
    if (!campaign) throw new NotFoundError(`campaign ${query.campaignId} not found`);
    const launchDate = query.launchDate ?? campaign.launchDate ?? campaign.startDate;
    const range = impactRange(launchDate, query.daysBefore, query.daysAfter);
    const filter = PostFilter.parse({ ...(query.filter ?? {}), ...range });
    const all = await this.series(filter, 'day');
    const topic =
      query.metric === 'topicShare' && query.topic
        ? await this.series({ ...filter, topic: [query.topic] }, 'day')
        : [];
    const days = all.map((point, i) => ({
      day: point.bucket.slice(0, 10),
      value: impactValue(query.metric, point, topic[i]?.posts ?? 0),
    }));
    return impactEstimateOf(query.campaignId, query.metric, launchDate, days);
  }
}
