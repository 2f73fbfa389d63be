import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import type { Source, SourceQuery } from '../../models/source.js';
import { hashtagsIn, linksIn, mentionsIn } from './entities.js';
import { compileQuery, fold, finishPost, htmlToText, instant, PageBuilder, primaryLang } from './mapping.js';
import type { Collector, CollectorContext, CollectorCursor, MappingContext, Page, Rejected } from './types.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
});

/** A feed's items with the channel facts items inherit (outlet, language). */
export interface ParsedFeed {
  title: string | null;
  link: string | null;
  language: string | null;
  items: Record<string, unknown>[];
}

/** Reads RSS 2.0 or Atom; throws on XML that is not well formed or not a feed. */
export function parseFeed(xml: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`XML inválido: ${valid.err.msg} (línea ${valid.err.line})`);
  const doc = parser.parse(xml) as Record<string, Record<string, unknown> | undefined>;
  const channel = doc.rss?.channel as Record<string, unknown> | undefined;
  if (channel) {
    return {
      title: textOf(channel.title),
      link: firstLink(channel.link),
      language: textOf(channel.language),
      items: (channel.item as Record<string, unknown>[] | undefined) ?? [],
    };
  }
  const feed = doc.feed;
  if (feed) {
    return {
      title: textOf(feed.title),
      link: firstLink(feed.link),
      language: textOf(feed['@_xml:lang']),
      items: (feed.entry as Record<string, unknown>[] | undefined) ?? [],
    };
  }
  throw new Error('no es un feed RSS ni Atom (no <rss><channel> or <feed>)');
}

/**
 * Maps one RSS `<item>` or Atom `<entry>` to a Post. News items are media mentions: the author
 * is the outlet (Google News' `<source>`, else the item's author, else the feed), pseudonymised
 * like any author; text is the headline and the summary.
 */
export function feedItemToPost(
  item: Record<string, unknown>,
  feed: Omit<ParsedFeed, 'items'>,
  context: MappingContext,
): { post: Post } | { rejected: Rejected } {
  const title = textOf(item.title);
  const link = firstLink(item.link);
  const guid = textOf(item.guid) ?? textOf(item.id);
  const createdAt = instant(
    textOf(item.pubDate) ?? textOf(item.published) ?? textOf(item.updated) ?? textOf(item['dc:date']),
  );
  const summaryHtml = textOf(item.description) ?? textOf(item.summary) ?? textOf(item.content) ?? textOf(item['content:encoded']);
  const summary = summaryHtml ? htmlToText(summaryHtml) : '';
  const externalId = guid ?? link ?? (title ? `h_${createHash('sha256').update(`${title}\u0000${createdAt}`).digest('hex').slice(0, 24)}` : null);
  if (!externalId) return { rejected: { reason: 'item without guid, link or title' } };
  if (!createdAt) return { rejected: { reason: 'item without a readable date (pubDate/published/updated)', externalId } };
  if (!title && !summary) return { rejected: { reason: 'item without title or description', externalId } };
  const text = headlineAndSummary(title, summary);

  const source = item.source as Record<string, unknown> | string | undefined;
  const outletName = textOf(source) ?? textOf(item['dc:creator']) ?? authorName(item.author) ?? feed.title;
  const outletUrl = (typeof source === 'object' ? textOf(source['@_url']) : null) ?? feed.link ?? link;
  const observedAt = context.now.toISOString();
  return finishPost({
    platform: 'rss',
    externalId,
    url: link,
    text,
    lang: primaryLang(feed.language),
    createdAt,
    collectedAt: observedAt,
    author: {
      id: pseudonymize(context.secret, 'rss', outletUrl ?? outletName ?? 'unknown'),
      handle: outletUrl ? hostOf(outletUrl) : null,
      name: outletName,
      followers: null,
      verified: false,
      location: null,
    },
    metrics: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null, observedAt },
    hashtags: hashtagsIn(text),
    mentions: mentionsIn(text),
    links: [...new Set([...(link ? [link] : []), ...linksIn(summaryHtml ?? '')])].slice(0, 100),
    place: null,
    source: { kind: 'rss', queryId: context.queryId },
  });
}

/**
 * Any RSS 2.0 or Atom feed (`query.channel` is its URL), news search feeds included. One request
 * per run, conditional on the ETag / Last-Modified of the previous one; items are de-duplicated
 * by guid in the store. Keywords or hashtags, if given, filter items locally.
 */
export const rss: Collector = {
  kind: 'rss',
  defaultBaseUrl: '',
  requiredCredentials: () => [],
  validate(query: SourceQuery) {
    if (!query.channel) return ['RSS necesita la URL del feed en channel (needs the feed URL as channel)'];
    try {
      const url = new URL(query.channel);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    } catch {
      return [`"${query.channel}" no es una URL http(s) (not an http(s) URL)`];
    }
    return [];
  },

  async collectPage(source: Source, cursor: CollectorCursor | null, ctx: CollectorContext): Promise<Page> {
    const url = feedUrl(source);
    const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' };
    if (typeof cursor?.etag === 'string') headers['if-none-match'] = cursor.etag;
    if (typeof cursor?.lastModified === 'string') headers['if-modified-since'] = cursor.lastModified;
    const response = await ctx.http.parsed({ platform: 'rss', url, headers, accept: [304] }, parseFeed);
    if (response.status === 304) return { items: [], rejected: [], nextCursor: cursor, done: true };
    const { items, ...feed } = response.data;
    const context = { secret: ctx.secret, now: ctx.now(), queryId: source.id };
    const page = new PageBuilder();
    const matches = compileQuery({ ...source.query, language: null });
    for (const item of items) {
      const result = feedItemToPost(item, feed, context);
      if ('post' in result) {
        if (!matches(result.post)) continue;
        if (ctx.floor && Date.parse(result.post.createdAt) < ctx.floor.getTime()) continue;
      }
      page.add(result);
    }
    return {
      items: page.items.slice(0, Math.max(ctx.remaining, 0)),
      rejected: page.rejected,
      nextCursor: {
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      },
      done: true,
    };
  },
};

/** The feed URL; a `baseUrl` replaces its origin (tests, mirrors, self-hosted RSS bridges). */
export function feedUrl(source: Pick<Source, 'baseUrl' | 'query'>): string {
  const channel = source.query.channel ?? '';
  if (!source.baseUrl) return channel;
  const original = new URL(channel, source.baseUrl);
  const base = new URL(source.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}

/** Headline and summary, once: news search feeds repeat the headline as the summary. */
function headlineAndSummary(title: string | null, summary: string): string {
  if (!title) return summary;
  const bare = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
  if (!summary || bare(title).includes(bare(summary))) return title;
  if (bare(summary).includes(bare(title))) return summary;
  return `${title}\n\n${summary}`;
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const text = (value as Record<string, unknown>)['#text'];
    if (typeof text === 'string' || typeof text === 'number') return String(text).trim() || null;
  }
  return null;
}

/** RSS `<link>text</link>` or the Atom `<link href rel="alternate">` (first, or the alternate). */
function firstLink(value: unknown): string | null {
  const links = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const atom = links.filter((l): l is Record<string, unknown> => typeof l === 'object' && l !== null && '@_href' in l);
  const alternate = atom.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? atom[0];
  if (alternate) return textOf(alternate['@_href']);
  for (const link of links) {
    const text = textOf(link);
    if (text) return text;
  }
  return null;
}

function authorName(value: unknown): string | null {
  if (value && typeof value === 'object' && 'name' in value) return textOf((value as { name: unknown }).name);
  return textOf(value);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return null;
  }
}
