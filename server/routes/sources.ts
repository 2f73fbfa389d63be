import { sourceHealth } from '../../models/source-health.js';
import { z } from 'zod';
import { Source, SourceInput } from '../../models/source.js';
import { addSource, updateSource } from '../../workers/collectors/sources.js';
import type { RouteDeps } from '../deps.js';
import { ResourceNotFoundError } from '../errors.js';
import { defineRoute, NO_CONTENT, type Route } from '../registry.js';
import { Accepted, checkOutboundUrl, SlugParam } from './schemas.js';

/**
 * Base URLs only over http(s) and, like an RSS feed URL, only to public addresses unless the
 * deployment allows internal hosts (ESCUCHA_ALLOW_PRIVATE_WEBHOOKS): the collectors fetch them.
 */
function sourceUrlCheck(allowPrivate: boolean) {
  return (
    source: { kind?: string; baseUrl?: string | null; query?: { channel?: string | null } },
    ctx: z.RefinementCtx,
  ) => {
    if (source.baseUrl && !/^https?:\/\//i.test(source.baseUrl)) {
      ctx.addIssue({
        code: 'custom',
        message: 'baseUrl must be an http(s) URL',
        path: ['baseUrl'],
        input: source.baseUrl,
      });
    } else {
      checkOutboundUrl(source.baseUrl, 'baseUrl', ['baseUrl'], allowPrivate, ctx);
    }
    const channel = source.query?.channel;
    if (source.kind === 'rss' && channel && /^https?:\/\//i.test(channel)) {
      checkOutboundUrl(channel, 'channel', ['query', 'channel'], allowPrivate, ctx);
    }
  };
}

const SOURCE = { es: 'la fuente', en: 'source' };
const Status = Source.pick({
  id: true,
  status: true,
  enabled: true,
  lastRunAt: true,
  lastSuccessAt: true,
  lastError: true,
  runs: true,
  gaps: true,
  quotaUsed: true,
});

/** Listening sources: analysts read them and their health; admins create, edit, delete and run them. */
export function sourceRoutes({ store, runner, config }: RouteDeps): Route[] {
  const check = sourceUrlCheck(config.allowPrivateWebhooks);
  const NewSource = SourceInput.superRefine(check);
  const SourceEdit = SourceInput.omit({ id: true }).superRefine(check);
  async function load(id: string): Promise<Source> {
    const source = await store.sources.get(id);
    if (!source) throw new ResourceNotFoundError(SOURCE, id);
    return source;
  }
  const tag = 'sources';
  return [
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/sources/health',
      summary: 'How many sources are configured, enabled, failing and have collected (no details)',
      handler: async () => sourceHealth(await store.sources.list()),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'get',
      path: '/sources',
      summary: 'List sources with their state',
      response: z.array(Source),
      handler: () => store.sources.list(),
      table: (rows) => ({
        name: 'fuentes',
        columns: [
          'id',
          'name',
          'kind',
          'enabled',
          'everyMinutes',
          'status',
          'lastRunAt',
          'lastSuccessAt',
          'lastError',
        ],
        rows: rows.map((s) => [
          s.id,
          s.name,
          s.kind,
          s.enabled,
          s.everyMinutes,
          s.status,
          s.lastRunAt,
          s.lastSuccessAt,
          s.lastError,
        ]),
      }),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'get',
      path: '/sources/:id',
      summary: 'One source',
      params: SlugParam,
      response: Source,
      handler: ({ params }) => load(params.id),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'get',
      path: '/sources/:id/status',
      summary: 'Health of a source: status, last runs, coverage gaps, quota',
      params: SlugParam,
      response: Status,
      handler: async ({ params }) => Status.parse(await load(params.id)),
    }),
    defineRoute({
      tag,
      access: 'admin',
      method: 'post',
      path: '/sources',
      status: 201,
      summary: 'Create a source',
      body: NewSource,
      response: Source,
      // Shared with the CLI: validates the query for the platform's collector.
      handler: ({ body }) => addSource(store, body),
    }),
    defineRoute({
      tag,
      access: 'admin',
      method: 'put',
      path: '/sources/:id',
      summary: 'Replace the settings of a source (its cursor, runs and gaps are kept)',
      params: SlugParam,
      body: SourceEdit,
      response: Source,
      // Keeps history; a changed query or base URL drops the cursor of the old listing.
      handler: ({ params, body }) => updateSource(store, params.id, body),
    }),
    defineRoute({
      tag,
      access: 'admin',
      method: 'delete',
      path: '/sources/:id',
      summary: 'Delete a source (its posts stay)',
      params: SlugParam,
      async handler({ params }) {
        if (!(await store.sources.delete(params.id)))
          throw new ResourceNotFoundError(SOURCE, params.id);
        return NO_CONTENT;
      },
    }),
    defineRoute({
      tag,
      access: 'admin',
      method: 'post',
      path: '/sources/:id/run',
      status: 202,
      summary: 'Run a source now (queued; a run already waiting is not queued twice)',
      params: SlugParam,
      response: Accepted,
      async handler({ params }) {
        const source = await load(params.id);
        await runner.enqueue('collect', { sourceId: source.id }, { jobId: `now:${source.id}` });
        return { queued: true as const, job: 'collect' };
      },
    }),
  ];
}
