import { describe, expect, it } from 'vitest';
import { Credentials, SESSION_TTL_MS, digest } from '../../../server/auth/credentials.js';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import type { User } from '../../../models/user.js';

function setup() {
  const store = createSqliteStore(':memory:');
  let now = Date.parse('2026-11-02T08:00:00Z');
  const credentials = new Credentials(store.settings, 'secret-0123456789abcdef', () => now);
  const user: User = {
    id: 'u1',
    email: 'a@example.org',
    name: 'A',
    role: 'analyst',
    passwordHash: '$argon2id$one',
    locale: 'es',
    createdAt: '2026-11-01T00:00:00Z',
    lastLoginAt: null,
  };
  return { store, credentials, user, advance: (ms: number) => (now += ms) };
}

describe('Credentials', () => {
  it('stores only digests, expires sessions and ends them when the password changes', async () => {
    const { store, credentials, user, advance } = setup();
    const { token } = await credentials.createSession(user);
    expect(await store.settings.get(`auth:session:${token}`)).toBeNull();
    expect(await store.settings.get(`auth:session:${digest(token)}`)).toMatchObject({
      userId: 'u1',
    });
    expect(await credentials.resolveSession(token, async () => user)).toEqual(user);
    expect(
      await credentials.resolveSession(token, async () => ({
        ...user,
        passwordHash: '$argon2id$two',
      })),
    ).toBeNull();
    advance(SESSION_TTL_MS);
    expect(await credentials.resolveSession(token, async () => user)).toBeNull();
  });

  it('binds CSRF tokens to the session', async () => {
    const { credentials, user } = setup();
    const a = (await credentials.createSession(user)).token;
    const b = (await credentials.createSession(user)).token;
    expect(credentials.checkCsrf(a, credentials.csrfToken(a))).toBe(true);
    expect(credentials.checkCsrf(a, credentials.csrfToken(b))).toBe(false);
    expect(credentials.checkCsrf(a, undefined)).toBe(false);
    expect(credentials.checkCsrf(a, '')).toBe(false);
  });

  it('lists, expires and revokes API tokens', async () => {
    const { credentials, advance } = setup();
    const { token, record } = await credentials.createApiToken('u1', 'bot', 1);
    expect(record).not.toHaveProperty('hash');
    expect(await credentials.listApiTokens('u1')).toEqual([record]);
    expect(await credentials.resolveApiToken(token)).toMatchObject({ userId: 'u1' });
    advance(86_400_000);
    expect(await credentials.resolveApiToken(token)).toBeNull();
    const forever = await credentials.createApiToken('u1', 'bot2', null);
    expect(await credentials.revokeApiToken('u1', forever.record.id)).toBe(true);
    expect(await credentials.resolveApiToken(forever.token)).toBeNull();
    expect(await credentials.revokeApiToken('u1', forever.record.id)).toBe(false);
  });
});
