import { z } from 'zod';
import { CountryCode, Identifier, IsoDateTime, Platform } from './common.js';

/** What series an alert rule watches. */
export const AlertMetric = z.enum(['posts', 'misogyny', 'hate', 'negative', 'fear']);

export const AlertRuleInput = z.object({
  id: Identifier,
  name: z.string().min(1).max(200),
  metric: AlertMetric,
  country: CountryCode.nullable().default(null),
  platform: Platform.nullable().default(null),
  topic: Identifier.nullable().default(null),
  campaign: Identifier.nullable().default(null),
  granularity: z.enum(['hour', 'day']).default('day'),
  /** Robust z-score above the seasonal baseline needed to fire. */
  threshold: z.number().min(1).max(20).default(3),
  /** Below this volume in the bucket nothing fires (avoids alerts on 2 → 6 posts). */
  minVolume: z.number().int().min(1).default(20),
  /** After firing, the same rule stays quiet this long. */
  cooldownHours: z.number().int().min(0).max(24 * 30).default(24),
  enabled: z.boolean().default(true),
  /** Optional URL the alert is POSTed to. */
  webhookUrl: z.url().nullable().default(null),
});
export const AlertRule = AlertRuleInput.extend({ createdAt: IsoDateTime, updatedAt: IsoDateTime });
export type AlertRuleInput = z.input<typeof AlertRuleInput>;
export type AlertRule = z.infer<typeof AlertRule>;

export const Severity = z.enum(['low', 'medium', 'high']);

/** What an alert watched, kept from its rule when it fired, so it can be worded in any language. */
export const AlertScope = AlertRuleInput.pick({
  metric: true,
  granularity: true,
  country: true,
  platform: true,
  topic: true,
  campaign: true,
}).required();
export type AlertScope = z.infer<typeof AlertScope>;

export const Alert = z.object({
  id: z.string(),
  ruleId: Identifier,
  /** Start of the bucket that spiked: with ruleId, the de-duplication key. */
  bucket: IsoDateTime,
  /** The bucket's length (the rule's granularity); absent on alerts stored before it was kept. */
  granularity: z.enum(['hour', 'day']).optional(),
  severity: Severity,
  observed: z.number(),
  expected: z.number(),
  score: z.number(),
  /** What it watched; absent on alerts stored before it was kept. */
  scope: AlertScope.optional(),
  /** A sentence in Spanish, as worded when it fired (webhooks carry it). */
  message: z.string(),
  createdAt: IsoDateTime,
  acknowledgedAt: IsoDateTime.nullable(),
  delivered: z.boolean(),
});
export type Alert = z.infer<typeof Alert>;
