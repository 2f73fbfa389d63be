import { publicAccount } from './public-accounts.js';
import type { PostSummary } from '../models/analytics.js';
import type { Store, StoredPost } from '../models/store.js';
import type { Role } from '../models/user.js';

/**
 * What a response may reveal about the people behind posts. Author ids are pseudonymised at
 * collection, always. On top of that:
 *
 * - analysts and admins see handles, names, links and the post text as collected, because
 *   correcting labels and judging a source needs them;
 * - viewers (and every CSV export, whoever asks: files leave the system) see an author's handle,
 *   name, profile location and the post's link only when the account is allow-listed, i.e.
 *   public institutions and media of analytics/public-accounts.json, accounts named in a
 *   campaign's or a source's handles, or in the admin's `privacy.allowedHandles` setting; other @mentions in the text become `@usuario`,
 *   and phone numbers and e-mail addresses become `[teléfono]` and `[correo]`.
 */
export interface Disclosure {
  /** Identity and contacts as collected (analyst/admin JSON views). */
  full: boolean;
  isAllowed(platform: string, handle: string | null): boolean;
}

export const PRIVACY_SETTING = 'privacy';
export interface PrivacySettings {
  allowedHandles: string[];
}

export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

/** The allow-list: campaign handles, source handles and the admin's list. */
export async function allowedHandles(store: Store): Promise<Set<string>> {
  const [campaigns, sources, settings] = await Promise.all([
    store.campaigns.list(),
    store.sources.list(),
    store.settings.get<PrivacySettings>(PRIVACY_SETTING),
  ]);
  return new Set(
    [
      ...campaigns.flatMap((c) => c.handles),
      ...sources.flatMap((s) => s.query.handles),
      ...(settings?.allowedHandles ?? []),
    ].map(normalizeHandle),
  );
}

export async function disclosureFor(
  store: Store,
  role: Role | null,
  exporting = false,
): Promise<Disclosure> {
  const full = !exporting && (role === 'analyst' || role === 'admin');
  const allowed = full ? new Set<string>() : await allowedHandles(store);
  return {
    full,
    isAllowed: (platform, handle) =>
      full ||
      (handle !== null &&
        (allowed.has(normalizeHandle(handle)) || publicAccount(platform, handle) !== null)),
  };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Phone numbers as written in the region, most specific first:
 * Dominican Republic (+1 809/829/849, NANP), +501..+507 with or without the plus, other
 * international numbers, 8-digit local numbers (GT, SV, HN, NI, CR, PA mobiles: 4+4) and
 * 7-digit ones with a dash (BZ, PA landlines: 3-4), and generic groups of 10+ digits.
 */
const PHONES: RegExp[] = [
  /(?<![\d+])(?:\+?1[\s.-]{0,2})?\(?(?:809|829|849)\)?[\s.-]{0,2}\d{3}[\s.-]{0,2}\d{4}(?!\d)/g,
  /(?:\+|\b00)\s?\(?50[1-7]\)?[\s.-]{0,2}\d{3,4}[\s.-]{0,2}\d{4}(?!\d)/g,
  /(?<![\d+])\(?50[1-7]\)?[\s.-]\d{3,4}[\s.-]?\d{4}(?!\d)/g,
  /(?:\+|\b00)[1-9](?:[\s.()-]{0,2}\d){6,14}(?!\d)/g,
  /(?<![\d.,])\d{2,4}[\s.-]\d{3,4}[\s.-]\d{4}(?![\d])/g,
  /(?<![\d.,/-])[2-9]\d{3}[\s.-]?\d{4}(?![\d.,/-]?\d)/g,
  /(?<![\d.,/-])\d{3}-\d{4}(?![\d.,/-]?\d)/g,
];

const YEAR_RANGE = /^(?:19|20)\d{2}[\s.-](?:19|20)\d{2}$/;

/** Replaces e-mail addresses and phone numbers in free text. */
export function redactContacts(text: string): string {
  let out = text.replace(EMAIL, '[correo]');
  for (const phone of PHONES) {
    out = out.replace(phone, (match) => (YEAR_RANGE.test(match) ? match : '[teléfono]'));
  }
  return out;
}

const MENTION =
  /(^|[^\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)/g;

/** Replaces @mentions of accounts that are not allow-listed. */
export function redactMentions(text: string, platform: string, disclosure: Disclosure): string {
  return text.replace(MENTION, (whole, before: string, handle: string) =>
    disclosure.isAllowed(platform, handle) ? whole : `${before}@usuario`,
  );
}

/** A post as this caller may see it (same shape; hidden fields are null or redacted). */
export function viewPost(post: StoredPost, disclosure: Disclosure): StoredPost {
  if (disclosure.full) return post;
  const shown = disclosure.isAllowed(post.platform, post.author.handle);
  return {
    ...post,
    url: shown ? post.url : null,
    text: redactText(post.text, post.platform, disclosure),
    author: {
      ...post.author,
      handle: shown ? post.author.handle : null,
      name: shown ? post.author.name : null,
      location: shown ? post.author.location : null,
    },
    mentions: post.mentions.filter((m) => disclosure.isAllowed(post.platform, m)),
    links: post.links.map(redactContacts),
  };
}

/** Post text as this caller may see it. */
export function redactText(text: string, platform: string, disclosure: Disclosure): string {
  return disclosure.full ? text : redactMentions(redactContacts(text), platform, disclosure);
}

/** A search or top-list row as this caller may see it (the store already hides non-public authors). */
export function viewSummary(post: PostSummary, disclosure: Disclosure): PostSummary {
  if (disclosure.full) return post;
  const shown = post.author.public || disclosure.isAllowed(post.platform, post.author.handle);
  return {
    ...post,
    text: redactText(post.text, post.platform, disclosure),
    url: shown ? post.url : null,
  };
}
