import { z } from 'zod';
import type { Post } from '../../models/post.js';
import type { Source, SourceQuery } from '../../models/source.js';
import { MalformedResponseError } from './errors.js';
import { instant, PageBuilder } from './mapping.js';
import { bskyRecordToPost } from './bluesky-record.js';
import { advanceSweep, compareInstants, readSweep, sweepToCursor } from './sweep.js';
import { jetstreamPass } from './bluesky-jetstream.js';
import type { Collector, CollectorContext, CollectorCursor, MappingContext, Page, Rejected } from './types.js';

const PAGE = 100;
const APP_PASSWORD = { es: 'la contraseña de aplicación (BLUESKY_APP_PASSWORD)', en: 'app password' };

/** `app.bsky.feed.defs#postView` as returned by searchPosts. */
const PostView = z.looseObject({
  uri: z.string().startsWith('at://'),
  author: z.looseObject({ did: z.string(), handle: z.string().nullish(), displayName: z.string().nullish() }),
  record: z.unknown(),
  replyCount: z.number().nullish(),
  repostCount: z.number().nullish(),
  likeCount: z.number().nullish(),
  quoteCount: z.number().nullish(),
  indexedAt: z.string(),
});

/** Maps one `postView` of `app.bsky.feed.searchPosts` to a Post. */
export function bskyPostViewToPost(raw: unknown, context: MappingContext): { post: Post } | { rejected: Rejected } {
  const parsed = PostView.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const uri = (raw as { uri?: unknown } | null)?.uri;
    return { rejected: { reason: `postView ${issue.path.join('.')}: ${issue.message}`, externalId: typeof uri === 'string' ? uri : undefined } };
  }
  const v = parsed.data;
  return bskyRecordToPost(
    {
      uri: v.uri,
      did: v.author.did,
      handle: v.author.handle ?? null,
      name: v.author.displayName ?? null,
      record: v.record,
      metrics: { likes: v.likeCount ?? 0, reposts: v.repostCount ?? 0, replies: v.replyCount ?? 0, quotes: v.quoteCount ?? 0 },
    },
    context,
  );
}

/** True when the source listens to the Jetstream firehose rather than searching. */
export function usesJetstream(source: Pick<Source, 'baseUrl' | 'query'>): boolean {
  return source.query.channel === 'jetstream' || /^wss?:\/\//.test(source.baseUrl ?? '');
}

/**
 * Bluesky, two ways. Search: `app.bsky.feed.searchPosts` (sort=latest, since, lang, cursor)
 * with an app-password session (`com.atproto.server.createSession`). Jetstream
 * (`channel: "jetstream"` or a ws:// base URL): a bounded pass over the public firehose,
 * filtered locally by the query, resumable by its microsecond cursor; no account needed.
 */
export const bluesky: Collector = {
  kind: 'bluesky',
  defaultBaseUrl: 'https://bsky.social',
  requiredCredentials: (source) => (usesJetstream(source) ? [] : ['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD']),
  validate(query: SourceQuery) {
    if (query.channel === 'jetstream') return [];
    return query.keywords.length + query.hashtags.length + query.handles.length === 0
      ? ['Bluesky necesita palabras clave, hashtags o cuentas (needs keywords, hashtags or handles)']
      : [];
  },

  async collectPage(source: Source, stored: CollectorCursor | null, ctx: CollectorContext): Promise<Page> {
    if (usesJetstream(source)) return jetstreamPass(source, stored, ctx);
    const base = (source.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '');
    const token = await session(base, ctx);
    const cursor = readSweep(stored);
    const q = [
      ...source.query.keywords.map((k) => (/\s/.test(k) ? `"${k}"` : k)),
      ...source.query.hashtags.map((h) => `#${h.replace(/^#/, '')}`),
      ...source.query.handles.map((h) => `from:${h.replace(/^@/, '')}`),
    ].join(' ');
    const params = new URLSearchParams({ q, sort: 'latest', limit: String(Math.max(1, Math.min(PAGE, ctx.remaining))) });
    const since = cursor.high ?? ctx.floor?.toISOString();
    if (since) params.set('since', since);
    if (source.query.language) params.set('lang', source.query.language);
    if (cursor.sweep) params.set('cursor', cursor.sweep.next);
    const response = await ctx.http.json({
      platform: 'bluesky',
      url: `${base}/xrpc/app.bsky.feed.searchPosts?${params}`,
      headers: { authorization: `Bearer ${token}` },
      credentialNoun: APP_PASSWORD,
    });
    const body = response.data as { posts?: unknown; cursor?: unknown } | null;
    const views = Array.isArray(body?.posts) ? body.posts : [];
    const context = { secret: ctx.secret, now: ctx.now(), queryId: source.id };
    const page = new PageBuilder();
    const times: string[] = [];
    for (const raw of views) {
      const indexedAt = instant((raw as { indexedAt?: unknown } | null)?.indexedAt);
      if (indexedAt) times.push(indexedAt);
      page.add(bskyPostViewToPost(raw, context));
    }
    times.sort(compareInstants);
    const next = typeof body?.cursor === 'string' && views.length > 0 ? body.cursor : null;
    const step = advanceSweep(cursor, { newest: times.at(-1) ?? null, next, reachedEnd: false }, compareInstants);
    return { items: page.items, rejected: page.rejected, nextCursor: sweepToCursor(step.cursor), done: step.done };
  },
};

/** An access token from an app-password session, created once per run. */
async function session(base: string, ctx: CollectorContext): Promise<string> {
  const cached = ctx.session.get('bluesky:accessJwt');
  if (typeof cached === 'string') return cached;
  const response = await ctx.http.json({
    platform: 'bluesky',
    method: 'POST',
    url: `${base}/xrpc/com.atproto.server.createSession`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: ctx.credential('BLUESKY_HANDLE'), password: ctx.credential('BLUESKY_APP_PASSWORD') }),
    credentialNoun: APP_PASSWORD,
  });
  const token = (response.data as { accessJwt?: unknown } | null)?.accessJwt;
  if (typeof token !== 'string') throw new MalformedResponseError('bluesky', 'createSession sin accessJwt');
  ctx.session.set('bluesky:accessJwt', token);
  return token;
}
