/**
 * The metric a campaign's impact is read on, chosen from what the campaign is about. One rule
 * for the weekly brief (workers/brief/gather.ts) and the dashboard's Campañas view, so the
 * decision-maker and the analyst see the same story.
 * Contract: pure; accent- and case-insensitive.
 */
import type { ImpactMetric } from '../models/analytics.js';
import type { Campaign } from '../models/campaign.js';
import { fold } from '../nlp/text/fold.js';

/**
 * Words (accent- and case-folded, matched inside the campaign's name, description, hashtags and
 * keywords) that make a campaign one about gender-based violence, whose effect is read on the
 * misogyny rate. Any other campaign (street safety, youth violence, community policing) is read
 * on net sentiment: the misogyny rate of its conversation is not what it tries to move.
 */
export const GENDER_VIOLENCE_TERMS: readonly string[] = [
  'mujer', 'women', 'woman', 'ninas', 'girls', 'genero', 'gender', 'femicid', 'feminicid', 'misogin', 'misogyn', 'machis', 'sexis',
  'acoso', 'harass', 'sexual', 'violacion', 'rape', 'domestic', 'intrafamiliar', 'niunamenos', 'noestassola', 'vivasnosqueremos',
];

type CampaignSubject = Pick<Campaign, 'name' | 'description' | 'hashtags' | 'keywords'>;

/**
 * The metric a campaign's impact is estimated on: the misogyny rate for a campaign about
 * gender-based violence (GENDER_VIOLENCE_TERMS in what it records), net sentiment otherwise.
 */
export function impactMetricFor(campaign: CampaignSubject): Extract<ImpactMetric, 'misogynyRate' | 'netSentiment'> {
  return isAboutGenderViolence(campaign) ? 'misogynyRate' : 'netSentiment';
}

export function isAboutGenderViolence(campaign: CampaignSubject): boolean {
  const text = fold([campaign.name, campaign.description ?? '', ...campaign.hashtags, ...campaign.keywords].join(' '));
  return GENDER_VIOLENCE_TERMS.some((term) => text.includes(term));
}
