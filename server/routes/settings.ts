import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { PRIVACY_SETTING, type PrivacySettings } from '../../analytics/privacy.js';
import { defineRoute, type Route } from '../registry.js';

const Privacy = z.object({
  /** Handles (without '@') of public accounts whose identity viewers and exports may show. */
  allowedHandles: z.array(z.string().trim().min(1).max(200)).max(2_000),
});

/** Instance settings (admin): the privacy allow-list. */
export function settingsRoutes({ store }: RouteDeps): Route[] {
  const admin = { access: 'admin', tag: 'settings' } as const;
  return [
    defineRoute({
      ...admin,
      method: 'get',
      path: '/settings/privacy',
      summary: 'Privacy allow-list of public accounts',
      response: Privacy,
      handler: async () =>
        (await store.settings.get<PrivacySettings>(PRIVACY_SETTING)) ?? { allowedHandles: [] },
    }),
    defineRoute({
      ...admin,
      method: 'put',
      path: '/settings/privacy',
      summary: 'Replace the privacy allow-list',
      body: Privacy,
      response: Privacy,
      async handler({ body }) {
        await store.settings.set<PrivacySettings>(PRIVACY_SETTING, body);
        return body;
      },
    }),
  ];
}
