import { columnHeader } from '../csv-headers.js';
import { previousPeriod } from '../../models/filter.js';
import type { Kpis } from '../../models/store.js';
import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { defineRoute, type Route } from '../registry.js';
import { ApiFilter, Kpi, SeriesQuery } from './schemas.js';

export const KPI_FIELDS = [
  'posts',
  'authors',
  'interactions',
  'potentialReach',
  'impressions',
  'netSentiment',
  'misogynyRate',
  'hateRate',
] as const;

export function headline(kpis: Kpis) {
  return Object.fromEntries(KPI_FIELDS.map((field) => [field, kpis[field]])) as Pick<
    Kpis,
    (typeof KPI_FIELDS)[number]
  >;
}

/**
 * GET /api/overview?from&to[&country][&platform][&topic][&campaign][&lang]: headline KPIs of the
 * filter and of the preceding period of equal length (a fixed interface other tools rely on).
 * GET /api/series: one point per hour or day.
 */
export function overviewRoutes({ store }: RouteDeps): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/overview',
      access: 'viewer',
      tag: 'analytics',
      summary: 'Headline KPIs of the filter and of the preceding period of equal length',
      query: ApiFilter,
      response: Kpi.extend({
        previous: Kpi.extend({ analysed: z.number(), polar: z.number() }),
        analysed: z.number(),
      }).loose(),
      async handler({ query: filter }) {
        const [current, previous] = await Promise.all([
          store.analytics.kpis(filter),
          store.analytics.kpis(previousPeriod(filter)),
        ]);
        return {
          ...headline(current),
          sentiment: current.sentiment,
          emotions: current.emotions,
          analysed: current.analysed,
          // The previous period's denominators: a rate over none of them does not exist.
          previous: {
            ...headline(previous),
            analysed: previous.analysed,
            polar: previous.sentiment.P + previous.sentiment.N,
          },
          filter,
        };
      },
      table: (result, { locale }) => ({
        name: `resumen-${result.filter.from}_${result.filter.to}`,
        columns: ['metric', 'current', 'previous'],
        // The metric names are cells here, not headers: they follow the reader's language too.
        rows: KPI_FIELDS.map((field) => [columnHeader(field, locale), result[field], result.previous[field]]),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/series',
      access: 'viewer',
      tag: 'analytics',
      summary: 'Time series of the filter, one point per hour or day (empty buckets included)',
      query: SeriesQuery,
      async handler({ query }) {
        const { granularity, ...filter } = query;
        return { granularity, points: await store.analytics.series(filter, granularity) };
      },
      table: (result) => ({
        name: `serie-${result.granularity}`,
        columns: [
          'bucket',
          'posts',
          'authors',
          'interactions',
          'potentialReach',
          'P',
          'NEU',
          'N',
          'netSentiment',
          'misogyny',
          'misogynyRate',
          'hate',
        ],
        rows: result.points.map((p) => [
          p.bucket,
          p.posts,
          p.authors,
          p.interactions,
          p.potentialReach,
          p.sentiment.P,
          p.sentiment.NEU,
          p.sentiment.N,
          p.netSentiment,
          p.misogyny,
          p.misogynyRate,
          p.hate,
        ]),
      }),
    }),
  ];
}
