import { z } from 'zod';
import { CountryCode, Identifier, IsoDate, IsoDateTime } from './common.js';

/**
 * A prevention or communication campaign. A post belongs to it when it carries one of its
 * hashtags, is by one of its handles or contains one of its keywords, within its dates and
 * countries (see nlp/campaign-match).
 */
export const CampaignInput = z.object({
  id: Identifier,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  /** Without '#', compared case- and accent-insensitively. */
  hashtags: z.array(z.string().min(1).max(100)).max(100).default([]),
  /** Without '@'. */
  handles: z.array(z.string().min(1).max(100)).max(200).default([]),
  keywords: z.array(z.string().min(2).max(200)).max(100).default([]),
  /** Empty means every country. */
  countries: z.array(CountryCode).default([]),
  startDate: IsoDate,
  /** Inclusive; null while the campaign runs. */
  endDate: IsoDate.nullable().default(null),
  /** Launch used for the impact estimate; defaults to startDate. */
  launchDate: IsoDate.nullable().default(null),
});
/** A campaign ends (inclusive) on or after the day it starts. */
export const campaignDatesInOrder = (c: { startDate: string; endDate?: string | null }) =>
  !c.endDate || c.endDate >= c.startDate;
export const CAMPAIGN_DATES_MESSAGE = {
  message: 'endDate must not be before startDate',
  path: ['endDate'],
};

export const Campaign = CampaignInput.extend({
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CampaignInput = z.input<typeof CampaignInput>;
export type Campaign = z.infer<typeof Campaign>;
