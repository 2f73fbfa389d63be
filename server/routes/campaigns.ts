import { z } from 'zod';
import { impactSummary } from '../../analytics/impact.js';
import { IsoDate, Identifier } from '../../models/common.js';
import { ImpactMetric } from '../../models/analytics.js';
import {
  Campaign,
  CAMPAIGN_DATES_MESSAGE,
  campaignDatesInOrder,
  CampaignInput,
} from '../../models/campaign.js';
import { PostFilter } from '../../models/filter.js';
import type { RouteDeps } from '../deps.js';
import { ResourceConflictError, ResourceNotFoundError } from '../errors.js';
import { defineRoute, NO_CONTENT, type Route } from '../registry.js';
import { SlugParam } from './schemas.js';

const CAMPAIGN = { es: 'la campaña', en: 'campaign' };
const KpisQuery = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '"from" must not be after "to"',
    path: ['from'],
  });
const ImpactParams = z
  .object({
    metric: ImpactMetric.default('misogynyRate'),
    topic: Identifier.optional(),
    launchDate: IsoDate.optional(),
    daysBefore: z.coerce.number().int().min(7).max(365).default(56),
    daysAfter: z.coerce.number().int().min(7).max(365).default(56),
    country: PostFilter.shape.country,
    platform: PostFilter.shape.platform,
    lang: PostFilter.shape.lang,
  })
  .refine((q) => q.metric !== 'topicShare' || q.topic !== undefined, {
    message: 'topicShare needs a topic',
    path: ['topic'],
  });

/** What posts are matched to a campaign by (nlp/campaigns.ts): a change to any re-matches. */
const MATCHED_BY = ['startDate', 'endDate', 'hashtags', 'handles', 'keywords', 'countries'] as const;

/** The days a campaign matches posts in: its start to its end (or today). */
function matchDays(campaign: Pick<Campaign, 'startDate' | 'endDate'>, today: string): { from: string; to: string } {
  return { from: campaign.startDate, to: campaign.endDate ?? today };
}

/** Campaigns: CRUD (analysts), KPIs and launch impact (everyone signed in). */
export function campaignRoutes({ store, runner }: RouteDeps): Route[] {
  /**
   * Posts are matched to campaigns when they are analysed: after a campaign is created, changed
   * or deleted, the posts of its days (old and new) are analysed again in the background, so a
   * campaign registered after its launch counts the posts it already has.
   */
  const rematch = async (...campaigns: Pick<Campaign, 'startDate' | 'endDate'>[]) => {
    const today = new Date().toISOString().slice(0, 10);
    const days = campaigns.map((c) => matchDays(c, today)).filter((d) => d.from <= d.to);
    if (days.length === 0) return;
    const from = days.map((d) => d.from).sort()[0]!;
    const to = days.map((d) => d.to).sort().at(-1)!;
    await runner.enqueue('enrich', { rematch: { from, to } });
  };
  async function load(id: string): Promise<Campaign> {
    const campaign = await store.campaigns.get(id);
    if (!campaign) throw new ResourceNotFoundError(CAMPAIGN, id);
    return campaign;
  }
  const tag = 'campaigns';
  return [
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/campaigns',
      summary: 'List campaigns',
      response: z.array(Campaign),
      handler: () => store.campaigns.list(),
      table: (rows) => ({
        name: 'campanas',
        columns: [
          'id',
          'name',
          'startDate',
          'endDate',
          'launchDate',
          'countries',
          'hashtags',
          'handles',
          'keywords',
        ],
        rows: rows.map((c) => [
          c.id,
          c.name,
          c.startDate,
          c.endDate,
          c.launchDate,
          c.countries.join(' '),
          c.hashtags.join(' '),
          c.handles.join(' '),
          c.keywords.join(' '),
        ]),
      }),
    }),
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/campaigns/:id',
      summary: 'One campaign',
      params: SlugParam,
      response: Campaign,
      handler: ({ params }) => load(params.id),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'post',
      path: '/campaigns',
      status: 201,
      summary: 'Create a campaign',
      body: CampaignInput.refine(campaignDatesInOrder, CAMPAIGN_DATES_MESSAGE),
      response: Campaign,
      async handler({ body }) {
        if (await store.campaigns.get(body.id)) {
          throw new ResourceConflictError({
            es: `Ya existe la campaña "${body.id}".`,
            en: `Campaign "${body.id}" already exists.`,
          });
        }
        const now = new Date().toISOString();
        const campaign = { ...body, createdAt: now, updatedAt: now };
        await store.campaigns.save(campaign);
        await rematch(campaign);
        return campaign;
      },
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'put',
      path: '/campaigns/:id',
      summary: 'Replace a campaign',
      params: SlugParam,
      body: CampaignInput.omit({ id: true }).refine(campaignDatesInOrder, CAMPAIGN_DATES_MESSAGE),
      response: Campaign,
      async handler({ params, body }) {
        const existing = await load(params.id);
        const campaign = {
          ...body,
          id: existing.id,
          createdAt: existing.createdAt,
          updatedAt: new Date().toISOString(),
        };
        await store.campaigns.save(campaign);
        // A new name or description matches no other post: only what matching reads counts.
        if (MATCHED_BY.some((key) => JSON.stringify(existing[key]) !== JSON.stringify(campaign[key])))
          await rematch(existing, campaign);
        return campaign;
      },
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'delete',
      path: '/campaigns/:id',
      summary: 'Delete a campaign',
      params: SlugParam,
      async handler({ params }) {
        const existing = await load(params.id);
        if (!(await store.campaigns.delete(params.id)))
          throw new ResourceNotFoundError(CAMPAIGN, params.id);
        await rematch(existing);
        return NO_CONTENT;
      },
    }),
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/campaigns/:id/kpis',
      summary:
        "A campaign's reach, interactions, influencers, media mentions... per day and total (default: its dates)",
      params: SlugParam,
      query: KpisQuery,
      async handler({ params, query }) {
        await load(params.id);
        return store.analytics.campaignKpis({ campaignId: params.id, ...query });
      },
      table: (kpis) => ({
        name: `campana-${kpis.campaignId}-kpis`,
        columns: [
          'day',
          'posts',
          'authors',
          'interactions',
          'potentialReach',
          'influencers',
          'mediaMentions',
          'hashtags',
          'netSentiment',
          'misogynyRate',
        ],
        rows: kpis.days.map((d) => [
          d.day,
          d.posts,
          d.authors,
          d.interactions,
          d.potentialReach,
          d.influencers,
          d.mediaMentions,
          d.hashtags,
          d.netSentiment,
          d.misogynyRate,
        ]),
      }),
    }),
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/campaigns/:id/impact',
      summary: "Interrupted-time-series estimate of a campaign launch's effect on a daily metric",
      params: SlugParam,
      query: ImpactParams,
      async handler({ params, query, locale }) {
        const campaign = await load(params.id);
        const { country, platform, lang, ...rest } = query;
        const day = campaign.startDate;
        const filter = { from: day, to: day, country, platform, lang, topic: [], campaign: [] };
        const impact = await store.analytics.campaignImpact({ campaignId: campaign.id, ...rest, filter });
        // The sentence in the reader's language (the store words it in Spanish).
        return locale === 'es' ? impact : { ...impact, summary: impactSummary(impact, locale) };
      },
      table: (impact) => ({
        name: `campana-${impact.campaignId}-impacto`,
        columns: ['day', impact.metric],
        rows: impact.days.map((d) => [d.day, d.value]),
      }),
    }),
  ];
}
