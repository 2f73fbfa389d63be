import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { ResourceConflictError, ResourceNotFoundError } from '../errors.js';
import { Lexicons } from '../lexicons.js';
import { defineRoute, type Route } from '../registry.js';

const NameParam = z.object({
  name: z
    .string()
    .min(1)
    .max(120)
    .regex(
      /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/,
      'use letters, digits, "_" or "-", with "/" between parts, e.g. sentiment/es',
    ),
});
const VersionParams = NameParam.extend({ version: z.coerce.number().int().min(0).max(1_000_000) });
const Edit = z.object({
  /** The whole lexicon, same top-level shape (object or array) as the shipped file. */
  content: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
  /** The version the edit started from: a concurrent edit answers 409 instead of being lost. */
  baseVersion: z.number().int().min(0),
});
const Meta = z.object({
  version: z.number(),
  editedBy: z.string().nullable(),
  editedAt: z.string().nullable(),
});

const LEXICON = { es: 'el léxico', en: 'lexicon' };

/** Lexicons: analysts read them, edit them (versioned overrides) and browse their history. */
export function lexiconRoutes({ store, lexiconsDir }: RouteDeps): Route[] {
  const lexicons = new Lexicons(lexiconsDir, store.settings);
  async function known(name: string) {
    if (!(await lexicons.exists(name))) throw new ResourceNotFoundError(LEXICON, name);
  }
  const analyst = { access: 'analyst', tag: 'lexicons' } as const;
  return [
    defineRoute({
      ...analyst,
      method: 'get',
      path: '/lexicons',
      summary: 'Lexicons with their current version',
      response: z.array(Meta.extend({ name: z.string() })),
      async handler() {
        const names = await lexicons.list();
        return Promise.all(
          names.map(async (name) => ({ name, ...(await lexicons.history(name))[0]! })),
        );
      },
    }),
    defineRoute({
      ...analyst,
      method: 'get',
      path: '/lexicons/:name',
      summary:
        "A lexicon's current content (name is its path under lexicons/, URL-encoded: sentiment%2Fes)",
      params: NameParam,
      response: Meta.extend({ name: z.string(), content: z.unknown() }),
      async handler({ params }) {
        await known(params.name);
        return { name: params.name, ...(await lexicons.current(params.name)) };
      },
    }),
    defineRoute({
      ...analyst,
      method: 'put',
      path: '/lexicons/:name',
      summary: 'Save a new version of a lexicon',
      params: NameParam,
      body: Edit,
      bodyLimit: '4mb',
      response: Meta.extend({ name: z.string() }),
      async handler({ params, body, principal }) {
        await known(params.name);
        const shipped = (await lexicons.shipped(params.name)).content;
        if (Array.isArray(shipped) !== Array.isArray(body.content)) {
          throw new ResourceConflictError({
            es: 'El contenido no tiene la forma del léxico original (objeto o lista).',
            en: 'The content does not have the shape of the shipped lexicon (object or array).',
          });
        }
        const saved = await lexicons.save(
          params.name,
          body.content,
          body.baseVersion,
          principal!.user.id,
        );
        if (!saved) {
          throw new ResourceConflictError({
            es: 'Otra persona editó el léxico mientras tanto: recargue y repita el cambio.',
            en: 'Someone else edited the lexicon meanwhile: reload and redo the change.',
          });
        }
        return {
          name: params.name,
          version: saved.version,
          editedBy: saved.editedBy,
          editedAt: saved.editedAt,
        };
      },
    }),
    defineRoute({
      ...analyst,
      method: 'get',
      path: '/lexicons/:name/versions',
      summary: 'Versions of a lexicon, newest first (0 is the shipped file)',
      params: NameParam,
      response: z.array(Meta),
      async handler({ params }) {
        await known(params.name);
        return lexicons.history(params.name);
      },
    }),
    defineRoute({
      ...analyst,
      method: 'get',
      path: '/lexicons/:name/versions/:version',
      summary: 'One version of a lexicon',
      params: VersionParams,
      response: Meta.extend({ name: z.string(), content: z.unknown() }),
      async handler({ params }) {
        await known(params.name);
        const found = await lexicons.version(params.name, params.version);
        if (!found)
          throw new ResourceNotFoundError(
            { es: 'la versión', en: 'version' },
            String(params.version),
          );
        return { name: params.name, ...found };
      },
    }),
  ];
}
