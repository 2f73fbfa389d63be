import { z } from 'zod';
import type { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import type { Source, SourceQuery } from '../../models/source.js';
import { count, finishPost, instant, PageBuilder, primaryLang } from './mapping.js';
import { advanceSweep, compareNumericIds, readSweep, sweepToCursor } from './sweep.js';
import type { Collector, CollectorContext, CollectorCursor, MappingContext, Page, Rejected } from './types.js';

const PAGE = 100;
/** Recent search covers the last seven days; asking for more is a 400. */
const RECENT_WINDOW_MS = 7 * 86_400_000 - 60_000;

const PublicMetrics = z.looseObject({
  retweet_count: z.number().nullish(),
  reply_count: z.number().nullish(),
  like_count: z.number().nullish(),
  quote_count: z.number().nullish(),
  impression_count: z.number().nullish(),
});

/** A Tweet object of API v2 with the fields escucha asks for (docs.x.com, "Tweet object"). */
const Tweet = z.looseObject({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  created_at: z.string(),
  author_id: z.string(),
  lang: z.string().nullish(),
  public_metrics: PublicMetrics.nullish(),
  entities: z
    .looseObject({
      hashtags: z.array(z.looseObject({ tag: z.string() })).nullish(),
      mentions: z.array(z.looseObject({ username: z.string() })).nullish(),
      urls: z.array(z.looseObject({ expanded_url: z.string().nullish(), url: z.string().nullish() })).nullish(),
    })
    .nullish(),
});

/** A User object from `includes.users` (expansions=author_id). */
const User = z.looseObject({
  id: z.string(),
  username: z.string(),
  name: z.string().nullish(),
  verified: z.boolean().nullish(),
  location: z.string().nullish(),
  public_metrics: z.looseObject({ followers_count: z.number().nullish() }).nullish(),
});
type User = z.infer<typeof User>;

/** Maps one v2 Tweet (with its expanded author, if any) to a Post. */
export function xTweetToPost(raw: unknown, users: ReadonlyMap<string, User>, context: MappingContext): { post: Post } | { rejected: Rejected } {
  const parsed = Tweet.safeParse(raw);
  const rawId = (raw as { id?: unknown } | null)?.id;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { rejected: { reason: `tweet ${issue.path.join('.')}: ${issue.message}`, externalId: typeof rawId === 'string' ? rawId : undefined } };
  }
  const t = parsed.data;
  const createdAt = instant(t.created_at);
  if (!createdAt) return { rejected: { reason: `created_at "${t.created_at}" is not a date`, externalId: t.id } };
  const user = users.get(t.author_id);
  const metrics = t.public_metrics ?? {};
  const observedAt = context.now.toISOString();
  return finishPost({
    platform: 'x',
    externalId: t.id,
    url: `https://x.com/${user?.username ?? 'i'}/status/${t.id}`,
    text: t.text,
    lang: primaryLang(t.lang),
    createdAt,
    collectedAt: observedAt,
    author: {
      id: pseudonymize(context.secret, 'x', t.author_id),
      handle: user?.username ?? null,
      name: user?.name ?? null,
      followers: user?.public_metrics?.followers_count ?? null,
      verified: user?.verified ?? false,
      location: user?.location ?? null,
    },
    metrics: {
      likes: count(metrics.like_count),
      reposts: count(metrics.retweet_count),
      replies: count(metrics.reply_count),
      quotes: count(metrics.quote_count),
      views: typeof metrics.impression_count === 'number' ? count(metrics.impression_count) : null,
      observedAt,
    },
    hashtags: (t.entities?.hashtags ?? []).map((h) => h.tag),
    mentions: (t.entities?.mentions ?? []).map((m) => m.username),
    links: (t.entities?.urls ?? []).map((u) => u.expanded_url ?? u.url).filter((u): u is string => !!u),
    place: null,
    source: { kind: 'x', queryId: context.queryId },
  });
}

/** The search query of a source in X's operator syntax, originals only. */
export function xQuery(query: SourceQuery): string {
  const terms = [
    ...query.keywords.map((k) => (/\s/.test(k) ? `"${k}"` : k)),
    ...query.hashtags.map((h) => `#${h.replace(/^#/, '')}`),
    ...query.handles.map((h) => `from:${h.replace(/^@/, '')}`),
  ];
  const any = terms.length > 1 ? `(${terms.join(' OR ')})` : (terms[0] ?? '');
  return [any, query.language ? `lang:${query.language}` : '', '-is:retweet'].filter(Boolean).join(' ');
}

/**
 * X API v2 recent search (`GET /2/tweets/search/recent`), bearer token. Newest first: a sweep
 * pages with `next_token` down to the last stored tweet (`since_id`).
 */
export const x: Collector = {
  kind: 'x',
  defaultBaseUrl: 'https://api.x.com',
  requiredCredentials: () => ['X_BEARER_TOKEN'],
  validate(query: SourceQuery) {
    const problems: string[] = [];
    if (query.keywords.length + query.hashtags.length + query.handles.length === 0) {
      problems.push('X necesita palabras clave, hashtags o cuentas (needs keywords, hashtags or handles)');
    }
    if (xQuery(query).length > 512) problems.push('la consulta de X supera 512 caracteres (query longer than 512 characters)');
    return problems;
  },

  async collectPage(source: Source, stored: CollectorCursor | null, ctx: CollectorContext): Promise<Page> {
    const base = (source.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '');
    const cursor = readSweep(stored);
    const params = new URLSearchParams({
      query: xQuery(source.query),
      max_results: String(Math.max(10, Math.min(PAGE, ctx.remaining))),
      'tweet.fields': 'created_at,lang,public_metrics,geo,author_id,entities',
      expansions: 'author_id',
      'user.fields': 'public_metrics,location,verified',
    });
    if (cursor.high) params.set('since_id', cursor.high);
    else if (ctx.floor) {
      const earliest = ctx.now().getTime() - RECENT_WINDOW_MS;
      params.set('start_time', new Date(Math.max(ctx.floor.getTime(), earliest)).toISOString());
    }
    if (cursor.sweep) params.set('next_token', cursor.sweep.next);
    const response = await ctx.http.json({
      platform: 'x',
      url: `${base}/2/tweets/search/recent?${params}`,
      headers: { authorization: `Bearer ${ctx.credential('X_BEARER_TOKEN')}` },
      credentialNoun: { es: 'el token', en: 'token' },
    });
    const body = response.data as { data?: unknown; includes?: { users?: unknown }; meta?: { newest_id?: unknown; next_token?: unknown } };
    const users = new Map<string, User>();
    for (const raw of Array.isArray(body?.includes?.users) ? body.includes.users : []) {
      const user = User.safeParse(raw);
      if (user.success) users.set(user.data.id, user.data);
    }
    const tweets = Array.isArray(body?.data) ? body.data : [];
    const context = { secret: ctx.secret, now: ctx.now(), queryId: source.id };
    const page = new PageBuilder();
    const ids: string[] = [];
    for (const raw of tweets) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && /^\d+$/.test(id)) ids.push(id);
      page.add(xTweetToPost(raw, users, context));
    }
    ids.sort(compareNumericIds);
    const newest = typeof body?.meta?.newest_id === 'string' ? body.meta.newest_id : (ids.at(-1) ?? null);
    const next = typeof body?.meta?.next_token === 'string' ? body.meta.next_token : null;
    const step = advanceSweep(cursor, { newest, next, reachedEnd: false }, compareNumericIds);
    return { items: page.items, rejected: page.rejected, nextCursor: sweepToCursor(step.cursor), done: step.done };
  },
};
