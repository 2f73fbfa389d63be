import { z } from 'zod';
import { CountryCode, Identifier, IsoDate, Platform } from './common.js';

/** A list from a query string: repeated keys or comma-separated values, empty when absent. */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      value === undefined || value === ''
        ? []
        : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')),
    z.array(item),
  );

/**
 * The global filter shared by the dashboard, the API and the brief: an inclusive range of UTC
 * days plus any subset of countries, platforms, topics, campaigns and languages.
 */
export const PostFilter = z
  .object({
    from: IsoDate,
    to: IsoDate,
    country: list(z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), CountryCode)).default([]),
    platform: list(Platform).default([]),
    topic: list(Identifier).default([]),
    campaign: list(Identifier).default([]),
    lang: list(z.enum(['es', 'en', 'other'])).default([]),
  })
  .refine((f) => !(Date.parse(f.from) > Date.parse(f.to)), {
    message: '"from" must not be after "to"',
    path: ['from'],
  });
export type PostFilter = z.infer<typeof PostFilter>;

/** Start (inclusive) and end (exclusive) instants of a filter's day range, in ms since epoch. */
export function filterRange(filter: Pick<PostFilter, 'from' | 'to'>): { start: number; end: number } {
  const start = Date.parse(`${filter.from}T00:00:00.000Z`);
  const end = Date.parse(`${filter.to}T00:00:00.000Z`) + DAY_MS;
  return { start, end };
}

/** The period of equal length that ends the day before `filter.from`. */
export function previousPeriod<F extends PostFilter>(filter: F): F {
  const { start, end } = filterRange(filter);
  const length = end - start;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { ...filter, from: day(start - length), to: day(start - DAY_MS) };
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
