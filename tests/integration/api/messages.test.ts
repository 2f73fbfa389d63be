import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type Session, type TestServer } from './harness.js';

/** What a new user reads when a request fails: Spanish or English, words rather than codes. */
let server: TestServer;
let admin: Session;
let analyst: Session;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.session('admin');
  analyst = await server.session('analyst');
});
afterAll(() => server.close());

const error = (res: { json: unknown }) =>
  (res.json as { error: { message: string; code: string; status: number } }).error;

describe('API messages', () => {
  it('a duplicate account answers 409 in the language asked for', async () => {
    const body = { email: 'Analyst@Example.org', name: 'Otra', role: 'viewer', password: 'una-clave-larga' };
    const es = await call(server, {
      method: 'POST',
      path: '/api/users',
      session: admin,
      body,
      headers: { 'accept-language': 'es' },
    });
    expect(es.status).toBe(409);
    expect(error(es)).toMatchObject({
      code: 'ESCUCHA_CONFLICT',
      message: 'Ya existe una cuenta con el correo analyst@example.org.',
    });
    const en = await call(server, { method: 'POST', path: '/api/users', session: admin, body });
    expect(error(en).message).toBe('An account with the e-mail analyst@example.org already exists.');
  });

  it('an invalid e-mail reads as correct Spanish', async () => {
    const res = await call(server, {
      method: 'POST',
      path: '/api/users',
      session: admin,
      body: { email: 'no-es-un-correo', name: 'X', role: 'viewer' },
      headers: { 'accept-language': 'es' },
    });
    expect(res.status).toBe(400);
    expect(error(res).message).toBe(
      'La solicitud no es válida: email: dirección de correo electrónico no válida',
    );
    expect(error(res).message).not.toMatch(/Inválido/);
  });

  it('a bad lexicon name says what a name looks like, not a regular expression', async () => {
    const es = await call(server, {
      path: `/api/lexicons/${encodeURIComponent('../secreto')}`,
      session: analyst,
      headers: { 'accept-language': 'es' },
    });
    expect(es.status).toBe(400);
    expect(error(es).message).toBe(
      'La solicitud no es válida: name: use letras, dígitos, "_" o "-", con "/" entre partes, p. ej. sentiment/es',
    );
    const en = await call(server, { path: '/api/lexicons/a%20b', session: analyst });
    expect(error(en).message).toContain('use letters, digits, "_" or "-", with "/" between parts');
    expect(error(en).message).not.toMatch(/\^|\$|\[A-Z/);
  });

  it('a body that is not JSON answers 415 with what to send', async () => {
    const rule = JSON.stringify({ id: 'r', name: 'R', metric: 'hate' });
    const es = await call(server, {
      method: 'POST',
      path: '/api/alert-rules',
      session: analyst,
      rawBody: rule,
      headers: { 'accept-language': 'es', 'content-type': 'text/plain' },
    });
    expect(es.status).toBe(415);
    expect(error(es)).toMatchObject({ code: 'ESCUCHA_UNSUPPORTED_MEDIA_TYPE', status: 415 });
    expect(error(es).message).toContain('envíe JSON con la cabecera Content-Type: application/json');
    expect(error(es).message).not.toMatch(/falta este campo/);
    const form = await call(server, {
      method: 'POST',
      path: '/api/campaigns',
      session: analyst,
      rawBody: 'id=x&name=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(error(form).message).toContain('send JSON with the header Content-Type: application/json');
    // JSON with a charset or a +json type is JSON; no body at all is left to the schema.
    const charset = await call(server, {
      method: 'POST',
      path: '/api/alert-rules',
      session: analyst,
      body: { id: 'r1', name: 'R', metric: 'hate' },
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(charset.status).toBe(201);
    const empty = await call(server, {
      method: 'POST',
      path: '/api/alert-rules',
      session: analyst,
      headers: { 'accept-language': 'es' },
    });
    expect(empty.status).toBe(400);
    expect(error(empty).message).toContain('id: falta este campo');
  });

  it('a day that does not exist is reported only as such', async () => {
    const es = await call(server, {
      path: '/api/overview?from=2026-02-30&to=2026-03-01',
      session: analyst,
      headers: { 'accept-language': 'es' },
    });
    expect(es.status).toBe(400);
    expect(error(es).message).toBe(
      'La solicitud no es válida: from: fecha inexistente: ese día no existe en el calendario',
    );
    const en = await call(server, {
      path: '/api/overview?from=2026-02-01&to=2026-02-30',
      session: analyst,
    });
    expect(error(en).message).toBe(
      'The request is not valid: to: no such date: that day does not exist in the calendar',
    );
    // A malformed date still says how to write one; a real reversed range still says so.
    const malformed = await call(server, {
      path: '/api/overview?from=02-01-2026&to=2026-03-01',
      session: analyst,
      headers: { 'accept-language': 'es' },
    });
    expect(error(malformed).message).toContain('from: no es una fecha válida: use AAAA-MM-DD');
    const reversed = await call(server, {
      path: '/api/overview?from=2026-03-02&to=2026-03-01',
      session: analyst,
      headers: { 'accept-language': 'es' },
    });
    expect(error(reversed).message).toContain('"from" no puede ser posterior a "to"');
  });
});
