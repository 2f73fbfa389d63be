import { z } from 'zod';

/** ISO 3166-1 alpha-2 codes of the seven countries escucha listens to. */
export const COUNTRIES = ['GT', 'HN', 'SV', 'CR', 'PA', 'DO', 'BZ'] as const;
export const CountryCode = z.enum(COUNTRIES);
export type CountryCode = z.infer<typeof CountryCode>;

/** Platforms a post can come from. `file` is an import of another tool's export. */
export const PLATFORMS = [
  'mastodon',
  'bluesky',
  'youtube',
  'x',
  'reddit',
  'telegram',
  'rss',
  'facebook',
  'instagram',
  'tiktok',
  'file',
] as const;
export const Platform = z.enum(PLATFORMS);
export type Platform = z.infer<typeof Platform>;

/** An instant as an ISO-8601 string with offset, normalised to UTC by `toIso`. */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = string;

/** A calendar day `YYYY-MM-DD` (UTC). */
export const IsoDate = z.iso.date({
  error: (issue) =>
    issue.input === undefined
      ? 'missing date: use YYYY-MM-DD, e.g. 2026-11-02'
      : 'not a valid YYYY-MM-DD date, e.g. 2026-11-02',
});

export const Identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, "_" or "-"');

/** One piece of evidence behind a label: a term, phrase or feature and how much it weighed. */
export const Evidence = z.object({
  feature: z.string(),
  weight: z.number(),
});
export type Evidence = z.infer<typeof Evidence>;

export function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}
