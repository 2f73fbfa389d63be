import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../../models/common.js';
import { PostFilter } from '../../../models/filter.js';
import type { Store } from '../../../models/store.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import { campaignFigures, gatherBriefData } from '../../../workers/brief/gather.js';
import { renderBrief } from '../../../workers/brief/render.js';
import { tempDir } from '../../support/cli.js';
import { makeEnrichment, makePost } from '../../support/factories.js';
import { hasPdfToText, pdfText } from './pdf-text.js';
import { seedBriefStore, SEEDED_WEEK } from './seed.js';

const WEEK = { from: '2026-11-16', to: '2026-11-22' };
const CAMPAIGN = 'ni-una-menos';

/** A regional campaign running in the seeded week whose posts are all in Guatemala. */
async function addGuatemalaOnlyCampaign(store: Store): Promise<void> {
  const now = '2026-11-23T06:00:00.000Z';
  await store.campaigns.save({
    id: 'solo-gt', name: 'Solo Guatemala', description: '', hashtags: ['sologt'], handles: [], keywords: [],
    countries: [], startDate: '2026-11-01', endDate: null, launchDate: null, createdAt: now, updatedAt: now,
  });
  const posts = [0, 1, 2].map((i) =>
    makePost({
      externalId: `gt-only-${i}`,
      text: `Campaña en Guatemala #SoloGT ${i}`,
      createdAt: `2026-11-1${7 + i}T10:00:00.000Z`,
      collectedAt: `2026-11-1${7 + i}T11:00:00.000Z`,
      author: { id: `a_gt${i}`, handle: `gt${i}`, name: null, followers: 50, verified: false, location: null },
      hashtags: ['sologt'],
      campaignIds: ['solo-gt'],
    }),
  );
  await store.posts.upsert(posts);
  await store.posts.saveEnrichments(
    posts.map((p) => ({ id: `mastodon:${p.externalId}`, enrichment: makeEnrichment({ country: 'GT', campaigns: ['solo-gt'], topics: ['prevencion'] }) })),
  );
  await store.rollups.recompute(await store.rollups.dirtyBuckets(1e5));
}

describe('campaign figures of a country brief', () => {
  const dataDir = tempDir('escucha-brief-campaigns-');
  let store: Store;
  beforeAll(async () => {
    store = createSqliteStore(dataDir);
    await seedBriefStore(store, { postsPerWeek: 300 });
    await addGuatemalaOnlyCampaign(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('are the campaign’s posts in the brief’s countries, not the whole region’s', async () => {
    const data = await gatherBriefData(store, SEEDED_WEEK, { countries: ['BZ'], campaigns: [] });
    const region = (await store.analytics.campaignKpis({ campaignId: CAMPAIGN, ...WEEK })).total;
    // The campaign's Belize row of the country breakdown: another query path than the brief's.
    const belize = (await store.analytics.breakdown(PostFilter.parse({ ...WEEK, campaign: [CAMPAIGN] }), 'country', 50)).find((row) => row.value === 'BZ')!;
    expect(belize.posts).toBeGreaterThan(0);
    expect(region.posts).toBeGreaterThan(belize.posts);

    const campaign = data.campaigns.find((c) => c.id === CAMPAIGN)!;
    expect(campaign.week).toMatchObject({ posts: belize.posts, authors: belize.authors, interactions: belize.interactions, potentialReach: belize.potentialReach, misogyny: belize.misogyny, analysed: belize.analysed });
    const previous = (await store.analytics.breakdown(PostFilter.parse({ from: '2026-11-09', to: '2026-11-15', campaign: [CAMPAIGN] }), 'country', 50)).find((row) => row.value === 'BZ')!;
    expect(campaign.previousWeek?.posts).toBe(previous.posts);
  });

  it('read the store’s campaign KPI definitions: every country together is the region-wide total', async () => {
    const { hashtags: _, ...region } = (await store.analytics.campaignKpis({ campaignId: CAMPAIGN, ...WEEK })).total;
    expect(region.influencers).toBeGreaterThan(0);
    expect(region.mediaMentions).toBeGreaterThan(0);
    expect(await campaignFigures(store, CAMPAIGN, WEEK, [...COUNTRIES])).toEqual(region);
    expect(await campaignFigures(store, CAMPAIGN, WEEK, [])).toEqual(region);
  });

  it('leave out a campaign without posts in those countries and say so', async () => {
    const belize = await gatherBriefData(store, SEEDED_WEEK, { countries: ['BZ'], campaigns: [] });
    expect(belize.campaigns.map((c) => c.id)).toEqual([CAMPAIGN]);
    expect(belize.campaignsWithoutPosts).toEqual(['Solo Guatemala']);
    const guatemala = await gatherBriefData(store, SEEDED_WEEK, { countries: ['GT'], campaigns: [] });
    expect(guatemala.campaigns.map((c) => c.id).sort()).toEqual([CAMPAIGN, 'solo-gt']);
    expect(guatemala.campaigns.find((c) => c.id === 'solo-gt')!.week.posts).toBe(3);
    expect(guatemala.campaignsWithoutPosts).toEqual([]);
    // Region-wide, every running campaign is shown, as before.
    const region = await gatherBriefData(store, SEEDED_WEEK, { countries: [], campaigns: [] });
    expect(region.campaigns.map((c) => c.id).sort()).toEqual([CAMPAIGN, 'solo-gt']);
    expect(region.campaignsWithoutPosts).toEqual([]);

    if (!hasPdfToText()) return;
    const text = pdfText(await renderBrief(belize, 'en')).replace(/\s+/g, ' ');
    expect(text).toContain('No posts in Belize this week: Solo Guatemala.');
    const row = new RegExp(`Ni una menos 2026 ${belize.campaigns[0]!.week.posts} `);
    expect(text).toMatch(row);
    const onlyAbsent = pdfText(await renderBrief({ ...belize, campaigns: [] }, 'es')).replace(/\s+/g, ' ');
    expect(onlyAbsent).toContain('Campañas: ninguna con publicaciones en el alcance');
    expect(onlyAbsent).toContain('Sin publicaciones en Belice esta semana: Solo Guatemala.');
  });
});
