import {
  campaignKpisOf,
  type CampaignAuthorDay,
  type CampaignHashtagDay,
} from '../../analytics/campaign.js';
import { NotFoundError } from '../../app/errors.js';
import {
  CampaignKpisQuery,
  type ImpactQuery,
  type NarrativeOptions,
  type CampaignKpis,
  type EmergingTerm,
  type EntityKind,
  type TopEntity,
  type ImpactEstimate,
  type NarrativeSet,
} from '../../models/analytics.js';
import { PostFilter } from '../../models/filter.js';
import type { Granularity } from '../../models/rollup.js';
import type { CampaignRepository, SeriesPoint } from '../../models/store.js';
import {
  campaignImpactFrom,
  emergingTermsFrom,
  spelled,
  topEntitiesFrom,
  narrativesFrom,
  type InsightReads,
} from '../insights.js';
import { campaignRange } from '../totals.js';
import { COLLECTIONS } from './collections.js';
import type { MongoDbLike } from './db-like.js';
import type { MongoLists } from './lists.js';
import { campaignAuthorDaysPipeline, hashtagDaysPipeline } from './pipelines/lists.js';

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
    const kpis = campaignKpisOf(query.campaignId, range, authorDays, hashtagDays);
    return {
      ...kpis,
      topHashtags: await spelled(this.reads, filter, 'hashtag', kpis.topHashtags),
    };
  }

  /** Top entities of a kind, terms and hashtags as people spell them. */
  async topEntities(filter: PostFilter, kind: EntityKind, limit: number): Promise<TopEntity[]> {
    return topEntitiesFrom(this.reads, filter, kind, limit);
  }

  async emergingTerms(input: NarrativeOptions): Promise<EmergingTerm[]> {
    return emergingTermsFrom(this.reads, input);
  }

  async narratives(input: NarrativeOptions): Promise<NarrativeSet> {
    return narrativesFrom(this.reads, input);
  }

  async campaignImpact(input: ImpactQuery): Promise<ImpactEstimate> {
    return campaignImpactFrom(this.reads, input);
  }

  /** What the shared insight queries (store/insights.ts) read, here through pipelines. */
  private get reads(): InsightReads {
    return {
      entityCounts: (filter, kind, limit, values) =>
        this.lists.entityCounts(filter, kind, limit, values),
      countPosts: (filter) => this.lists.countPosts(filter),
      newestTexts: (filter, limit) => this.lists.newestTexts(filter, limit),
      textsWith: (filter, kind, value, limit) => this.lists.textsWith(filter, kind, value, limit),
      series: this.series,
      campaigns: this.campaigns,
    };
  }
}
