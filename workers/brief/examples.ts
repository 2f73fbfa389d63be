import { createHash } from 'node:crypto';
import { publicAccount } from '../../analytics/public-accounts.js';
import type { StoredPost } from '../../models/store.js';
import { redactText } from '../../analytics/privacy.js';
import type { BriefExample } from './types.js';

/** Topics whose example posts are printed under a content warning even when not flagged. */
const VIOLENT_TOPICS = new Set(['femicidio', 'violencia_sexual', 'violencia_domestica', 'trata', 'homicidios', 'desapariciones']);
const MAX_CHARS = 280;
const URL = /\bhttps?:\/\/\S+/g;

/**
 * A post as a brief may print it. A PDF leaves the system, so it is treated like a CSV export
 * read by anyone: the author is a short pseudonym unless the account is an allow-listed public
 * institution or outlet; phone numbers, e-mails and @mentions of private accounts are redacted;
 * links are dropped (they identify people too).
 */
export function exampleOf(post: StoredPost): BriefExample {
  const account = publicAccount(post.platform, post.author.handle);
  const text = redactText(post.text, post.platform, { full: false, isAllowed: (platform, handle) => publicAccount(platform, handle) !== null })
    .replace(URL, '[enlace]')
    .replace(/\s+/g, ' ')
    .trim();
  const enrichment = post.enrichment;
  return {
    platform: post.platform,
    createdAt: post.createdAt,
    author: account ? account.name : pseudonymLabel(post.author.id),
    publicAuthor: account !== null,
    text: shorten(text),
    sensitive:
      enrichment !== null &&
      (enrichment.misogyny.flag || enrichment.hate.flag || enrichment.topics.some((topic) => VIOLENT_TOPICS.has(topic.id))),
  };
}

/** At most MAX_CHARS characters, cut between code points (never through an emoji's surrogate pair). */
function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > MAX_CHARS ? `${chars.slice(0, MAX_CHARS - 1).join('').trimEnd()}…` : text;
}

/** "#3f9a2c": six hex characters of a hash of the (already keyed) pseudonym, enough to tell two authors apart. */
export function pseudonymLabel(authorId: string): string {
  return `#${createHash('sha256').update(authorId).digest('hex').slice(0, 6)}`;
}
