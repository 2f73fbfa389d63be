import { Router } from 'express';
import { previousPeriod, PostFilter } from '../../models/filter.js';
import type { Kpis } from '../../models/store.js';
import type { ServerDeps } from '../deps.js';

const KPI_FIELDS = ['posts', 'authors', 'interactions', 'potentialReach', 'impressions', 'netSentiment', 'misogynyRate', 'hateRate'] as const;

function headline(kpis: Kpis) {
  return Object.fromEntries(KPI_FIELDS.map((field) => [field, kpis[field]])) as Pick<Kpis, (typeof KPI_FIELDS)[number]>;
}

/**
 * GET /api/overview?from&to[&country][&platform][&topic][&campaign][&lang]: headline KPIs of the
 * filter and of the preceding period of equal length (a fixed interface other tools rely on).
 */
export function overviewRoutes({ store }: ServerDeps): Router {
  const router = Router();
  router.get('/overview', async (req, res) => {
    const filter = PostFilter.parse(req.query);
    const [current, previous] = await Promise.all([
      store.analytics.kpis(filter),
      store.analytics.kpis(previousPeriod(filter)),
    ]);
    res.json({
      ...headline(current),
      sentiment: current.sentiment,
      analysed: current.analysed,
      previous: headline(previous),
      filter,
    });
  });
  router.get('/series', async (req, res) => {
    const filter = PostFilter.parse(req.query);
    const granularity = req.query.granularity === 'hour' ? 'hour' : 'day';
    res.json({ granularity, points: await store.analytics.series(filter, granularity) });
  });
  return router;
}
