import allowList from './public-accounts.json' with { type: 'json' };
import type { PublicAuthor } from '../models/analytics.js';

export interface PublicAccount {
  name: string;
  kind: 'institution' | 'media';
}

/** Allow-list key: `platform:handle`, lower case, without '@'. */
export function accountKey(platform: string, handle: string | null): string | null {
  return handle ? `${platform}:${handle.replace(/^@/, '').toLowerCase()}` : null;
}

const ACCOUNTS = new Map<string, PublicAccount>(
  Object.entries(allowList.accounts as Record<string, PublicAccount>),
);

/** The allow-listed public account of an author, if any. */
export function publicAccount(platform: string, handle: string | null): PublicAccount | null {
  const key = accountKey(platform, handle);
  return (key && ACCOUNTS.get(key)) || null;
}

/** Every allow-list key (for queries that count allow-listed authors). */
export function publicAccountKeys(): string[] {
  return [...ACCOUNTS.keys()];
}

/** An author as shown: handle and name only for allow-listed public accounts. */
export function publicAuthor(id: string, platform: string, handle: string | null): PublicAuthor {
  const account = publicAccount(platform, handle);
  return account
    ? { id, platform, public: true, handle, name: account.name, kind: account.kind }
    : { id, platform, public: false, handle: null, name: null, kind: null };
}
