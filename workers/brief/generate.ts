import { createHash } from 'node:crypto';
import { Brief } from '../../models/brief.js';
import type { CountryCode } from '../../models/common.js';
import type { Store } from '../../models/store.js';
import type { BriefLocale } from './format.js';
import { gatherBriefData } from './gather.js';
import { readClassifierAccuracy } from './method.js';
import { countPages, renderBrief } from './render.js';
import type { BriefData, BriefScope } from './types.js';
import { weekRange } from '../../models/iso-week.js';

export interface BriefRequest {
  week: string;
  locale: BriefLocale;
  scope: BriefScope;
}

export interface ProducedBrief {
  brief: Brief;
  pdf: Buffer;
  pages: number;
  data: BriefData;
}

/**
 * Stable id of a brief: week, locale and scope. Generating the same brief again replaces it,
 * and the weekly job recognises a brief it already produced.
 */
export function briefId(request: BriefRequest): string {
  const countries = [...request.scope.countries].sort().join('-').toLowerCase();
  const campaigns = [...request.scope.campaigns].sort().join('-');
  const id = [request.week.toLowerCase(), request.locale, countries && `c-${countries}`, campaigns && `k-${campaigns}`].filter(Boolean).join('_');
  if (id.length <= MAX_ID) return id;
  // Long campaign lists: a digest of the scope keeps two scopes apart (a cut would not).
  const digest = createHash('sha256').update(id).digest('hex').slice(0, 16);
  return `${id.slice(0, MAX_ID - 18)}_${digest}`;
}

/** Longest brief id (store keys and file names stay short). */
const MAX_ID = 128;

/** Belize reads in English; every other scope in Spanish. */
export function defaultLocale(countries: readonly CountryCode[]): BriefLocale {
  return countries.length > 0 && countries.every((country) => country === 'BZ') ? 'en' : 'es';
}

/** Gathers, renders and stores one brief. */
export async function produceBrief(store: Store, request: BriefRequest, options: { now?: Date } = {}): Promise<ProducedBrief> {
  const now = options.now ?? new Date();
  const range = weekRange(request.week);
  const data = await gatherBriefData(store, request.week, request.scope, { now, classifiers: await readClassifierAccuracy() });
  const pdf = await renderBrief(data, request.locale);
  const brief = Brief.parse({
    id: briefId(request),
    week: request.week,
    from: range.from,
    to: range.to,
    locale: request.locale,
    scope: request.scope,
    bytes: pdf.length,
    createdAt: now.toISOString(),
  });
  await store.briefs.save(brief, pdf);
  return { brief, pdf, pages: countPages(pdf), data };
}
