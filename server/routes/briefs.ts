import { z } from 'zod';
import { Brief } from '../../models/brief.js';
import { briefId } from '../../workers/brief/generate.js';
import { parseBriefEditions } from '../../workers/brief/schedule.js';
import { lastCompleteWeek, weekProblem } from '../../models/iso-week.js';
import { deliveredKey } from '../../workers/processors/brief.js';
import type { RouteDeps } from '../deps.js';
import { LocalizedError, ResourceNotFoundError } from '../errors.js';
import { defineRoute, FileReply, type Route } from '../registry.js';
import { Accepted, IdParam } from './schemas.js';
import { CountryCode, Identifier } from '../../models/common.js';

/**
 * A week a brief can be asked for: `YYYY-Www`, one its ISO year has, and not in the future (its
 * Monday is not after today, UTC; the week under way is allowed). Checked here so a bad week is a
 * 400 with a reason, not a queued job that fails.
 */
export const BriefWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'not an ISO week: use YYYY-Www, e.g. 2026-W47')
  .refine((week) => weekProblem(week) !== 'nonexistent', { message: 'no such ISO week: an ISO year has 52 or 53 weeks' })
  .refine((week) => weekProblem(week) !== 'future', { message: 'this week has not started yet: pick the current or a past week' });

export const BriefRequestBody = z.object({
  week: BriefWeek.optional(),
  /** Generate again briefs of the week that already exist (they are replaced, not sent again). */
  regenerate: z.boolean().optional(),
  /**
   * One brief of a scope of one's own (language, countries, campaigns) instead of the configured
   * editions: stored and listed, never e-mailed or posted to the brief webhook.
   */
  edition: z
    .object({
      locale: z.enum(['es', 'en']),
      countries: z.array(CountryCode).max(7).default([]),
      campaigns: z.array(Identifier).max(10).default([]),
    })
    .optional(),
});

/** A stored brief of the week asked for, with its download link. */
export const ExistingBrief = z.object({ id: z.string(), locale: z.enum(['es', 'en']), createdAt: z.string(), href: z.string() });

export const BriefQueued = Accepted.extend({
  week: z.string(),
  /** Ids of the briefs the job will write (poll GET /briefs until they appear with a newer createdAt). */
  briefs: z.array(z.string()),
  regenerate: z.boolean(),
  /** Server time of the request: a brief listed with an older createdAt is not the new one yet. */
  requestedAt: z.string(),
});

/** Every brief of the week is already stored (and delivered): 409 with their links, unless `regenerate`. */
export class BriefExistsError extends LocalizedError {
  constructor(week: string, briefs: z.infer<typeof ExistingBrief>[]) {
    super(
      {
        es: `El informe de la semana ${week} ya existe. Descárguelo de la lista o pida regenerarlo (regenerate: true).`,
        en: `The brief for week ${week} already exists. Download it from the list or ask to regenerate it (regenerate: true).`,
      },
      'ESCUCHA_BRIEF_EXISTS',
      409,
      { week, briefs },
    );
  }
}

/** No post stored yet: the weekly job would skip the brief, so the request says so instead of queueing. */
export class BriefWithoutPostsError extends LocalizedError {
  constructor() {
    super(
      {
        es: 'Todavía no hay publicaciones guardadas: el informe se podrá generar cuando las fuentes hayan recolectado datos.',
        en: 'No posts are stored yet: a brief can be generated once the sources have collected data.',
      },
      'ESCUCHA_BRIEF_NO_POSTS',
      409,
    );
  }
}

const pdfHref = (id: string) => `/api/briefs/${encodeURIComponent(id)}/pdf`;

/** Weekly briefs: list and download (everyone signed in), generate (analysts, queued). */
export function briefRoutes({ store, runner, config }: RouteDeps): Route[] {
  const tag = 'briefs';
  return [
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/briefs',
      summary: 'Generated briefs, newest first',
      response: z.array(Brief),
      handler: () => store.briefs.list(),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'post',
      path: '/briefs',
      status: 202,
      summary:
        'Generate the weekly briefs (every configured edition, or one `edition` of your own: language, countries, campaigns) of `week` (default: the last complete ISO week), queued',
      description:
        'Answers 400 for a week that does not exist or has not started, 409 (`ESCUCHA_BRIEF_EXISTS`, with the ' +
        'existing briefs and their links in `details`) when every edition of the week is already stored and ' +
        'delivered, unless `regenerate` is true, and 409 (`ESCUCHA_BRIEF_NO_POSTS`) before any post is stored.',
      body: BriefRequestBody,
      response: BriefQueued,
      async handler({ body }) {
        const requestedAt = new Date();
        const week = body.week ?? lastCompleteWeek(requestedAt);
        const regenerate = body.regenerate === true;
        if ((await store.posts.count()) === 0) throw new BriefWithoutPostsError();
        const custom = body.edition && {
          locale: body.edition.locale,
          scope: { countries: body.edition.countries, campaigns: body.edition.campaigns },
        };
        for (const id of custom?.scope.campaigns ?? []) {
          if (!(await store.campaigns.get(id))) throw new ResourceNotFoundError({ es: 'la campaña', en: 'campaign' }, id);
        }
        const editions = custom ? [custom] : parseBriefEditions(config.briefEditions);
        const ids = editions.map((edition) => briefId({ week, ...edition }));
        const stored = new Map((await store.briefs.list()).map((b) => [b.id, b]));
        // The job skips an edition already stored and delivered (workers/processors/brief.ts);
        // a brief of one's own is never delivered: stored is done.
        const done = new Set<string>();
        for (const id of ids) {
          if (stored.has(id) && (custom || (await store.settings.get<string>(deliveredKey(id))))) done.add(id);
        }
        const pending = regenerate ? ids : ids.filter((id) => !done.has(id));
        if (pending.length === 0) {
          throw new BriefExistsError(
            week,
            ids.map((id) => stored.get(id)!).map((b) => ({ id: b.id, locale: b.locale, createdAt: b.createdAt, href: pdfHref(b.id) })),
          );
        }
        const job = { week, ...(regenerate ? { regenerate: true } : {}), ...(custom ? { edition: custom } : {}) };
        const key = custom ? `brief:${ids[0]}` : `brief:${week}`;
        await runner.enqueue('brief', job, { jobId: regenerate ? `${key}:regenerate` : key });
        return { queued: true as const, job: 'brief', week, briefs: pending, regenerate, requestedAt: requestedAt.toISOString() };
      },
    }),
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/briefs/:id/pdf',
      summary: 'Download a brief (PDF)',
      params: IdParam,
      async handler({ params }) {
        const found = await store.briefs.get(params.id);
        if (!found) throw new ResourceNotFoundError({ es: 'el informe', en: 'brief' }, params.id);
        return new FileReply(
          'application/pdf',
          `escucha-${found.brief.week}-${found.brief.locale}.pdf`,
          found.pdf,
        );
      },
    }),
  ];
}
