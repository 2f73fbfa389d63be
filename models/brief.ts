import { z } from 'zod';
import { IsoDate, IsoDateTime } from './common.js';

/** A generated weekly brief (PDF). The bytes live in the store's blob area. */
export const Brief = z.object({
  id: z.string(),
  /** ISO week, e.g. 2026-W47. */
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  from: IsoDate,
  to: IsoDate,
  locale: z.enum(['es', 'en']),
  scope: z.object({ countries: z.array(z.string()), campaigns: z.array(z.string()) }),
  bytes: z.number().int().nonnegative(),
  createdAt: IsoDateTime,
});
export type Brief = z.infer<typeof Brief>;
