import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, call, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function cookiesOf(headers: Headers): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    out.set(name!, line);
    out.set(`${name}:value`, value!);
  }
  return out;
}

describe('sign-in, sessions and CSRF', () => {
  it('logs in with e-mail and password, sets an httpOnly SameSite=Lax session cookie and a CSRF cookie', async () => {
    const login = await call(server, {
      method: 'POST',
      path: '/api/auth/login',
      body: { email: 'Analyst@Example.org', password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const body = login.json as {
      user: Record<string, unknown>;
      csrfToken: string;
      mustChangePassword: boolean;
    };
    expect(body.user).toMatchObject({ email: 'analyst@example.org', role: 'analyst' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.mustChangePassword).toBe(false);
    const cookies = cookiesOf(login.headers);
    expect(cookies.get('escucha_session')).toMatch(/HttpOnly/);
    expect(cookies.get('escucha_session')).toMatch(/SameSite=Lax/);
    expect(cookies.get('escucha_session')).not.toMatch(/Secure/); // plain http in tests
    expect(cookies.get('escucha_csrf')).not.toMatch(/HttpOnly/);
    expect(cookies.get('escucha_csrf:value')).toBe(body.csrfToken);

    const session = {
      cookie: `escucha_session=${cookies.get('escucha_session:value')}`,
      csrf: body.csrfToken,
    };
    const me = await call(server, { path: '/api/auth/me', session });
    expect(me.json).toMatchObject({
      user: { role: 'analyst' },
      via: 'session',
      csrfToken: body.csrfToken,
    });

    // Unsafe method without the CSRF header: refused; with it: accepted.
    const rule = { id: 'r-csrf', name: 'x', metric: 'posts' };
    const refused = await call(server, {
      method: 'POST',
      path: '/api/alert-rules',
      session,
      body: rule,
      csrf: false,
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { code: 'ESCUCHA_CSRF', status: 403 } });
    const wrong = await call(server, {
      method: 'POST',
      path: '/api/alert-rules',
      session,
      body: rule,
      headers: { 'x-csrf-token': 'nope' },
      csrf: false,
    });
    expect(wrong.status).toBe(403);
    expect(
      (await call(server, { method: 'POST', path: '/api/alert-rules', session, body: rule }))
        .status,
    ).toBe(201);

    expect((await call(server, { method: 'POST', path: '/api/auth/logout', session })).status).toBe(
      204,
    );
    expect((await call(server, { path: '/api/auth/me', session })).status).toBe(401);
  });

  it('refuses a wrong password or an unknown e-mail with the same answer, in Spanish by default', async () => {
    const wrong = await call(server, {
      method: 'POST',
      path: '/api/auth/login',
      body: { email: 'admin@example.org', password: 'incorrecta!!' },
      headers: { 'accept-language': 'es' },
    });
    const unknown = await call(server, {
      method: 'POST',
      path: '/api/auth/login',
      body: { email: 'nadie@example.org', password: 'incorrecta!!' },
      headers: { 'accept-language': 'es-GT,es;q=0.9' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({
      error: {
        message: 'Correo o contraseña incorrectos.',
        code: 'ESCUCHA_UNAUTHORIZED',
        status: 401,
      },
    });
    expect(unknown.json).toEqual(wrong.json);
  });

  it('authenticates API clients with bearer tokens that only an admin creates and can revoke', async () => {
    const admin = await server.session('admin');
    const created = await call(server, {
      method: 'POST',
      path: `/api/users/${server.users.viewer.id}/tokens`,
      session: admin,
      body: { name: 'informe semanal' },
    });
    expect(created.status).toBe(201);
    const { token, record } = created.json as { token: string; record: { id: string } };
    expect(token).toMatch(/^esc_/);
    expect(await call(server, { path: '/api/auth/me', token })).toMatchObject({
      status: 200,
      json: { via: 'token', user: { role: 'viewer' } },
    });
    // Bearer clients need no CSRF token, but keep their role.
    expect(
      (await call(server, { method: 'POST', path: '/api/briefs', token, body: {} })).status,
    ).toBe(403);
    const listed = await call(server, {
      path: `/api/users/${server.users.viewer.id}/tokens`,
      session: admin,
    });
    expect(JSON.stringify(listed.json)).not.toContain(token);
    expect(await server.store.settings.get(`auth:token:${token}`)).toBeNull(); // only the digest is a key
    expect(
      (
        await call(server, {
          method: 'DELETE',
          path: `/api/users/${server.users.viewer.id}/tokens/${record.id}`,
          session: admin,
        })
      ).status,
    ).toBe(204);
    expect((await call(server, { path: '/api/auth/me', token })).status).toBe(401);
  });

  it('makes a user with a one-time password change it before anything else, and ends old sessions', async () => {
    const admin = await server.session('admin');
    const created = await call(server, {
      method: 'POST',
      path: '/api/users',
      session: admin,
      body: { email: 'nueva@example.org', name: 'Nueva', role: 'analyst' },
    });
    expect(created.status).toBe(201);
    const { oneTimePassword } = created.json as { oneTimePassword: string };
    expect(oneTimePassword).toHaveLength(20);
    const login = await call(server, {
      method: 'POST',
      path: '/api/auth/login',
      body: { email: 'nueva@example.org', password: oneTimePassword },
    });
    const { csrfToken, mustChangePassword } = login.json as {
      csrfToken: string;
      mustChangePassword: boolean;
    };
    expect(mustChangePassword).toBe(true);
    const session = {
      cookie: `escucha_session=${cookiesOf(login.headers).get('escucha_session:value')}`,
      csrf: csrfToken,
    };
    const blocked = await call(server, { path: '/api/campaigns', session });
    expect(blocked.json).toMatchObject({
      error: { code: 'ESCUCHA_PASSWORD_CHANGE_REQUIRED', status: 403 },
    });
    const changed = await call(server, {
      method: 'POST',
      path: '/api/auth/password',
      session,
      body: { currentPassword: oneTimePassword, newPassword: 'una-clave-nueva-segura' },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ mustChangePassword: false });
    expect((await call(server, { path: '/api/campaigns', session })).status).toBe(401); // the old session ended
    const fresh = {
      cookie: `escucha_session=${cookiesOf(changed.headers).get('escucha_session:value')}`,
      csrf: (changed.json as { csrfToken: string }).csrfToken,
    };
    expect((await call(server, { path: '/api/campaigns', session: fresh })).status).toBe(200);
  });

  it('keeps the last admin', async () => {
    const admin = await server.session('admin');
    const res = await call(server, {
      method: 'DELETE',
      path: `/api/users/${server.users.admin.id}`,
      session: admin,
    });
    expect(res.status).toBe(409);
  });

  it('rate-limits sign-in attempts per IP and e-mail', async () => {
    const limited = await startTestServer({ seed: false, limits: { loginPerMinute: 10 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(
          (
            await call(limited, {
              method: 'POST',
              path: '/api/auth/login',
              body: { email: 'x@example.org', password: `intento-${i}` },
            })
          ).status,
        );
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
      const other = await call(limited, {
        method: 'POST',
        path: '/api/auth/login',
        body: { email: 'admin@example.org', password: PASSWORD },
      });
      expect(other.status).toBe(200); // another e-mail from the same IP is not locked out
      const last = await call(limited, {
        method: 'POST',
        path: '/api/auth/login',
        body: { email: 'x@example.org', password: 'otra-vez-no' },
      });
      expect(last.json).toEqual({
        error: {
          message: 'Too many attempts. Wait a minute and try again.',
          code: 'ESCUCHA_RATE_LIMITED',
          status: 429,
        },
      });
    } finally {
      await limited.close();
    }
  });
});
