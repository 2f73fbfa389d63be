import { fold } from '../../nlp/text/fold.js';
import * as cheerio from 'cheerio';
import { Post, type PostInput } from '../../models/post.js';
import type { SourceQuery } from '../../models/source.js';
import type { Rejected } from './types.js';

const MAX_TEXT = 40_000;

/** Validates a mapped post; a post the model refuses becomes a rejection with the field at fault. */
export function finishPost(draft: PostInput): { post: Post } | { rejected: Rejected } {
  const parsed = Post.safeParse({ ...draft, text: draft.text.slice(0, MAX_TEXT) });
  if (parsed.success) return { post: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { rejected: { reason: `${issue.path.join('.') || 'post'}: ${issue.message}`, externalId: draft.externalId } };
}

/** Collects finished posts and rejections of one page. */
export class PageBuilder {
  readonly items: Post[] = [];
  readonly rejected: Rejected[] = [];

  add(result: { post: Post } | { rejected: Rejected }): void {
    if ('post' in result) this.items.push(result.post);
    else this.rejected.push(result.rejected);
  }

  reject(reason: string, externalId?: string): void {
    this.rejected.push(externalId === undefined ? { reason } : { reason, externalId });
  }
}

/** Text of an HTML fragment, keeping paragraph and line breaks (Mastodon content, RSS bodies). */
export function htmlToText(html: string): string {
  const $ = cheerio.load(`<div id="root">${html}</div>`);
  $('br').replaceWith('\n');
  $('p').each((_, p) => {
    $(p).append('\n\n');
  });
  return $('#root')
    .text()
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Lower case without accents, so "Extorsión" matches "extorsion" (the analyser's folding). */
export { fold };

type QueryPost = { text: string; hashtags: readonly string[]; langs?: readonly string[] };
const NON_WORD = /[^\p{L}\p{N}#@]+/gu;

/**
 * Local filter for sources that cannot search server-side (Jetstream, RSS, Telegram): a post
 * matches when it has one of the hashtags or contains one of the keywords as whole words
 * (accent- and case-insensitive). An empty query matches everything; a language, if set, must
 * be among the post's languages when the post declares any. The query is folded once here, not
 * once per post: Jetstream calls the predicate for every event of the firehose.
 */
export function compileQuery(query: Pick<SourceQuery, 'hashtags' | 'keywords' | 'language'>): (post: QueryPost) => boolean {
  const wanted = query.language?.toLowerCase() ?? null;
  const hashtags = query.hashtags.map((tag) => fold(tag.replace(/^#/, '')));
  const keywords = query.keywords
    .map((keyword) => fold(keyword).replace(NON_WORD, ' ').trim())
    .filter((words) => words !== '')
    .map((words) => ` ${words} `);
  const everything = query.hashtags.length === 0 && query.keywords.length === 0;
  return (post) => {
    if (wanted && post.langs && post.langs.length > 0) {
      if (!post.langs.some((lang) => lang.toLowerCase().split('-')[0] === wanted)) return false;
    }
    if (everything) return true;
    if (hashtags.length > 0) {
      const tags = new Set(post.hashtags.map((tag) => fold(tag)));
      if (hashtags.some((tag) => tags.has(tag))) return true;
    }
    if (keywords.length === 0) return false;
    const text = ` ${fold(post.text).replace(NON_WORD, ' ')} `;
    return keywords.some((words) => text.includes(words));
  };
}

/** `compileQuery(query)(post)`, for one post. */
export function matchesQuery(post: QueryPost, query: Pick<SourceQuery, 'hashtags' | 'keywords' | 'language'>): boolean {
  return compileQuery(query)(post);
}

/** "1.2K" / "3,4M" / "987" as shown by preview pages, or null when unreadable. */
export function parseCompactCount(text: string | undefined | null): number | null {
  if (!text) return null;
  const match = /^([\d.,\s]+)\s*([KkMm]?)$/.exec(text.trim());
  if (!match) return null;
  const unit = match[2]!.toUpperCase();
  const digits = match[1]!.replace(/\s/g, '');
  const value = unit ? Number(digits.replace(',', '.')) : Number(digits.replace(/[.,]/g, ''));
  if (!Number.isFinite(value)) return null;
  return Math.round(value * (unit === 'K' ? 1_000 : unit === 'M' ? 1_000_000 : 1));
}

/** The documented count, or 0 when a platform omits it. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

/** A string field or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** BCP-47 primary tag in lower case, or null. */
export function primaryLang(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || value === 'und') return null;
  return value.toLowerCase().split(/[-_]/)[0]!.slice(0, 16);
}

/** A valid instant as ISO-8601 UTC, or null. */
export function instant(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
