import { z } from 'zod';
import type { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import type { Source, SourceQuery } from '../../models/source.js';
import { hashtagsIn, linksIn, mentionsIn } from './entities.js';
import { HttpStatusError, RateLimitedError } from './errors.js';
import type { HttpRequest } from './http.js';
import { finishPost, htmlToText, instant, PageBuilder } from './mapping.js';
import { nextQuotaReset } from './quota.js';
import { advanceSweep, compareInstants, readSweep, sweepToCursor } from './sweep.js';
import type { Collector, CollectorContext, CollectorCursor, MappingContext, Page, Rejected } from './types.js';

/** Quota costs in units (developers.google.com/youtube/v3/determine_quota_cost). */
export const QUOTA_COST = { search: 100, videos: 1, commentThreads: 1 } as const;
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const KEY = { es: 'la clave de API (YOUTUBE_API_KEY)', en: 'API key' };

const SearchResult = z.looseObject({
  id: z.looseObject({ kind: z.literal('youtube#video'), videoId: z.string() }),
  snippet: z.looseObject({
    publishedAt: z.string(),
    channelId: z.string(),
    title: z.string(),
    description: z.string().nullish(),
    channelTitle: z.string().nullish(),
  }),
});
const Statistics = z.looseObject({
  viewCount: z.string().nullish(),
  likeCount: z.string().nullish(),
  commentCount: z.string().nullish(),
});
type Statistics = z.infer<typeof Statistics>;

const CommentThread = z.looseObject({
  id: z.string(),
  snippet: z.looseObject({
    videoId: z.string(),
    totalReplyCount: z.number().nullish(),
    topLevelComment: z.looseObject({
      id: z.string(),
      snippet: z.looseObject({
        authorDisplayName: z.string().nullish(),
        authorChannelId: z.looseObject({ value: z.string() }).nullish(),
        textDisplay: z.string().nullish(),
        textOriginal: z.string().nullish(),
        likeCount: z.number().nullish(),
        publishedAt: z.string(),
      }),
    }),
  }),
});

/** Maps a `search.list` result (a video) and its `videos.list` statistics to a Post. */
export function youtubeVideoToPost(raw: unknown, stats: Statistics | undefined, context: MappingContext): { post: Post } | { rejected: Rejected } {
  const parsed = SearchResult.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { rejected: { reason: `search result ${issue.path.join('.')}: ${issue.message}` } };
  }
  const { id, snippet } = parsed.data;
  const createdAt = instant(snippet.publishedAt);
  if (!createdAt) return { rejected: { reason: `publishedAt "${snippet.publishedAt}" is not a date`, externalId: id.videoId } };
  // search.list returns titles and descriptions HTML-escaped.
  const title = htmlToText(snippet.title);
  const description = htmlToText(snippet.description ?? '');
  const text = description ? `${title}\n\n${description}` : title;
  const observedAt = context.now.toISOString();
  return finishPost({
    platform: 'youtube',
    externalId: id.videoId,
    url: `https://www.youtube.com/watch?v=${id.videoId}`,
    text,
    lang: null,
    createdAt,
    collectedAt: observedAt,
    author: {
      id: pseudonymize(context.secret, 'youtube', snippet.channelId),
      handle: null,
      name: snippet.channelTitle ?? null,
      followers: null,
      verified: false,
      location: null,
    },
    metrics: {
      likes: toCount(stats?.likeCount),
      reposts: 0,
      replies: toCount(stats?.commentCount),
      quotes: 0,
      views: stats?.viewCount == null ? null : toCount(stats.viewCount),
      observedAt,
    },
    hashtags: hashtagsIn(text),
    mentions: mentionsIn(text),
    links: linksIn(text).slice(0, 100),
    place: null,
    source: { kind: 'youtube', queryId: context.queryId },
  });
}

/** Maps a `commentThreads.list` item (its top-level comment) to a Post. */
export function youtubeCommentToPost(raw: unknown, context: MappingContext): { post: Post } | { rejected: Rejected } {
  const parsed = CommentThread.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const id = (raw as { id?: unknown } | null)?.id;
    return { rejected: { reason: `comment thread ${issue.path.join('.')}: ${issue.message}`, externalId: typeof id === 'string' ? id : undefined } };
  }
  const thread = parsed.data.snippet;
  const comment = thread.topLevelComment;
  const c = comment.snippet;
  const createdAt = instant(c.publishedAt);
  if (!createdAt) return { rejected: { reason: `publishedAt "${c.publishedAt}" is not a date`, externalId: comment.id } };
  const text = c.textOriginal ?? htmlToText(c.textDisplay ?? '');
  const observedAt = context.now.toISOString();
  const handle = c.authorDisplayName?.startsWith('@') ? c.authorDisplayName.slice(1) : null;
  return finishPost({
    platform: 'youtube',
    externalId: comment.id,
    url: `https://www.youtube.com/watch?v=${thread.videoId}&lc=${comment.id}`,
    text,
    lang: null,
    createdAt,
    collectedAt: observedAt,
    author: {
      id: pseudonymize(context.secret, 'youtube', c.authorChannelId?.value ?? c.authorDisplayName ?? 'unknown'),
      handle,
      name: c.authorDisplayName ?? null,
      followers: null,
      verified: false,
      location: null,
    },
    metrics: { likes: toCount(c.likeCount), reposts: 0, replies: toCount(thread.totalReplyCount), quotes: 0, views: null, observedAt },
    hashtags: hashtagsIn(text),
    mentions: mentionsIn(text),
    links: linksIn(text).slice(0, 100),
    place: null,
    source: { kind: 'youtube', queryId: context.queryId },
  });
}

/**
 * YouTube Data API v3 with an API key. Keywords: `search.list` for videos (100 units a page,
 * newest first from the last stored `publishedAt`) plus `videos.list` for their statistics
 * (1 unit). A video id in `channel`: its comments with `commentThreads.list` (1 unit a page).
 * Units are counted on the source (`quotaUsed`), the run stops before passing the daily quota.
 */
export const youtube: Collector = {
  kind: 'youtube',
  defaultBaseUrl: 'https://www.googleapis.com',
  requiredCredentials: () => ['YOUTUBE_API_KEY'],
  validate(query: SourceQuery) {
    if (query.channel && !VIDEO_ID.test(query.channel)) return [`"${query.channel}" no es un id de video (not a video id)`];
    if (!query.channel && query.keywords.length + query.hashtags.length === 0) {
      return ['YouTube necesita palabras clave o un id de video en channel (needs keywords or a video id)'];
    }
    return [];
  },

  async collectPage(source: Source, stored: CollectorCursor | null, ctx: CollectorContext): Promise<Page> {
    const base = `${(source.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '')}/youtube/v3`;
    const cursor = readSweep(stored);
    const key = ctx.credential('YOUTUBE_API_KEY')!;
    const context = { secret: ctx.secret, now: ctx.now(), queryId: source.id };
    const page = new PageBuilder();
    const times: string[] = [];
    let reachedEnd = false;
    let next: string | null;

    if (source.query.channel) {
      const params = new URLSearchParams({ part: 'snippet', videoId: source.query.channel, order: 'time', maxResults: '100', textFormat: 'plainText', key });
      if (cursor.sweep) params.set('pageToken', cursor.sweep.next);
      const body = await call(ctx, QUOTA_COST.commentThreads, `${base}/commentThreads?${params}`);
      for (const raw of body.items) {
        const result = youtubeCommentToPost(raw, context);
        if ('post' in result) {
          times.push(result.post.createdAt);
          const old = (cursor.high && compareInstants(result.post.createdAt, cursor.high) <= 0) || (ctx.floor && Date.parse(result.post.createdAt) < ctx.floor.getTime());
          if (old) {
            reachedEnd = true;
            continue;
          }
        }
        page.add(result);
      }
      next = body.nextPageToken;
    } else {
      const params = new URLSearchParams({
        part: 'snippet',
        type: 'video',
        order: 'date',
        maxResults: String(Math.max(1, Math.min(50, ctx.remaining))),
        q: [...source.query.keywords.map((k) => (/\s/.test(k) ? `"${k}"` : k)), ...source.query.hashtags.map((h) => `#${h.replace(/^#/, '')}`)].join('|'),
        key,
      });
      const after = cursor.high ?? ctx.floor?.toISOString();
      if (after) params.set('publishedAfter', after);
      if (source.query.language) params.set('relevanceLanguage', source.query.language);
      if (source.query.countries.length === 1) params.set('regionCode', source.query.countries[0]!);
      if (cursor.sweep) params.set('pageToken', cursor.sweep.next);
      const body = await call(ctx, QUOTA_COST.search, `${base}/search?${params}`);
      const videoIds = body.items
        .map((item) => (item as { id?: { videoId?: unknown } }).id?.videoId)
        .filter((id): id is string => typeof id === 'string');
      const stats = new Map<string, Statistics>();
      if (videoIds.length > 0) {
        const statsBody = await call(ctx, QUOTA_COST.videos, `${base}/videos?${new URLSearchParams({ part: 'statistics', id: videoIds.join(','), key })}`);
        for (const video of statsBody.items) {
          const v = video as { id?: unknown; statistics?: unknown };
          const parsed = Statistics.safeParse(v.statistics);
          if (typeof v.id === 'string' && parsed.success) stats.set(v.id, parsed.data);
        }
      }
      for (const raw of body.items) {
        const id = (raw as { id?: { videoId?: unknown } }).id?.videoId;
        const result = youtubeVideoToPost(raw, typeof id === 'string' ? stats.get(id) : undefined, context);
        if ('post' in result) times.push(result.post.createdAt);
        page.add(result);
      }
      next = body.nextPageToken;
    }
    times.sort(compareInstants);
    const step = advanceSweep(cursor, { newest: times.at(-1) ?? null, next, reachedEnd }, compareInstants);
    return { items: page.items, rejected: page.rejected, nextCursor: sweepToCursor(step.cursor), done: step.done };
  },
};

/** One API call: spends its units first, maps a quotaExceeded 403 to a wait until the reset. */
async function call(ctx: CollectorContext, units: number, url: string): Promise<{ items: unknown[]; nextPageToken: string | null }> {
  ctx.quota.spend(units);
  const request: HttpRequest = { platform: 'youtube', url, credentialNoun: KEY };
  try {
    const response = await ctx.http.json(request);
    const body = response.data as { items?: unknown; nextPageToken?: unknown } | null;
    return {
      items: Array.isArray(body?.items) ? body.items : [],
      nextPageToken: typeof body?.nextPageToken === 'string' ? body.nextPageToken : null,
    };
  } catch (error) {
    if (error instanceof HttpStatusError && error.httpStatus === 403 && /quota/i.test(error.detail)) {
      throw new RateLimitedError('youtube', nextQuotaReset(ctx.now()), 'agotó la cuota diaria (quotaExceeded)', 'daily quota spent');
    }
    throw error;
  }
}

function toCount(value: string | number | null | undefined): number {
  const n = typeof value === 'string' ? Number(value) : (value ?? 0);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0;
}
