import * as cheerio from 'cheerio';
import { z } from 'zod';
import { pseudonymize } from '../../models/pseudonym.js';
import type { Source, SourceQuery } from '../../models/source.js';
import { linksIn } from './entities.js';
import { count, finishPost, htmlToText, instant, PageBuilder, primaryLang, str } from './mapping.js';
import { advanceSweep, compareNumericIds, readSweep, sweepToCursor } from './sweep.js';
import type { Collector, CollectorContext, CollectorCursor, MappingContext, Page, Rejected } from './types.js';
import type { Post } from '../../models/post.js';

const PAGE = 40;

/** The fields of Mastodon's Status entity escucha reads (docs.joinmastodon.org/entities/Status). */
const Status = z.looseObject({
  id: z.string().min(1),
  uri: z.string().min(1),
  url: z.string().nullish(),
  created_at: z.string(),
  content: z.string(),
  spoiler_text: z.string().nullish(),
  language: z.string().nullish(),
  replies_count: z.number().nullish(),
  reblogs_count: z.number().nullish(),
  favourites_count: z.number().nullish(),
  quotes_count: z.number().nullish(),
  account: z.looseObject({
    id: z.string(),
    acct: z.string(),
    url: z.string().nullish(),
    display_name: z.string().nullish(),
    followers_count: z.number().nullish(),
  }),
  tags: z.array(z.looseObject({ name: z.string() })).nullish(),
  mentions: z.array(z.looseObject({ acct: z.string() })).nullish(),
  card: z.looseObject({ url: z.string().nullish() }).nullish(),
});
type Status = z.infer<typeof Status>;

/**
 * Maps one Mastodon Status to a Post. The external id is the status URI, the same on every
 * instance, so one status seen through two instances is stored once. `instanceHost` completes
 * local handles when the account URL does not (`ana` → `ana@mastodon.social`).
 */
export function mastodonStatusToPost(raw: unknown, instanceHost: string, context: MappingContext): { post: Post } | { rejected: Rejected } {
  const candidate = (raw as { reblog?: unknown } | null)?.reblog ?? raw;
  const parsed = Status.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { rejected: { reason: `status ${issue.path.join('.')}: ${issue.message}`, externalId: idOf(raw) } };
  }
  const s: Status = parsed.data;
  const createdAt = instant(s.created_at);
  if (!createdAt) return { rejected: { reason: `created_at "${s.created_at}" is not a date`, externalId: s.id } };
  const body = htmlToText(s.content);
  const text = s.spoiler_text ? `${s.spoiler_text}\n\n${body}` : body;
  const home = s.account.url && URL.canParse(s.account.url) ? new URL(s.account.url).host : null;
  const acct = s.account.acct.includes('@') ? s.account.acct : `${s.account.acct}@${home ?? instanceHost}`;
  const observedAt = context.now.toISOString();
  return finishPost({
    platform: 'mastodon',
    externalId: s.uri,
    url: str(s.url) ?? s.uri,
    text,
    lang: primaryLang(s.language),
    createdAt,
    collectedAt: observedAt,
    author: {
      id: pseudonymize(context.secret, 'mastodon', str(s.account.url) ?? acct),
      handle: acct,
      name: str(s.account.display_name),
      followers: s.account.followers_count ?? null,
      verified: false,
      location: null,
    },
    metrics: {
      likes: count(s.favourites_count),
      reposts: count(s.reblogs_count),
      replies: count(s.replies_count),
      quotes: count(s.quotes_count),
      views: null,
      observedAt,
    },
    hashtags: (s.tags ?? []).map((tag) => tag.name),
    mentions: (s.mentions ?? []).map((mention) => mention.acct),
    links: contentLinks(s.content, s.card?.url ?? null),
    place: null,
    source: { kind: 'mastodon', queryId: context.queryId },
  });
}

/** Links of the content, without the hashtag and mention links Mastodon renders as anchors. */
function contentLinks(html: string, cardUrl: string | null): string[] {
  const $ = cheerio.load(html);
  const links = $('a[href]')
    .filter((_, a) => !/\b(mention|hashtag)\b/.test($(a).attr('class') ?? '') && $(a).attr('rel') !== 'tag')
    .map((_, a) => $(a).attr('href')!)
    .get();
  const all = [...links, ...(cardUrl ? [cardUrl] : []), ...linksIn(htmlToText(html))];
  return [...new Set(all)].filter((link) => /^https?:\/\//.test(link)).slice(0, 100);
}

function idOf(raw: unknown): string | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** `max_id` of the Link header's rel="next" (docs.joinmastodon.org/api/guidelines/#pagination). */
export function nextMaxId(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return new URL(match[1]!).searchParams.get('max_id');
  }
  return null;
}

/**
 * Hashtag timelines (`GET /api/v1/timelines/tag/:hashtag` with `any[]` for the other tags) or,
 * for keywords, `GET /api/v2/search?type=statuses` (the instance's full-text search; it needs
 * MASTODON_TOKEN on most instances). Newest first, walked back with `max_id` down to the last
 * status stored (`since_id`).
 */
export const mastodon: Collector = {
  kind: 'mastodon',
  defaultBaseUrl: 'https://mastodon.social',
  requiredCredentials: () => [],
  validate(query: SourceQuery) {
    return query.hashtags.length === 0 && query.keywords.length === 0
      ? ['Mastodon necesita hashtags o palabras clave (needs hashtags or keywords)']
      : [];
  },

  async collectPage(source: Source, stored: CollectorCursor | null, ctx: CollectorContext): Promise<Page> {
    const base = (source.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '');
    const cursor = readSweep(stored);
    const limit = Math.max(1, Math.min(PAGE, ctx.remaining));
    const params = new URLSearchParams({ limit: String(limit) });
    if (cursor.high) params.set('since_id', cursor.high);
    if (cursor.sweep) params.set('max_id', cursor.sweep.next);
    let url: string;
    const tags = source.query.hashtags.map((tag) => tag.replace(/^#/, ''));
    if (tags.length > 0) {
      for (const tag of tags.slice(1)) params.append('any[]', tag);
      url = `${base}/api/v1/timelines/tag/${encodeURIComponent(tags[0]!)}?${params}`;
    } else {
      params.set('q', source.query.keywords.join(' '));
      params.set('type', 'statuses');
      if (cursor.high) params.set('min_id', cursor.high);
      url = `${base}/api/v2/search?${params}`;
    }
    const token = ctx.credential('MASTODON_TOKEN');
    const response = await ctx.http.json({
      platform: 'mastodon',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      credentialNoun: { es: 'el token de MASTODON_TOKEN', en: 'MASTODON_TOKEN' },
    });
    const data = response.data as { statuses?: unknown } | unknown[];
    const statuses = Array.isArray(data) ? data : Array.isArray((data as { statuses?: unknown }).statuses) ? ((data as { statuses: unknown[] }).statuses) : null;
    const page = new PageBuilder();
    if (!statuses) {
      page.reject('the response is not a list of statuses');
      return { items: [], rejected: page.rejected, nextCursor: sweepToCursor(cursor), done: true };
    }
    const host = new URL(base).host;
    const context = { secret: ctx.secret, now: ctx.now(), queryId: source.id };
    const ids: string[] = [];
    let reachedEnd = false;
    for (const raw of statuses) {
      const id = idOf(raw);
      if (id) ids.push(id);
      if (id && cursor.high && compareNumericIds(id, cursor.high) <= 0) {
        reachedEnd = true;
        continue;
      }
      const result = mastodonStatusToPost(raw, host, context);
      if ('post' in result && ctx.floor && Date.parse(result.post.createdAt) < ctx.floor.getTime()) {
        reachedEnd = true;
        continue;
      }
      page.add(result);
    }
    ids.sort(compareNumericIds);
    const oldest = ids[0] ?? null;
    const next = nextMaxId(response.headers.get('link')) ?? (statuses.length >= limit ? oldest : null);
    const step = advanceSweep(cursor, { newest: ids.at(-1) ?? null, next, reachedEnd }, compareNumericIds);
    return { items: page.items, rejected: page.rejected, nextCursor: sweepToCursor(step.cursor), done: step.done };
  },
};
