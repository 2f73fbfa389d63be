import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type Session, type TestServer } from './harness.js';

let server: TestServer;
let admin: Session;
let analyst: Session;
let viewer: Session;
beforeAll(async () => {
  server = await startTestServer();
  [admin, analyst, viewer] = await Promise.all([
    server.session('admin'),
    server.session('analyst'),
    server.session('viewer'),
  ]);
});
afterAll(() => server.close());

const RANGE = 'from=2026-11-02&to=2026-11-03';

describe('system', () => {
  it('answers health without credentials, with helmet headers and no x-powered-by', async () => {
    const res = await call(server, { path: '/api/health' });
    expect(res.json).toEqual({ status: 'ok', store: 'sqlite', queue: 'inline', version: 'test', demo: false });
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves an OpenAPI 3.1 description of every route', async () => {
    const res = await call(server, { path: '/api/openapi.json' });
    const doc = res.json as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/overview',
        '/api/campaigns/{id}',
        '/api/lexicons/{name}/versions/{version}',
      ]),
    );
    expect(doc.paths['/api/overview']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'country', 'format']),
    );
  });

  it('answers unknown routes and bad JSON in the one error shape, localized', async () => {
    expect(
      (await call(server, { path: '/api/nope', headers: { 'accept-language': 'es' } })).json,
    ).toEqual({
      error: { message: 'No existe esa ruta de la API.', code: 'ESCUCHA_NOT_FOUND', status: 404 },
    });
    const bad = await call(server, {
      method: 'POST',
      path: '/api/campaigns',
      session: analyst,
      rawBody: '{"id":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.json).toEqual({
      error: {
        message: 'The request body is not valid JSON.',
        code: 'ESCUCHA_BAD_REQUEST',
        status: 400,
      },
    });
    const big = await call(server, {
      method: 'POST',
      path: '/api/campaigns',
      session: analyst,
      body: { id: 'x', name: 'y'.repeat(200_000) },
    });
    expect(big.status).toBe(413);
    const invalid = await call(server, {
      path: '/api/overview?from=ayer&to=2026-11-03',
      session: viewer,
      headers: { 'accept-language': 'es' },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.json as { error: { message: string } }).error.message).toBe(
      'La solicitud no es válida: from: no es una fecha válida: use AAAA-MM-DD, p. ej. 2026-11-02',
    );
  });

  it('words validation errors, and their per-field details, in the request language only', async () => {
    const campaign = (language: string) =>
      call(server, {
        method: 'POST',
        path: '/api/campaigns',
        session: analyst,
        body: { id: 'Mi Campaña', name: '', hashtags: 'x', startDate: '2026-11-10', endDate: '2026-11-01' },
        headers: { 'accept-language': language },
      });
    type Body = { error: { message: string; details: { fieldErrors: Record<string, string[]> } } };
    const es = (await campaign('es')).json as Body;
    expect(es.error.message).toBe(
      'La solicitud no es válida: id: use minúsculas, dígitos, "_" o "-"; name: no puede estar vacío; hashtags: se esperaba una lista',
    );
    expect(es.error.details.fieldErrors).toMatchObject({ id: ['use minúsculas, dígitos, "_" o "-"'], name: ['no puede estar vacío'] });
    const en = (await campaign('en')).json as Body;
    expect(en.error.message).toBe(
      'The request is not valid: id: use lowercase letters, digits, "_" or "-"; name: must not be empty; hashtags: expected a list',
    );
    expect(en.error.details.fieldErrors).toMatchObject({ name: ['must not be empty'] });
    // A campaign that ends before it starts, or whose name is only spaces, is refused.
    const reversed = await call(server, {
      method: 'POST',
      path: '/api/campaigns',
      session: analyst,
      body: { id: 'al-reves', name: 'Al revés', startDate: '2026-12-01', endDate: '2026-11-01' },
      headers: { 'accept-language': 'es' },
    });
    expect(reversed.status).toBe(400);
    expect((reversed.json as Body).error.message).toBe('La solicitud no es válida: endDate: endDate no puede ser anterior a startDate');
    const blank = await call(server, {
      method: 'POST',
      path: '/api/campaigns',
      session: analyst,
      body: { id: 'en-blanco', name: '   ', startDate: '2026-11-01' },
    });
    expect((blank.json as Body).error.message).toBe('The request is not valid: name: must not be empty');
    const overview = async (query: string, language: string) =>
      ((await call(server, { path: `/api/overview?${query}`, session: viewer, headers: { 'accept-language': language } })).json as Body).error.message;
    expect(await overview(`${RANGE}&country=XX`, 'es')).toBe(
      'La solicitud no es válida: country.0: valor no válido: use uno de GT, HN, SV, CR, PA, DO, BZ',
    );
    expect(await overview(`${RANGE}&country=XX`, 'en')).toBe(
      'The request is not valid: country.0: invalid value: use one of GT, HN, SV, CR, PA, DO, BZ',
    );
    expect(await overview('from=2026-11-10&to=2026-11-01', 'es')).toBe('La solicitud no es válida: from: "from" no puede ser posterior a "to"');
    // A cursor that no page gave is refused, not read as "first page".
    const badCursor = await call(server, { path: `/api/posts?${RANGE}&cursor=garbage`, session: viewer, headers: { 'accept-language': 'es' } });
    expect(badCursor.status).toBe(400);
    expect((badCursor.json as Body).error.message).toBe('La solicitud no es válida: cursor: no es un cursor de una página anterior (use su next)');
    expect(await overview('from=2026-11-10&to=2026-11-01', 'en')).toBe('The request is not valid: from: "from" must not be after "to"');
  });

  it('analyses the days of a campaign again when it is created, changed or deleted', async () => {
    const rematches = () => server.runner.jobs.filter((j) => j.name === 'enrich').map((j) => (j.data as { rematch?: unknown }).rematch);
    const before = rematches().length;
    const body = { id: 'rematch-25n', name: '25N', hashtags: ['NiUnaMas'], startDate: '2026-11-01', endDate: '2026-11-30' };
    expect((await call(server, { method: 'POST', path: '/api/campaigns', session: analyst, body })).status).toBe(201);
    const { id: _, ...rest } = body;
    await call(server, { method: 'PUT', path: '/api/campaigns/rematch-25n', session: analyst, body: { ...rest, startDate: '2026-10-15', endDate: '2026-11-20' } });
    // A new name matches no other post: nothing is analysed again.
    await call(server, { method: 'PUT', path: '/api/campaigns/rematch-25n', session: analyst, body: { ...rest, name: '25N 2026', startDate: '2026-10-15', endDate: '2026-11-20' } });
    expect((await call(server, { method: 'DELETE', path: '/api/campaigns/rematch-25n', session: analyst })).status).toBe(204);
    // The new days; then the old and new days together; then the last days.
    expect(rematches().slice(before)).toEqual([
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-10-15', to: '2026-11-30' },
      { from: '2026-10-15', to: '2026-11-20' },
    ]);
  });

  it('tells every role how the sources stand (counts only); the list stays for analysts', async () => {
    const health = await call(server, { path: '/api/sources/health', session: viewer });
    expect(health.status).toBe(200);
    expect(Object.keys(health.json as object).sort()).toEqual(['allFailing', 'collected', 'enabled', 'error', 'failing', 'lastSuccessAt', 'offline', 'total']);
    expect((await call(server, { path: '/api/sources', session: viewer })).status).toBe(403);
  });

  it('allows CORS only for configured origins', async () => {
    const res = await call(server, {
      path: '/api/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('analytics', () => {
  it('GET /api/overview keeps its fixed interface', async () => {
    const res = await call(server, { path: `/api/overview?${RANGE}&country=GT`, session: viewer });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      posts: 2,
      authors: 2,
      interactions: 2,
      potentialReach: 150,
      netSentiment: 0,
      misogynyRate: 50,
      previous: {
        posts: 0,
        authors: 0,
        interactions: 0,
        potentialReach: 0,
        netSentiment: 0,
        misogynyRate: 0,
      },
    });
  });

  it('series, breakdowns and top lists', async () => {
    const series = await call(server, {
      path: `/api/series?${RANGE}&granularity=day`,
      session: viewer,
    });
    expect((series.json as { points: { posts: number }[] }).points.map((p) => p.posts)).toEqual([
      1, 2,
    ]);
    const hourly = await call(server, {
      path: '/api/series?from=2026-01-01&to=2026-12-31&granularity=hour',
      session: viewer,
    });
    expect(hourly.status).toBe(400);
    const countries = await call(server, {
      path: `/api/breakdowns/country?${RANGE}`,
      session: viewer,
    });
    expect(
      (countries.json as { value: string; posts: number }[]).map((r) => [r.value, r.posts]),
    ).toEqual([
      ['GT', 2],
      ['SV', 1],
    ]);
    const hashtags = await call(server, {
      path: `/api/top/entities/hashtag?${RANGE}`,
      session: viewer,
    });
    expect(hashtags.json).toEqual([expect.objectContaining({ value: 'NiUnaMenos', posts: 1 })]);
    const authors = await call(server, {
      path: `/api/top/authors?${RANGE}&by=reach`,
      session: viewer,
    });
    expect((authors.json as { id: string }[])[0]).toMatchObject({ id: 'a_pnc' });
    const posts = await call(server, { path: `/api/top/posts?${RANGE}&limit=2`, session: viewer });
    expect((posts.json as unknown[]).length).toBe(2);
  });

  it('searches posts by the labels of their analysis, and refuses unknown labels with a reason', async () => {
    const ids = async (query: string) =>
      ((await call(server, { path: `/api/posts?${RANGE}${query}`, session: viewer })).json as { posts: { id: string }[] }).posts.map((p) => p.id);
    const all = await ids('');
    const flagged = await ids('&misogyny=true');
    const clean = await ids('&misogyny=false');
    expect(flagged).toEqual(['mastodon:1']);
    expect([...flagged, ...clean].sort()).toEqual([...all].sort());
    // Lists take repeated keys or commas; every analysed post has one of the three sentiments.
    expect(await ids('&sentiment=N,NEU&sentiment=P')).toEqual(all);
    const bad = async (query: string) => {
      const res = await call(server, { path: `/api/posts?${RANGE}${query}`, session: viewer, headers: { 'accept-language': 'en' } });
      expect(res.status).toBe(400);
      return (res.json as { error: { message: string } }).error.message;
    };
    expect(await bad('&sentiment=bueno')).toMatch(/^The request is not valid: sentiment\.0: invalid value: use one of P, NEU, N/);
    expect(await bad('&misogyny=maybe')).toMatch(/^The request is not valid: misogyny: .*true or false/);
  });

  it('searches posts and redacts contacts, mentions and private identities for viewers', async () => {
    const forViewer = await call(server, { path: `/api/posts?${RANGE}&q=llame`, session: viewer });
    const page = forViewer.json as {
      posts: { id: string; text: string; url: string | null }[];
      next: string | null;
    };
    expect(page.posts.map((p) => p.id)).toEqual(['mastodon:1']);
    expect(page.posts[0]!.text).toBe(
      'Llame al [teléfono] o escriba a [correo], @usuario sabe más #NiUnaMenos',
    );
    expect(page.posts[0]!.url).toBeNull();

    const detail = await call(server, {
      path: `/api/posts/${encodeURIComponent('mastodon:1')}`,
      session: viewer,
    });
    const post = (
      detail.json as { post: { author: Record<string, unknown>; text: string; mentions: string[] } }
    ).post;
    expect(post.author).toMatchObject({
      id: 'a_private1',
      handle: null,
      name: null,
      location: null,
    });
    expect(post.text).not.toContain('5555');
    expect(post.mentions).toEqual([]);
    expect(detail.json).not.toHaveProperty('annotations');

    const forAnalyst = await call(server, {
      path: `/api/posts/${encodeURIComponent('mastodon:1')}`,
      session: analyst,
    });
    expect(forAnalyst.json).toMatchObject({
      post: { author: { handle: 'vecina_real' }, text: expect.stringContaining('5555-1234') },
      annotations: [],
    });

    const pnc = await call(server, {
      path: `/api/posts/${encodeURIComponent('x:2')}`,
      session: viewer,
    });
    expect(pnc.json).toMatchObject({ post: { author: { handle: 'pnc_sv' } } }); // allow-listed public institution
    expect((await call(server, { path: '/api/posts/nope', session: viewer })).status).toBe(404);
  });

  it('exports any table or post list as CSV with a BOM, CRLF and PII redacted, even for analysts', async () => {
    const res = await call(server, { path: `/api/posts?${RANGE}&format=csv`, session: analyst });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="publicaciones\.csv"/,
    );
    const raw = Buffer.from(
      await (
        await fetch(`${server.url}/api/posts?${RANGE}&format=csv`, {
          headers: { cookie: analyst.cookie },
        })
      ).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text).toContain('\r\n');
    expect(res.text).not.toContain('5555');
    expect(res.text).not.toContain('denuncia@');
    expect(res.text).not.toContain('vecina');
    const overview = await call(server, {
      path: `/api/overview?${RANGE}&format=csv`,
      session: viewer,
    });
    expect(overview.text.split('\r\n')[0]).toBe('metric,current,previous'); // fetch's text() drops the BOM
    const spanish = await call(server, {
      path: `/api/posts?${RANGE}&format=csv`,
      session: viewer,
      headers: { 'accept-language': 'es-GT,es;q=0.9' },
    });
    expect(spanish.text.split('\r\n')[0]).toMatch(/^id,plataforma,fecha,autor,cuenta,país,sentimiento,misoginia,/);
    const cells = spanish.text.split('\r\n')[1]!.split(',');
    expect(['positivo', 'neutro', 'negativo', '']).toContain(cells[6]);
    expect(['sí', 'no']).toContain(cells[7]);
    // Coded values read as words in a Spanish spreadsheet, as codes or English words otherwise.
    const csvValues = async (path: string, language: string) =>
      (await call(server, { path: `${path}?${RANGE}&format=csv`, session: viewer, headers: { 'accept-language': language } })).text
        .split('\r\n')
        .slice(1)
        .filter((line) => line !== '')
        .map((line) => line.split(',')[0]);
    expect(await csvValues('/api/breakdowns/emotion', 'es')).toEqual(expect.arrayContaining(['otras']));
    expect(await csvValues('/api/breakdowns/emotion', 'en')).toEqual(expect.arrayContaining(['other']));
    expect(await csvValues('/api/breakdowns/sentiment', 'es')).not.toContain('NEU');
    const countries = await csvValues('/api/breakdowns/country', 'es');
    expect(countries.every((value) => value !== '')).toBe(true);
    expect(
      (await call(server, { path: `/api/overview?${RANGE}&format=xml`, session: viewer })).status,
    ).toBe(400);
  });

  it('narratives and emerging terms', async () => {
    const narratives = await call(server, { path: `/api/narratives?${RANGE}`, session: viewer });
    expect(narratives.status).toBe(200);
    const body = narratives.json as { sampled: number; other: number; narratives: unknown[] };
    expect(body.sampled).toBeGreaterThanOrEqual(body.other);
    expect(Array.isArray(body.narratives)).toBe(true);
    expect(
      (await call(server, { path: `/api/narratives/emerging?${RANGE}`, session: viewer })).status,
    ).toBe(200);
  });
});

describe('campaigns', () => {
  const body = {
    id: 'prevencion-2026',
    name: 'Prevención',
    hashtags: ['prevenir'],
    startDate: '2026-11-01',
  };

  it('CRUD for analysts, KPIs and impact for everyone', async () => {
    expect(
      (await call(server, { method: 'POST', path: '/api/campaigns', session: viewer, body }))
        .status,
    ).toBe(403);
    const created = await call(server, {
      method: 'POST',
      path: '/api/campaigns',
      session: analyst,
      body,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...body, description: '', endDate: null });
    expect(
      (await call(server, { method: 'POST', path: '/api/campaigns', session: analyst, body }))
        .status,
    ).toBe(409);
    const updated = await call(server, {
      method: 'PUT',
      path: '/api/campaigns/prevencion-2026',
      session: analyst,
      body: { ...body, id: undefined, name: 'Prevención 2026' },
    });
    expect(updated.json).toMatchObject({
      name: 'Prevención 2026',
      createdAt: (created.json as { createdAt: string }).createdAt,
    });
    expect((await call(server, { path: '/api/campaigns', session: viewer })).json).toHaveLength(2);
    const kpis = await call(server, {
      path: '/api/campaigns/ni-una-menos/kpis?from=2026-11-01&to=2026-11-03',
      session: viewer,
    });
    expect(kpis.json).toMatchObject({
      campaignId: 'ni-una-menos',
      from: '2026-11-01',
      to: '2026-11-03',
    });
    const impact = await call(server, {
      path: '/api/campaigns/ni-una-menos/impact?metric=posts&country=GT',
      session: viewer,
    });
    expect(impact.json).toMatchObject({
      campaignId: 'ni-una-menos',
      metric: 'posts',
      launchDate: '2026-10-20',
    });
    // Its sentence in the reader's language.
    expect((impact.json as { summary: string }).summary).toMatch(/^(Not enough data|After the launch)/);
    const impactEs = await call(server, {
      path: '/api/campaigns/ni-una-menos/impact?metric=posts&country=GT',
      session: viewer,
      headers: { 'accept-language': 'es' },
    });
    expect((impactEs.json as { summary: string }).summary).toMatch(/^(No hay datos|Tras el lanzamiento)/);
    expect(
      (
        await call(server, {
          path: '/api/campaigns/ni-una-menos/impact?metric=topicShare',
          session: viewer,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(server, {
          method: 'DELETE',
          path: '/api/campaigns/prevencion-2026',
          session: analyst,
        })
      ).status,
    ).toBe(204);
    expect(
      (await call(server, { path: '/api/campaigns/prevencion-2026', session: viewer })).status,
    ).toBe(404);
  });
});

describe('sources', () => {
  const body = {
    id: 'rss-gt',
    name: 'Prensa GT',
    kind: 'rss',
    query: { channel: 'https://example.org/feed.xml' },
  };

  it('admins create, edit, run and delete; analysts read status', async () => {
    expect(
      (await call(server, { method: 'POST', path: '/api/sources', session: analyst, body })).status,
    ).toBe(403);
    const created = await call(server, {
      method: 'POST',
      path: '/api/sources',
      session: admin,
      body,
    });
    expect(created.json).toMatchObject({
      id: 'rss-gt',
      status: 'idle',
      everyMinutes: 15,
      runs: [],
    });
    expect(
      (
        await call(server, {
          method: 'POST',
          path: '/api/sources',
          session: admin,
          body: { ...body, id: 'bad', baseUrl: 'file:///etc/passwd' },
        })
      ).status,
    ).toBe(400);
    const paused = await call(server, {
      method: 'PUT',
      path: '/api/sources/rss-gt',
      session: admin,
      body: { ...body, id: undefined, enabled: false },
    });
    expect(paused.json).toMatchObject({ enabled: false, status: 'paused' });
    const status = await call(server, { path: '/api/sources/rss-gt/status', session: analyst });
    expect(status.json).toEqual({
      id: 'rss-gt',
      status: 'paused',
      enabled: false,
      lastRunAt: null,
      lastSuccessAt: null,
      lastError: null,
      runs: [],
      gaps: [],
      quotaUsed: 0,
    });
    const run = await call(server, {
      method: 'POST',
      path: '/api/sources/rss-gt/run',
      session: admin,
    });
    expect(run).toMatchObject({ status: 202, json: { queued: true, job: 'collect' } });
    expect(server.runner.jobs.at(-1)).toEqual({
      name: 'collect',
      data: { sourceId: 'rss-gt' },
      jobId: 'now:rss-gt',
    });
    expect(
      (await call(server, { method: 'DELETE', path: '/api/sources/rss-gt', session: admin }))
        .status,
    ).toBe(204);
  });
});

describe('alerts', () => {
  it('lists and acknowledges alerts, manages rules', async () => {
    expect((await call(server, { path: '/api/alerts', session: viewer })).json).toEqual([
      expect.objectContaining({ id: 'alert-1', acknowledgedAt: null }),
    ]);
    const ack = await call(server, {
      method: 'POST',
      path: '/api/alerts/alert-1/acknowledge',
      session: analyst,
    });
    expect(ack.json).toMatchObject({ id: 'alert-1', acknowledgedAt: expect.any(String) });
    const rule = { id: 'odio-gt', name: 'Odio en GT', metric: 'hate', country: 'GT' };
    expect(
      (
        await call(server, {
          method: 'POST',
          path: '/api/alert-rules',
          session: analyst,
          body: { ...rule, webhookUrl: 'ftp://x.example/' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(server, {
          method: 'POST',
          path: '/api/alert-rules',
          session: analyst,
          body: rule,
        })
      ).json,
    ).toMatchObject({ ...rule, threshold: 3 });
    const edited = await call(server, {
      method: 'PUT',
      path: '/api/alert-rules/odio-gt',
      session: analyst,
      body: { ...rule, id: undefined, threshold: 4 },
    });
    expect(edited.json).toMatchObject({ id: 'odio-gt', threshold: 4 });
    expect(
      (await call(server, { path: '/api/alert-rules/odio-gt', session: analyst })).json,
    ).toMatchObject({ threshold: 4 });
    expect(
      (await call(server, { method: 'DELETE', path: '/api/alert-rules/odio-gt', session: analyst }))
        .status,
    ).toBe(204);
    expect(
      (await call(server, { method: 'DELETE', path: '/api/alert-rules/odio-gt', session: analyst }))
        .status,
    ).toBe(404);
  });
});

describe('lexicons', () => {
  it('reads shipped lexicons and keeps every analyst edit as a version', async () => {
    const list = (await call(server, { path: '/api/lexicons', session: analyst })).json as {
      name: string;
      version: number;
    }[];
    expect(list).toEqual(
      expect.arrayContaining([{ name: 'abuse', version: 0, editedBy: null, editedAt: null }]),
    );
    expect(list.map((l) => l.name)).toContain('sentiment/es');
    const shipped = await call(server, { path: '/api/lexicons/abuse', session: analyst });
    const content = (shipped.json as { content: Record<string, unknown> }).content;
    const saved = await call(server, {
      method: 'PUT',
      path: '/api/lexicons/abuse',
      session: analyst,
      body: { content: { ...content, extra: ['x'] }, baseVersion: 0 },
    });
    expect(saved.json).toMatchObject({
      name: 'abuse',
      version: 1,
      editedBy: server.users.analyst.id,
    });
    const stale = await call(server, {
      method: 'PUT',
      path: '/api/lexicons/abuse',
      session: analyst,
      body: { content, baseVersion: 0 },
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await call(server, {
          method: 'PUT',
          path: '/api/lexicons/abuse',
          session: analyst,
          body: { content: [], baseVersion: 1 },
        })
      ).status,
    ).toBe(409);
    expect(await server.store.settings.get('lexicon:abuse')).toMatchObject({
      version: 1,
      content: { extra: ['x'] },
    });
    const versions = await call(server, { path: '/api/lexicons/abuse/versions', session: analyst });
    expect((versions.json as { version: number }[]).map((v) => v.version)).toEqual([1, 0]);
    expect(
      (await call(server, { path: '/api/lexicons/abuse/versions/0', session: analyst })).json,
    ).toMatchObject({ content });
    expect(
      (
        await call(server, {
          path: `/api/lexicons/${encodeURIComponent('sentiment/extra')}`,
          session: analyst,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(server, {
          path: `/api/lexicons/${encodeURIComponent('../package')}`,
          session: analyst,
        })
      ).status,
    ).toBe(400);
    expect((await call(server, { path: '/api/lexicons/abuse', session: viewer })).status).toBe(403);
  });
});

describe('annotations', () => {
  it("stores an analyst's correction and applies it to the post's analysis and rollups", async () => {
    const before = await call(server, {
      path: `/api/overview?${RANGE}&country=GT`,
      session: viewer,
    });
    expect(before.json).toMatchObject({ misogynyRate: 50 });
    const res = await call(server, {
      method: 'POST',
      path: '/api/annotations',
      session: analyst,
      body: { postId: 'mastodon:1', misogyny: false, sentiment: 'NEU', note: 'es una denuncia' },
    });
    expect(res.status).toBe(201);
    const stored = await server.store.posts.get('mastodon:1');
    expect(stored!.enrichment!.misogyny).toMatchObject({
      flag: false,
      category: null,
      explanation: [{ feature: 'corrección de analista', weight: 1 }],
    });
    expect(stored!.enrichment!.sentiment.label).toBe('NEU');
    expect(server.runner.jobs.at(-1)).toMatchObject({ name: 'aggregate' });
    await server.store.rollups.recompute(await server.store.rollups.dirtyBuckets(100));
    expect(
      (await call(server, { path: `/api/overview?${RANGE}&country=GT`, session: viewer })).json,
    ).toMatchObject({ misogynyRate: 0 });
    const list = await call(server, {
      path: `/api/posts/${encodeURIComponent('mastodon:1')}/annotations`,
      session: analyst,
    });
    expect(list.json).toEqual([
      expect.objectContaining({
        userId: server.users.analyst.id,
        labels: { misogyny: false, sentiment: 'NEU' },
        note: 'es una denuncia',
      }),
    ]);
    expect(
      (
        await call(server, {
          method: 'POST',
          path: '/api/annotations',
          session: analyst,
          body: { postId: 'mastodon:1', note: 'sin etiquetas' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(server, {
          method: 'POST',
          path: '/api/annotations',
          session: analyst,
          body: { postId: 'mastodon:1', country: 'MX' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(server, {
          method: 'POST',
          path: '/api/annotations',
          session: analyst,
          body: { postId: 'nope', hate: true },
        })
      ).status,
    ).toBe(404);
  });
});

describe('briefs', () => {
  it('lists, queues generation and downloads the PDF', async () => {
    expect((await call(server, { path: '/api/briefs', session: viewer })).json).toEqual([
      expect.objectContaining({ id: 'brief-2026-W44' }),
    ]);
    const queued = await call(server, {
      method: 'POST',
      path: '/api/briefs',
      session: analyst,
      body: { week: '2026-W45' },
    });
    expect(queued).toMatchObject({ status: 202, json: { queued: true, job: 'brief' } });
    expect(server.runner.jobs.at(-1)).toEqual({
      name: 'brief',
      data: { week: '2026-W45' },
      jobId: 'brief:2026-W45',
    });
    const pdf = await call(server, { path: '/api/briefs/brief-2026-W44/pdf', session: viewer });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/filename="escucha-2026-W44-es\.pdf"/);
    expect(pdf.text).toBe('%PDF-1.7\n');
  });
});

describe('users and settings', () => {
  it('admins manage accounts and the privacy allow-list', async () => {
    const users = await call(server, { path: '/api/users', session: admin });
    expect(JSON.stringify(users.json)).not.toContain('argon2');
    const created = await call(server, {
      method: 'POST',
      path: '/api/users',
      session: admin,
      body: { email: 'x@example.org', name: 'X', role: 'viewer', password: 'una-clave-larga-1' },
    });
    const id = (created.json as { user: { id: string } }).user.id;
    expect(created.json).toMatchObject({ oneTimePassword: null });
    expect(
      (
        await call(server, {
          method: 'POST',
          path: '/api/users',
          session: admin,
          body: { email: 'X@example.org', name: 'X', role: 'viewer' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call(server, {
          method: 'PATCH',
          path: `/api/users/${id}`,
          session: admin,
          body: { role: 'analyst' },
        })
      ).json,
    ).toMatchObject({ role: 'analyst' });
    const reset = await call(server, {
      method: 'POST',
      path: `/api/users/${id}/password`,
      session: admin,
      body: {},
    });
    expect((reset.json as { oneTimePassword: string }).oneTimePassword).toHaveLength(20);
    expect(await server.credentials.mustChangePassword(id)).toBe(true);
    expect(
      (await call(server, { method: 'DELETE', path: `/api/users/${id}`, session: admin })).status,
    ).toBe(204);

    await call(server, {
      method: 'PUT',
      path: '/api/settings/privacy',
      session: admin,
      body: { allowedHandles: ['@Vecina_Real'] },
    });
    const detail = await call(server, {
      path: `/api/posts/${encodeURIComponent('mastodon:1')}`,
      session: viewer,
    });
    expect(detail.json).toMatchObject({
      post: { author: { handle: 'vecina_real', name: 'Ana Pérez' } },
    });
    await call(server, {
      method: 'PUT',
      path: '/api/settings/privacy',
      session: admin,
      body: { allowedHandles: [] },
    });
  });
});
