import { z } from 'zod';
import { Source, SourceInput } from '../../models/source.js';
import { addSource, updateSource } from '../../workers/collectors/sources.js';
import type { RouteDeps } from '../deps.js';
import { ResourceNotFoundError } from '../errors.js';
import { defineRoute, NO_CONTENT, type Route } from '../registry.js';
import { Accepted, SlugParam } from './schemas.js';

const httpBase = (source: { baseUrl?: string | null }) =>
  !source.baseUrl || /^https?:\/\//i.test(source.baseUrl);
const BASE_URL = { message: 'baseUrl must be an http(s) URL', path: ['baseUrl'] };
const NewSource = SourceInput.refine(httpBase, BASE_URL);
const SourceEdit = SourceInput.omit({ id: true }).refine(httpBase, BASE_URL);

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
export function sourceRoutes({ store, runner }: RouteDeps): Route[] {
  async function load(id: string): Promise<Source> {
    const source = await store.sources.get(id);
    if (!source) throw new ResourceNotFoundError(SOURCE, id);
    return source;
  }
  const tag = 'sources';
  return [
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
