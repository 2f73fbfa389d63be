// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import '../../../client/elements/escucha-app.js';
import { i18n } from '../../../client/i18n/index.js';
import { appState } from '../../../client/state/app-state.js';
import { deepText, settle, stubApi } from './fixtures.js';

const VIEWS = [
  ['view-resumen', ['Publicaciones', 'Volumen de publicaciones', 'Participación por tema', 'Publicaciones por país', 'Pico de femicidio en Honduras']],
  ['view-campanas', ['Vidas libres', 'Menciones en medios', 'Impacto estimado', 'Tras el lanzamiento']],
  ['view-narrativas', ['Temas en el tiempo', 'Términos emergentes', 'femicidio · mixco', '+200%', 'Agrupa las 120 publicaciones más recientes del periodo; 90 (75%) no forman parte']],
  ['view-violencia', ['Tasa de misoginia en el tiempo', 'Advertencia de contenido', 'Mostrar publicaciones']],
  ['view-territorio', ['Mapa de publicaciones por país', 'Guatemala', 'Sin ubicación', 'Departamentos y provincias']],
  ['view-explorar', ['Explorar publicaciones', 'Otro femicidio en Mixco', 'Exportar CSV']],
  ['view-alertas', ['Alertas recientes', 'Pico de femicidio en Honduras', 'Femicidio HN']],
  ['view-fuentes', ['Mastodon demo', 'Error', 'HTTP 503', 'cada 15 min']],
  ['view-informes', ['2026-W47', 'Descargar PDF', 'Generar informe']],
] as const;

beforeEach(() => {
  i18n.set('es');
  stubApi();
});
afterEach(() => {
  document.body.innerHTML = '';
  document.cookie = 'escucha_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  vi.unstubAllGlobals();
});

describe('views against the API fixtures', () => {
  test.each(VIEWS)('<%s> renders its panels', async (tag, texts) => {
    const el = document.createElement(tag) as HTMLElement & { userRole: string };
    el.userRole = 'admin';
    document.body.append(el);
    await settle(120);
    const text = deepText(el);
    for (const expected of texts) expect(text).toContain(expected);
  });

  test('a view says "no disponible" when the API lacks its route', async () => {
    stubApi([[/\/api\/briefs/, { error: { message: 'No encontrado', code: 'ESCUCHA_NOT_FOUND', status: 404 } }, 404]]);
    const el = document.createElement('view-informes');
    document.body.append(el);
    await settle(80);
    expect(deepText(el)).toContain('No disponible');
  });

  test('Resumen compares no rate with a previous period that had none to compute it from', async () => {
    const kpis = { posts: 120, authors: 40, interactions: 900, potentialReach: 125_000, impressions: 0, netSentiment: -20.5, misogynyRate: 8.2, hateRate: 1 };
    const previous = { ...kpis, posts: 3, netSentiment: 0, misogynyRate: 0, analysed: 0, polar: 0 };
    stubApi([[/\/api\/overview/, { ...kpis, previous, sentiment: { P: 30, NEU: 50, N: 40 }, analysed: 120 }]]);
    const el = document.createElement('view-resumen');
    document.body.append(el);
    await settle(120);
    const cards = [...el.shadowRoot!.querySelectorAll('kpi-card')].map((card) => deepText(card));
    const rate = cards.find((text) => text.includes('Tasa de misoginia'))!;
    expect(rate).toContain('sin datos del periodo anterior');
    expect(cards.find((text) => text.includes('Sentimiento neto'))).toContain('sin datos del periodo anterior');
  });

  test('a narrative links to its posts in Explorar, under the same filter', async () => {
    const el = document.createElement('view-narrativas');
    document.body.append(el);
    await settle(120);
    const link = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.cluster a')].find((a) => a.textContent!.includes('Ver sus publicaciones'))!;
    const url = new URL(link.href, 'http://x');
    expect(url.pathname).toBe('/explorar');
    expect(url.searchParams.get('q')).toBe('femicidio');
    expect(url.searchParams.get('from')).toBeTruthy();
  });

  test('Territorio shows "—" for the rates of a country with no analysed post', async () => {
    const none = { value: 'BZ', posts: 3, authors: 2, interactions: 1, potentialReach: 10, netSentiment: 0, misogyny: 0, misogynyRate: 0, hate: 0, hateRate: 0, analysed: 0, sentiment: { P: 0, NEU: 0, N: 0 }, emotions: {} };
    stubApi([[/\/api\/breakdowns\/country/, [none]]]);
    const el = document.createElement('view-territorio');
    document.body.append(el);
    await settle(120);
    const cells = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(cells[0]!.slice(-2)).toEqual(['—', '—']);
    expect(deepText(el)).not.toContain('Muestra pequeña');
  });

  test('Explorar asks the API for the labels picked, keeps them in the URL and in the CSV link', async () => {
    const fetch = stubApi();
    const el = document.createElement('view-explorar');
    document.body.append(el);
    await settle(80);
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name="misogyny"]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).toEqual(['Cualquiera', 'Marcadas', 'No marcadas']);
    select.value = 'true';
    select.dispatchEvent(new Event('change'));
    await settle(80);
    const searches = fetch.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('/api/posts?'));
    expect(searches.at(-1)).toContain('misogyny=true');
    expect(appState.params.get('misogyny')).toBe('true');
    expect(el.shadowRoot!.querySelector<HTMLAnchorElement>('a[download]')!.href).toContain('misogyny=true');
    appState.setParam('misogyny', null);
  });

  test('empty states say what to do', async () => {
    stubApi([[/\/api\/sources/, []], [/\/api\/campaigns/, []]]);
    const sources = document.createElement('view-fuentes');
    const campaigns = document.createElement('view-campanas');
    document.body.append(sources, campaigns);
    await settle(80);
    expect(deepText(sources)).toContain('No hay fuentes configuradas');
    expect(deepText(campaigns)).toContain('No hay campañas definidas');
  });
});

describe('<escucha-app>', () => {
  test('asks to sign in when there is no session cookie (without calling /me)', async () => {
    const fetch = stubApi();
    const app = document.createElement('escucha-app');
    document.body.append(app);
    await settle(80);
    expect(app.shadowRoot!.querySelector('login-form')).not.toBeNull();
    expect(fetch.mock.calls.some(([url]) => String(url).includes('/api/auth/me'))).toBe(false);
  });

  test('shows the shell, the DEMO badge and the role-filtered navigation', async () => {
    document.cookie = 'escucha_csrf=abc';
    const app = document.createElement('escucha-app');
    document.body.append(app);
    await settle(150);
    const root = app.shadowRoot!;
    expect(root.querySelector('.demo')?.textContent).toBe('DEMO');
    const nav = [...root.querySelectorAll('nav a')].map((a) => a.textContent!.trim());
    expect(nav).toContain('Fuentes');
    expect(root.querySelector('filter-bar')).not.toBeNull();
    expect(root.querySelector('view-resumen')).not.toBeNull();
  });

  test('viewers do not see Fuentes; English is one click away', async () => {
    document.cookie = 'escucha_csrf=abc';
    stubApi([[/\/api\/auth\/me/, { user: { id: 'v', email: 'v@example.org', name: 'Vera', role: 'viewer', locale: 'es' }, via: 'session', mustChangePassword: false, csrfToken: 'c' }]]);
    const app = document.createElement('escucha-app');
    document.body.append(app);
    await settle(150);
    const root = app.shadowRoot!;
    expect([...root.querySelectorAll('nav a')].map((a) => a.textContent!.trim())).not.toContain('Fuentes');
    [...root.querySelectorAll<HTMLButtonElement>('.lang button')].find((b) => b.textContent === 'EN')!.click();
    await settle(60);
    expect([...root.querySelectorAll('nav a')].map((a) => a.textContent!.trim())).toContain('Overview');
    i18n.set('es');
  });
});
