import * as cheerio from 'cheerio';
import type { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import type { Source, SourceQuery } from '../../models/source.js';
import { hashtagsIn, mentionsIn } from './entities.js';
import { CollectorError } from './errors.js';
import { compileQuery, finishPost, htmlToText, instant, PageBuilder, parseCompactCount } from './mapping.js';
import { advanceSweep, compareNumericIds, readSweep, sweepToCursor } from './sweep.js';
import type { Collector, CollectorContext, CollectorCursor, MappingContext, Page, Rejected } from './types.js';

/** A channel preview page, read: the channel's facts and its messages' HTML, oldest first. */
export interface PreviewPage {
  channel: { username: string; title: string | null; subscribers: number | null; verified: boolean };
  messages: { id: string; html: string }[];
  /** `data-before` of the "more" link: the id to ask `?before=` for older messages. */
  before: string | null;
  /** The page is the channel's contact card: Telegram shows no public preview for it. */
  notPublic: boolean;
}

const CHANNEL_NAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/**
 * Reads a `t.me/s/{channel}` page. A private or unknown channel redirects to its contact card
 * (`notPublic`). Throws when the page has neither the channel header nor any message nor that
 * card, which means Telegram changed its layout (or served something else).
 */
export function parsePreviewPage(html: string, channel: string): PreviewPage {
  const $ = cheerio.load(html);
  const info = $('.tgme_channel_info');
  const nodes = $('.tgme_widget_message[data-post]');
  const empty = { channel: { username: channel, title: null, subscribers: null, verified: false }, messages: [], before: null };
  if (info.length === 0 && nodes.length === 0 && $('.tgme_page .tgme_page_title').length > 0) return { ...empty, notPublic: true };
  if (info.length === 0 && nodes.length === 0) {
    throw new Error('la página no tiene el formato de t.me/s (sin .tgme_channel_info ni .tgme_widget_message; layout changed)');
  }
  let subscribers: number | null = null;
  info.find('.tgme_channel_info_counter').each((_, counter) => {
    if (/subscriber|suscriptor/i.test($(counter).find('.counter_type').text())) {
      subscribers = parseCompactCount($(counter).find('.counter_value').text());
    }
  });
  const messages = nodes
    .filter((_, node) => !$(node).hasClass('service_message'))
    .map((_, node) => ({ id: ($(node).attr('data-post') ?? '').split('/')[1] ?? '', html: $.html(node) }))
    .get();
  const more = $('a.tme_messages_more[data-before]').attr('data-before');
  return {
    channel: {
      username: channel,
      title: info.find('.tgme_channel_info_header_title').first().text().trim() || null,
      subscribers,
      verified: info.find('.verified-icon').length > 0,
    },
    messages,
    before: more && /^\d+$/.test(more) ? more : null,
    notPublic: false,
  };
}

/** Maps one `.tgme_widget_message` of a preview page to a Post: text, date, views. */
export function telegramMessageToPost(
  message: { id: string; html: string },
  channel: PreviewPage['channel'],
  context: MappingContext,
): { post: Post } | { rejected: Rejected } {
  const $ = cheerio.load(message.html);
  const externalId = `${channel.username.toLowerCase()}/${message.id}`;
  if (!/^\d+$/.test(message.id)) return { rejected: { reason: 'message without a numeric id in data-post', externalId } };
  const createdAt = instant($('.tgme_widget_message_date time[datetime]').attr('datetime'));
  if (!createdAt) return { rejected: { reason: 'message without a date (time[datetime])', externalId } };
  const body = $('.tgme_widget_message_text').first();
  const text = body.length > 0 ? htmlToText(body.html() ?? '') : '';
  if (!text) return { rejected: { reason: 'message without text (media only)', externalId } };
  const links = body
    .find('a[href]')
    .map((_, a) => $(a).attr('href')!)
    .get()
    .filter((href) => /^https?:\/\//.test(href) && !/^https?:\/\/t\.me\/s\//.test(href));
  const observedAt = context.now.toISOString();
  return finishPost({
    platform: 'telegram',
    externalId,
    url: `https://t.me/${channel.username}/${message.id}`,
    text,
    lang: null,
    createdAt,
    collectedAt: observedAt,
    author: {
      id: pseudonymize(context.secret, 'telegram', channel.username.toLowerCase()),
      handle: channel.username,
      name: channel.title,
      followers: channel.subscribers,
      verified: channel.verified,
      location: null,
    },
    metrics: {
      likes: 0,
      reposts: 0,
      replies: 0,
      quotes: 0,
      views: parseCompactCount($('.tgme_widget_message_views').first().text()),
      observedAt,
    },
    hashtags: hashtagsIn(text),
    mentions: mentionsIn(text),
    links: [...new Set(links)].slice(0, 100),
    place: null,
    source: { kind: 'telegram', queryId: context.queryId },
  });
}

/**
 * Public channels through their web preview (`t.me/s/{channel}`, `?before=` for older pages);
 * nothing that needs an account. Keywords or hashtags, if given, filter messages locally.
 */
export const telegram: Collector = {
  kind: 'telegram',
  defaultBaseUrl: 'https://t.me',
  requiredCredentials: () => [],
  validate(query: SourceQuery) {
    const name = query.channel?.replace(/^@|^https?:\/\/t\.me\/(s\/)?/g, '') ?? '';
    return CHANNEL_NAME.test(name) ? [] : ['Telegram necesita el nombre de un canal público en channel (needs a public channel name)'];
  },

  async collectPage(source: Source, stored: CollectorCursor | null, ctx: CollectorContext): Promise<Page> {
    const base = (source.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, '');
    const channel = source.query.channel!.replace(/^@|^https?:\/\/t\.me\/(s\/)?/g, '');
    const cursor = readSweep(stored);
    const url = `${base}/s/${encodeURIComponent(channel)}${cursor.sweep ? `?before=${cursor.sweep.next}` : ''}`;
    const response = await ctx.http.parsed({ platform: 'telegram', url, headers: { accept: 'text/html' } }, (html) =>
      parsePreviewPage(html, channel),
    );
    if (response.data.notPublic || !new URL(response.url).pathname.startsWith('/s/')) {
      throw new CollectorError(
        `Telegram: el canal "${channel}" no es público o no existe (channel not public or not found)`,
        'COLLECT_HTTP_404',
      );
    }
    const preview = response.data;
    const context = { secret: ctx.secret, now: ctx.now(), queryId: source.id };
    const page = new PageBuilder();
    const matches = compileQuery({ ...source.query, language: null });
    const ids = preview.messages.map((m) => m.id).filter((id) => /^\d+$/.test(id)).sort(compareNumericIds);
    let reachedEnd = false;
    for (const message of [...preview.messages].reverse()) {
      if (cursor.high && /^\d+$/.test(message.id) && compareNumericIds(message.id, cursor.high) <= 0) {
        reachedEnd = true;
        continue;
      }
      const result = telegramMessageToPost(message, preview.channel, context);
      if ('post' in result) {
        if (ctx.floor && Date.parse(result.post.createdAt) < ctx.floor.getTime()) {
          reachedEnd = true;
          continue;
        }
        if (!matches(result.post)) continue;
      }
      page.add(result);
    }
    const step = advanceSweep(cursor, { newest: ids.at(-1) ?? null, next: preview.before, reachedEnd }, compareNumericIds);
    return { items: page.items, rejected: page.rejected, nextCursor: sweepToCursor(step.cursor), done: step.done };
  },
};
