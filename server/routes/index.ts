import type { RouteDeps } from '../deps.js';
import type { Route } from '../registry.js';
import { alertRoutes } from './alerts.js';
import { annotationRoutes } from './annotations.js';
import { authRoutes } from './auth.js';
import { briefRoutes } from './briefs.js';
import { campaignRoutes } from './campaigns.js';
import { exploreRoutes } from './explore.js';
import { healthRoutes } from './health.js';
import { lexiconRoutes } from './lexicons.js';
import { overviewRoutes } from './overview.js';
import { settingsRoutes } from './settings.js';
import { sourceRoutes } from './sources.js';
import { userRoutes } from './users.js';

/** Every API route, by area. */
export function apiRoutes(deps: RouteDeps): Route[] {
  return [
    ...healthRoutes(deps),
    ...authRoutes(deps),
    ...userRoutes(deps),
    ...settingsRoutes(deps),
    ...overviewRoutes(deps),
    ...exploreRoutes(deps),
    ...campaignRoutes(deps),
    ...sourceRoutes(deps),
    ...alertRoutes(deps),
    ...lexiconRoutes(deps),
    ...annotationRoutes(deps),
    ...briefRoutes(deps),
  ];
}
