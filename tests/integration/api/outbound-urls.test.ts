import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type Session, type TestServer } from './harness.js';

/** SSRF: URLs the server will fetch (alert webhooks, source base and feed URLs) must be public. */
const RULE = { id: 'odio-hn', name: 'Odio en HN', metric: 'hate', country: 'HN' };
const SOURCE = {
  id: 'rss-interna',
  name: 'Feed',
  kind: 'rss',
  query: { channel: 'https://news.example.org/feed.xml' },
};

const message = (res: { json: unknown }) =>
  (res.json as { error: { message: string } }).error.message;

describe('outbound URLs (default: internal addresses refused)', () => {
  let server: TestServer;
  let analyst: Session;
  let admin: Session;
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    analyst = await server.session('analyst');
    admin = await server.session('admin');
  });
  afterAll(() => server.close());

  const createRule = (webhookUrl: string, lang = 'es') =>
    call(server, {
      method: 'POST',
      path: '/api/alert-rules',
      session: analyst,
      body: { ...RULE, webhookUrl },
      headers: { 'accept-language': lang },
    });

  it('refuses the cloud metadata address with a reason, in Spanish or English', async () => {
    const es = await createRule('http://169.254.169.254/latest/meta-data');
    expect(es.status).toBe(400);
    expect(message(es)).toContain(
      'webhookUrl: webhookUrl no puede apuntar a un servicio de metadatos de la nube',
    );
    expect(message(es)).toContain('ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true');
    expect(
      (es.json as { error: { details: { fieldErrors: Record<string, string[]> } } }).error.details
        .fieldErrors.webhookUrl,
    ).toHaveLength(1);
    const en = await createRule('http://169.254.169.254/latest/meta-data', 'en');
    expect(message(en)).toContain('webhookUrl must not point to a cloud metadata service');
  });

  it.each([
    ['http://127.0.0.1:8080/hook', 'bucle local'],
    ['http://localhost/hook', 'bucle local'],
    ['http://2130706433/hook', 'bucle local'],
    ['http://[::1]/hook', 'bucle local'],
    ['http://[::ffff:127.0.0.1]/hook', 'bucle local'],
    ['http://169.254.10.1/hook', 'enlace local'],
    ['http://[fe80::1]/hook', 'enlace local'],
    ['http://10.1.2.3/hook', 'red privada'],
    ['http://172.20.0.5/hook', 'red privada'],
    ['https://192.168.1.10/hook', 'red privada'],
    ['http://[fd12:3456::1]/hook', 'red privada'],
    ['http://0.0.0.0/hook', 'sin especificar'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadatos'],
  ])('refuses %s', async (url, reason) => {
    const res = await createRule(url);
    expect(res.status).toBe(400);
    expect(message(res)).toContain(reason);
  });

  it('still refuses non-http schemes, and accepts public receivers', async () => {
    expect(message(await createRule('file:///etc/passwd'))).toContain(
      'webhookUrl debe ser una URL http(s)',
    );
    const ok = await createRule('https://hooks.example.org/escucha');
    expect(ok.status).toBe(201);
    const edit = await call(server, {
      method: 'PUT',
      path: '/api/alert-rules/odio-hn',
      session: analyst,
      body: { ...RULE, id: undefined, webhookUrl: 'http://192.168.0.1/' },
    });
    expect(edit.status).toBe(400);
    expect(message(edit)).toContain('webhookUrl must not point to a private network address');
  });

  it("refuses a source whose base URL or RSS feed is internal", async () => {
    const base = await call(server, {
      method: 'POST',
      path: '/api/sources',
      session: admin,
      body: { ...SOURCE, baseUrl: 'http://10.0.0.8:3000' },
      headers: { 'accept-language': 'es' },
    });
    expect(base.status).toBe(400);
    expect(message(base)).toContain('baseUrl: baseUrl no puede apuntar a una dirección de red privada');
    const feed = await call(server, {
      method: 'POST',
      path: '/api/sources',
      session: admin,
      body: { ...SOURCE, query: { channel: 'http://127.0.0.1:9000/feed' } },
    });
    expect(feed.status).toBe(400);
    expect(message(feed)).toContain('query.channel: channel must not point to a loopback address');
    const ok = await call(server, { method: 'POST', path: '/api/sources', session: admin, body: SOURCE });
    expect(ok.status).toBe(201);
  });
});

describe('outbound URLs with ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true (on-premise receivers)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      seed: false,
      env: { ESCUCHA_ALLOW_PRIVATE_WEBHOOKS: 'true' },
    });
  });
  afterAll(() => server.close());

  it('accepts internal webhooks and base URLs, but never other schemes', async () => {
    const analyst = await server.session('analyst');
    const admin = await server.session('admin');
    const rule = await call(server, {
      method: 'POST',
      path: '/api/alert-rules',
      session: analyst,
      body: { ...RULE, webhookUrl: 'http://10.0.0.7:8080/hook' },
    });
    expect(rule.status).toBe(201);
    const source = await call(server, {
      method: 'POST',
      path: '/api/sources',
      session: admin,
      body: { ...SOURCE, baseUrl: 'http://192.168.1.20' },
    });
    expect(source.status).toBe(201);
    const file = await call(server, {
      method: 'POST',
      path: '/api/alert-rules',
      session: analyst,
      body: { ...RULE, id: 'otra', webhookUrl: 'file:///etc/passwd' },
    });
    expect(file.status).toBe(400);
  });
});
