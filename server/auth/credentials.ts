import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SettingsRepository } from '../../models/store.js';
import type { User } from '../../models/user.js';

/**
 * Sessions, API tokens and the "must change password" flag, kept in the store's settings so
 * they survive a restart and work the same on SQLite and MongoDB. Only SHA-256 digests of
 * session and API tokens are stored: a copy of the database does not hand out live credentials.
 *
 * Settings keys:
 *   auth:session:<sha256(token)>   SessionRecord (null once revoked)
 *   auth:token:<sha256(token)>     ApiTokenRecord (null once revoked)
 *   auth:tokens:<userId>           ApiTokenRecord[] (the per-user index)
 *   auth:must-change:<userId>      true while the user holds a one-time password
 */

/** One working day: a stolen cookie is worth little by the next morning. */
export const SESSION_TTL_MS = 12 * 3_600_000;

export interface SessionRecord {
  userId: string;
  createdAt: string;
  expiresAt: string;
  /** Digest of the password hash at login: changing the password ends every session. */
  stamp: string;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  /** First characters of the token, to tell tokens apart in lists. */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  hash: string;
}

export type PublicApiToken = Omit<ApiTokenRecord, 'hash'>;

export function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function passwordStamp(user: Pick<User, 'passwordHash'>): string {
  return digest(user.passwordHash).slice(0, 24);
}

function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export class Credentials {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session; returns the token for the cookie (shown nowhere else). */
  async createSession(user: User): Promise<{ token: string; record: SessionRecord }> {
    const token = newToken('');
    const now = this.now();
    const record: SessionRecord = {
      userId: user.id,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SESSION_TTL_MS).toISOString(),
      stamp: passwordStamp(user),
    };
    await this.settings.set(`auth:session:${digest(token)}`, record);
    return { token, record };
  }

  /** The session's user id when the token is live and the password unchanged since login. */
  async resolveSession(
    token: string,
    loadUser: (id: string) => Promise<User | null>,
  ): Promise<User | null> {
    const record = await this.settings.get<SessionRecord>(`auth:session:${digest(token)}`);
    if (!record || Date.parse(record.expiresAt) <= this.now()) return null;
    const user = await loadUser(record.userId);
    return user && passwordStamp(user) === record.stamp ? user : null;
  }

  async revokeSession(token: string): Promise<void> {
    await this.settings.set(`auth:session:${digest(token)}`, null);
  }

  /** The double-submit CSRF token bound to a session (an HMAC, so nothing more is stored). */
  csrfToken(sessionToken: string): string {
    return createHmac('sha256', this.secret).update(`csrf:${sessionToken}`).digest('base64url');
  }

  checkCsrf(sessionToken: string, presented: string | undefined): boolean {
    if (!presented) return false;
    const expected = Buffer.from(this.csrfToken(sessionToken));
    const given = Buffer.from(presented);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** Creates an API token for a user; the token itself is returned once and never stored. */
  async createApiToken(
    userId: string,
    name: string,
    expiresInDays: number | null,
  ): Promise<{ token: string; record: PublicApiToken }> {
    const token = newToken('esc_');
    const now = this.now();
    const record: ApiTokenRecord = {
      id: randomUUID(),
      userId,
      name,
      prefix: token.slice(0, 10),
      createdAt: new Date(now).toISOString(),
      expiresAt:
        expiresInDays === null ? null : new Date(now + expiresInDays * 86_400_000).toISOString(),
      hash: digest(token),
    };
    await this.settings.set(`auth:token:${record.hash}`, record);
    await this.settings.set(`auth:tokens:${userId}`, [...(await this.tokenIndex(userId)), record]);
    return { token, record: withoutHash(record) };
  }

  async resolveApiToken(token: string): Promise<ApiTokenRecord | null> {
    const record = await this.settings.get<ApiTokenRecord>(`auth:token:${digest(token)}`);
    if (!record) return null;
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= this.now()) return null;
    return record;
  }

  async listApiTokens(userId: string): Promise<PublicApiToken[]> {
    return (await this.tokenIndex(userId)).map(withoutHash);
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
    const index = await this.tokenIndex(userId);
    const found = index.find((t) => t.id === tokenId);
    if (!found) return false;
    await this.settings.set(`auth:token:${found.hash}`, null);
    await this.settings.set(
      `auth:tokens:${userId}`,
      index.filter((t) => t.id !== tokenId),
    );
    return true;
  }

  async revokeAllApiTokens(userId: string): Promise<void> {
    for (const token of await this.tokenIndex(userId))
      await this.settings.set(`auth:token:${token.hash}`, null);
    await this.settings.set(`auth:tokens:${userId}`, []);
  }

  async mustChangePassword(userId: string): Promise<boolean> {
    return (await this.settings.get<boolean>(`auth:must-change:${userId}`)) === true;
  }

  async setMustChangePassword(userId: string, value: boolean): Promise<void> {
    await this.settings.set(`auth:must-change:${userId}`, value ? true : null);
  }

  private async tokenIndex(userId: string): Promise<ApiTokenRecord[]> {
    return (await this.settings.get<ApiTokenRecord[]>(`auth:tokens:${userId}`)) ?? [];
  }
}

function withoutHash({ hash: _hash, ...rest }: ApiTokenRecord): PublicApiToken {
  return rest;
}
