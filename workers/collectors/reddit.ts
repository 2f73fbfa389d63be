import { z } from 'zod';
import type { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import type { Source, SourceQuery } from '../../models/source.js';
import { hashtagsIn, linksIn, mentionsIn } from './entities.js';
import { HttpStatusError } from './errors.js';
import { count, finishPost, PageBuilder } from './mapping.js';
import { advanceSweep, readSweep, sweepToCursor } from './sweep.js';
import type { Collector, CollectorContext, CollectorCursor, MappingContext, Page, Rejected } from './types.js';

const PAGE = 100;
const AUTH_BASE = 'https://www.reddit.com';

/** The `data` of a Listing child of kind t3 (a submission), fields escucha reads. */
const Submission = z.looseObject({
  id: z.string().regex(/^[0-9a-z]+$/),
  name: z.string(),
  title: z.string(),
  selftext: z.string().nullish(),
  author: z.string(),
  author_fullname: z.string().nullish(),
  subreddit: z.string(),
  created_utc: z.number(),
  permalink: z.string(),
  url: z.string().nullish(),
  score: z.number().nullish(),
  ups: z.number().nullish(),
  num_comments: z.number().nullish(),
  is_self: z.boolean().nullish(),
});

/** Maps one Listing child (`{ kind: 't3', data }`) to a Post. */
export function redditChildToPost(child: unknown, context: MappingContext): { post: Post } | { rejected: Rejected } {
  const data = (child as { data?: unknown } | null)?.data;
  const parsed = Submission.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = (data as { name?: unknown } | null)?.name;
    return { rejected: { reason: `submission ${issue.path.join('.')}: ${issue.message}`, externalId: typeof name === 'string' ? name : undefined } };
  }
  const s = parsed.data;
  const body = s.selftext && s.selftext !== '[removed]' && s.selftext !== '[deleted]' ? s.selftext : '';
  const text = body ? `${s.title}\n\n${body}` : s.title;
  const external = s.url && !s.is_self && /^https?:\/\//.test(s.url) ? [s.url] : [];
  const observedAt = context.now.toISOString();
  return finishPost({
    platform: 'reddit',
    externalId: s.name,
    url: `https://www.reddit.com${s.permalink}`,
    text,
    lang: null,
    createdAt: new Date(s.created_utc * 1000).toISOString(),
    collectedAt: observedAt,
    author: {
      id: pseudonymize(context.secret, 'reddit', s.author_fullname ?? `u/${s.author}`),
      handle: s.author === '[deleted]' ? null : s.author,
      name: null,
      followers: null,
      verified: false,
      location: null,
    },
    metrics: {
      likes: count(s.score ?? s.ups),
      reposts: 0,
      replies: count(s.num_comments),
      quotes: 0,
      views: null,
      observedAt,
    },
    hashtags: hashtagsIn(text),
    mentions: mentionsIn(text),
    links: [...new Set([...external, ...linksIn(text)])].slice(0, 100),
    place: null,
    source: { kind: 'reddit', queryId: context.queryId },
  });
}

/** Orders Reddit ids (base 36, increasing with time). */
export function compareRedditIds(a: string, b: string): number {
  const x = a.replace(/^t\d_/, '');
  const y = b.replace(/^t\d_/, '');
  return x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Reddit with an app-only OAuth token (`POST /api/v1/access_token`, client_credentials), then
 * `GET /search` (keywords) or `/r/{sub}/new` (channel = subreddit; with keywords, a search
 * restricted to it), sorted by new and paged with `after` down to the last stored post.
 */
export const reddit: Collector = {
  kind: 'reddit',
  defaultBaseUrl: 'https://oauth.reddit.com',
  requiredCredentials: () => ['REDDIT_CLIENT_ID', 'REDDIT_CLIENT_SECRET'],
  validate(query: SourceQuery) {
    const problems: string[] = [];
    if (query.keywords.length + query.hashtags.length === 0 && !query.channel) {
      problems.push('Reddit necesita palabras clave o un subreddit en channel (needs keywords or a subreddit)');
    }
    if (query.channel && !/^(r\/)?[A-Za-z0-9_]{2,21}$/.test(query.channel)) {
      problems.push(`"${query.channel}" no es un nombre de subreddit (not a subreddit name)`);
    }
    return problems;
  },

  async collectPage(source: Source, stored: CollectorCursor | null, ctx: CollectorContext): Promise<Page> {
    const api = (source.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '');
    const token = await accessToken(source, ctx);
    const cursor = readSweep(stored);
    const sub = source.query.channel?.replace(/^r\//, '') ?? null;
    const q = [...source.query.keywords.map((k) => (/\s/.test(k) ? `"${k}"` : k)), ...source.query.hashtags.map((h) => h.replace(/^#/, ''))].join(' OR ');
    const params = new URLSearchParams({ limit: String(Math.max(1, Math.min(PAGE, ctx.remaining))), raw_json: '1' });
    if (cursor.sweep) params.set('after', cursor.sweep.next);
    let path: string;
    if (q) {
      params.set('q', q);
      params.set('sort', 'new');
      params.set('type', 'link');
      if (sub) params.set('restrict_sr', '1');
      path = sub ? `/r/${sub}/search` : '/search';
    } else path = `/r/${sub}/new`;
    const response = await ctx.http.json({
      platform: 'reddit',
      url: `${api}${path}?${params}`,
      headers: { authorization: `Bearer ${token}` },
      credentialNoun: { es: 'el token de la aplicación', en: 'app token' },
    });
    const listing = (response.data as { data?: { children?: unknown; after?: unknown } } | null)?.data;
    const children = Array.isArray(listing?.children) ? listing.children : [];
    const context = { secret: ctx.secret, now: ctx.now(), queryId: source.id };
    const page = new PageBuilder();
    const names: string[] = [];
    let reachedEnd = false;
    for (const child of children) {
      const name = (child as { data?: { name?: unknown } } | null)?.data?.name;
      if (typeof name === 'string') names.push(name);
      if (typeof name === 'string' && cursor.high && compareRedditIds(name, cursor.high) <= 0) {
        reachedEnd = true;
        continue;
      }
      const result = redditChildToPost(child, context);
      if ('post' in result && ctx.floor && Date.parse(result.post.createdAt) < ctx.floor.getTime()) {
        reachedEnd = true;
        continue;
      }
      page.add(result);
    }
    names.sort(compareRedditIds);
    const next = typeof listing?.after === 'string' ? listing.after : null;
    const step = advanceSweep(cursor, { newest: names.at(-1) ?? null, next, reachedEnd }, compareRedditIds);
    return { items: page.items, rejected: page.rejected, nextCursor: sweepToCursor(step.cursor), done: step.done };
  },
};

/** App-only bearer token, fetched once per run. With a custom base URL, auth goes there too. */
async function accessToken(source: Source, ctx: CollectorContext): Promise<string> {
  const cached = ctx.session.get('reddit:token');
  if (typeof cached === 'string') return cached;
  const authBase = (source.baseUrl ?? AUTH_BASE).replace(/\/+$/, '');
  const basic = Buffer.from(`${ctx.credential('REDDIT_CLIENT_ID')}:${ctx.credential('REDDIT_CLIENT_SECRET')}`).toString('base64');
  const response = await ctx.http.json({
    platform: 'reddit',
    method: 'POST',
    url: `${authBase}/api/v1/access_token`,
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
    credentialNoun: { es: 'el id o el secreto de la aplicación', en: 'client id or secret' },
  });
  const token = (response.data as { access_token?: unknown } | null)?.access_token;
  if (typeof token !== 'string') {
    // Reddit answers 200 with {"error": "invalid_grant"} for some bad credentials.
    throw new HttpStatusError('reddit', 401, 'sin access_token en la respuesta', 1, { es: 'el id o el secreto de la aplicación', en: 'client id or secret' });
  }
  ctx.session.set('reddit:token', token);
  return token;
}
