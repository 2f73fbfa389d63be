// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import '../../../client/elements/alert-list.js';
import '../../../client/elements/campaign-summary.js';
import '../../../client/elements/chart-panel.js';
import '../../../client/elements/country-map.js';
import '../../../client/elements/empty-state.js';
import '../../../client/elements/filter-bar.js';
import '../../../client/elements/kpi-card.js';
import '../../../client/elements/login-form.js';
import '../../../client/elements/multi-select.js';
import '../../../client/elements/post-card.js';
import '../../../client/elements/user-menu.js';
import { lineChart } from '../../../client/charts/time-series.js';
import { setCsrfToken } from '../../../client/api.js';
import { i18n } from '../../../client/i18n/index.js';
import { appState } from '../../../client/state/app-state.js';
import { $, campaign, deepText, post, ROUTES, settle, stubApi } from './fixtures.js';

async function mount<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  document.body.append(el);
  await settle();
  return el;
}

beforeEach(() => {
  i18n.set('es');
  setCsrfToken(null);
  stubApi();
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('<kpi-card>', () => {
  test.each([
    { value: 120, previous: 100, attrs: {}, text: /120.*\+20\s?%.*vs\. periodo anterior/, tone: '' },
    { value: 8.2, previous: 6.2, attrs: { format: 'percent', risingIsBad: true }, text: /8\.2\s?%.*\+2\.0\s?pp/, tone: 'bad' },
    { value: -20, previous: -30, attrs: { format: 'index', risingIsGood: true }, text: /-20.*\+10 pp/, tone: 'good' },
    { value: 5, previous: 0, attrs: {}, text: /sin datos del periodo anterior/, tone: null },
  ])('$value vs $previous', async ({ value, previous, attrs, text, tone }) => {
    const card = await mount('kpi-card', { label: 'Publicaciones', value, previous, ...attrs } as never);
    expect(deepText(card)).toMatch(text);
    if (tone !== null) expect(card.shadowRoot!.querySelector('.delta')!.className.trim()).toBe(`delta ${tone}`.trim());
  });

  test('a rate over a small sample says so and does not judge the change', async () => {
    const card = await mount('kpi-card', { label: 'Tasa', value: 66.7, previous: 20, format: 'percent', risingIsBad: true, sample: 6 } as never);
    expect(deepText(card)).toMatch(/muestra pequeña \(n = 6\)/);
    expect(card.shadowRoot!.querySelector('.delta')!.className.trim()).toBe('delta');
    const large = await mount('kpi-card', { label: 'Tasa', value: 66.7, previous: 20, format: 'percent', risingIsBad: true, sample: 600 } as never);
    expect(deepText(large)).not.toMatch(/muestra pequeña/);
    expect(large.shadowRoot!.querySelector('.delta')!.className.trim()).toBe('delta bad');
  });

  test('a rate over no analysed post is "—", not 0 %', async () => {
    const card = await mount('kpi-card', { label: 'Tasa', value: 0, previous: 12, format: 'percent', risingIsBad: true, sample: 0 } as never);
    expect($(card, '.value').textContent!.trim()).toBe('—');
    expect(deepText(card)).toMatch(/sin publicaciones analizadas en el periodo/);
    expect(deepText(card)).not.toMatch(/muestra pequeña|pp/);
  });

  test('plain hides the comparison', async () => {
    const card = await mount('kpi-card', { label: 'Alcance', value: 2_300_000, plain: true });
    expect($(card, '.change').hidden).toBe(true);
    expect(deepText(card)).toMatch(/2\.3\s?M/);
  });
});

describe('<chart-panel>', () => {
  const config = lineChart({ labels: ['1 nov', '2 nov'], series: [{ label: 'Publicaciones', data: [4, 6] }], format: String });

  test('offers a table alternative with the chart data', async () => {
    const panel = await mount('chart-panel', { heading: 'Volumen', config });
    expect(panel.shadowRoot!.querySelector('canvas')!.getAttribute('aria-label')).toContain('Volumen');
    $<HTMLButtonElement>(panel, 'button[aria-pressed]').click();
    await settle();
    const rows = [...panel.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    expect(rows).toEqual([['1 nov', '4'], ['2 nov', '6']]);
    expect($(panel, 'button[aria-pressed]').getAttribute('aria-pressed')).toBe('true');
  });

  test('downloads the data as CSV', async () => {
    const created: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:x'), revokeObjectURL: () => undefined }));
    const panel = await mount('chart-panel', { heading: 'Volumen de publicaciones', config });
    const buttons = [...panel.shadowRoot!.querySelectorAll('button')];
    buttons.find((b) => b.textContent!.includes('CSV'))!.click();
    expect(await created[0]!.text()).toBe('\ufeffFecha,Publicaciones\r\n1 nov,4\r\n2 nov,6\r\n');
  });

  test('says when there is no data', async () => {
    const panel = await mount('chart-panel', { heading: 'Volumen', config, empty: true });
    expect(deepText(panel)).toContain('No hay datos para estos filtros');
    expect(panel.shadowRoot!.querySelector('canvas')).toBeNull();
  });
});

describe('small elements', () => {
  test('<empty-state> is an alert when it reports an error', async () => {
    const el = await mount('empty-state', { heading: 'No se pudo cargar', kind: 'error' });
    expect($(el, '.box').getAttribute('role')).toBe('alert');
  });

  test('<multi-select> emits the new selection', async () => {
    const el = await mount('multi-select', { label: 'Países', options: [{ value: 'GT', label: 'Guatemala' }, { value: 'HN', label: 'Honduras' }], selected: ['GT'] });
    const seen: string[][] = [];
    el.addEventListener('selection-change', (e) => seen.push((e as CustomEvent<string[]>).detail));
    const hn = el.shadowRoot!.querySelector<HTMLInputElement>('input[value="HN"]')!;
    hn.checked = true;
    hn.dispatchEvent(new Event('change'));
    expect(seen).toEqual([['GT', 'HN']]);
    await settle();
    expect($(el, 'summary').getAttribute('aria-label')).toBe('Países: 2');
  });

  test('<country-map> toggles a country by click and keyboard', async () => {
    const el = await mount('country-map', { values: { GT: 10, HN: 5 }, selected: ['GT'], label: 'publicaciones' });
    const seen: string[] = [];
    el.addEventListener('country-toggle', (e) => seen.push((e as CustomEvent<string>).detail));
    const tiles = el.shadowRoot!.querySelectorAll('g.tile');
    expect(tiles).toHaveLength(7);
    $(el, 'g[data-country="HN"]').dispatchEvent(new MouseEvent('click'));
    $(el, 'g[data-country="SV"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(seen).toEqual(['HN', 'SV']);
    expect($(el, 'g[data-country="GT"]').getAttribute('aria-pressed')).toBe('true');
  });

  test('<alert-list> lets analysts acknowledge', async () => {
    const alerts = ROUTES.find(([p]) => p.source.includes('alerts'))![1] as never[];
    const el = await mount('alert-list', { alerts, canAcknowledge: true });
    const seen: string[] = [];
    el.addEventListener('acknowledge', (e) => seen.push((e as CustomEvent<string>).detail));
    $<HTMLButtonElement>(el, 'button').click();
    expect(seen).toEqual(['al1']);
    expect(deepText(el)).toContain('Alta');
  });

  test('<alert-list> words an alert in the reader\'s language from its scope; older alerts as stored', async () => {
    const scope = { metric: 'misogyny', granularity: 'hour', country: 'HN', platform: null, topic: 'violencia_domestica', campaign: null } as const;
    const alerts = [
      { id: 'a2', ruleId: 'r2', bucket: '2026-11-28T13:00:00.000Z', granularity: 'hour', severity: 'medium', observed: 40, expected: 5, score: 6.5, scope, message: 'Alerta: pico…', createdAt: '2026-11-28T14:00:00.000Z', acknowledgedAt: null, delivered: false },
      { id: 'a1', ruleId: 'r1', bucket: '2026-11-16T00:00:00.000Z', severity: 'high', observed: 40, expected: 4, score: 9, message: 'Pico de femicidio en Honduras', createdAt: '2026-11-16T23:00:00.000Z', acknowledgedAt: null, delivered: false },
    ];
    i18n.set('en');
    try {
      const el = await mount('alert-list', { alerts: alerts as never[] });
      const text = deepText(el);
      expect(text).toContain('Alert: spike in misogynistic posts in Honduras, topic Domestic violence: 40 in the hour of 28/11 at 13:00 UTC, against a usual 5 (6.5 times the normal variation).');
      expect(text).toContain('Pico de femicidio en Honduras');
    } finally {
      i18n.set('es');
    }
    const el = await mount('alert-list', { alerts: alerts as never[] });
    expect(deepText(el)).toContain('Alerta: pico de publicaciones misóginas en Honduras, tema Violencia doméstica: 40 en la hora del 28/11 a las 13:00 UTC');
  });

  test('<user-menu> shows the role and signs out', async () => {
    const el = await mount('user-menu', { user: { id: 'u', email: 'ana@example.org', name: 'Ana', role: 'viewer', locale: 'es' } });
    expect(deepText(el)).toContain('Consulta');
    let out = false;
    el.addEventListener('sign-out', () => (out = true));
    $<HTMLButtonElement>(el, 'button').click();
    expect(out).toBe(true);
  });
});

describe('<login-form>', () => {
  test('signs in and reports the session', async () => {
    const fetch = stubApi([[/\/api\/auth\/login/, { user: { id: 'u', email: 'a@b.org', name: 'A', role: 'admin', locale: 'es' }, via: 'session', mustChangePassword: false, csrfToken: 't' }]]);
    const el = await mount('login-form');
    $<HTMLInputElement>(el, '#email').value = 'a@b.org';
    $<HTMLInputElement>(el, '#password').value = 'secret-password';
    const signed = new Promise((resolve) => el.addEventListener('signed-in', resolve));
    $<HTMLFormElement>(el, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await signed;
    expect(JSON.parse(String(fetch.mock.calls[0]![1]!.body))).toEqual({ email: 'a@b.org', password: 'secret-password' });
  });

  test('shows the server message on bad credentials', async () => {
    stubApi([[/\/api\/auth\/login/, { error: { message: 'Correo o contraseña incorrectos.', code: 'ESCUCHA_UNAUTHORIZED', status: 401 } }, 401]]);
    const el = await mount('login-form');
    $<HTMLFormElement>(el, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(deepText($(el, '.error'))).toBe('Correo o contraseña incorrectos.');
  });
});

describe('<post-card>', () => {
  test('explains the labels and corrects in one click (analyst, with CSRF)', async () => {
    document.cookie = 'escucha_csrf=tok123';
    const fetch = stubApi();
    const el = await mount('post-card', { post: { ...post } as never, userRole: 'analyst' });
    const why = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Por qué'))!;
    why.click();
    await settle();
    expect(deepText(el)).toMatch(/asesinada.*1\.20/);
    const unmark = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('No es misoginia'))!;
    unmark.click();
    await settle();
    const call = fetch.mock.calls.find(([url]) => String(url).endsWith('/api/annotations'))!;
    expect(JSON.parse(String(call[1]!.body))).toEqual({ postId: 'x:1', misogyny: false });
    expect((call[1]!.headers as Record<string, string>)['x-csrf-token']).toBe('tok123');
    expect(deepText(el)).toContain('Corrección guardada');
  });

  test('analysts also correct hate and emotion from the detail', async () => {
    document.cookie = 'escucha_csrf=tok123';
    const fetch = stubApi();
    const el = await mount('post-card', { post: { ...post } as never, userRole: 'analyst' });
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Por qué'))!.click();
    await settle();
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Marcar como odio'))!.click();
    await settle();
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('.more select')!;
    select.value = 'fear';
    select.dispatchEvent(new Event('change'));
    await settle();
    const bodies = fetch.mock.calls.filter(([url]) => String(url).endsWith('/api/annotations')).map(([, init]) => JSON.parse(String(init!.body)));
    expect(bodies).toEqual([{ postId: 'x:1', hate: true }, { postId: 'x:1', emotion: 'fear' }]);
  });

  test('viewers see labels but no correction buttons', async () => {
    const el = await mount('post-card', { post: { ...post } as never, userRole: 'viewer' });
    expect(deepText(el)).toContain('Misoginia');
    expect(el.shadowRoot!.querySelector('.seg')).toBeNull();
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Por qué'))!.click();
    await settle();
    expect(el.shadowRoot!.querySelector('.more')).toBeNull();
  });
});

describe('<filter-bar> and <campaign-summary>', () => {
  test('filter-bar writes selections to the URL state', async () => {
    const el = await mount('filter-bar');
    const countries = el.shadowRoot!.querySelector('multi-select[data-key="country"]')!;
    countries.dispatchEvent(new CustomEvent('selection-change', { detail: ['SV'] }));
    await settle();
    expect(appState.filter.country).toEqual(['SV']);
    expect(appState.href('resumen')).toContain('country=SV');
    expect(deepText(el)).toContain('El Salvador');
    appState.setFilter({ country: [] });
  });

  test('campaign-summary shows KPIs and the impact sentence', async () => {
    const el = await mount('campaign-summary', { campaign: campaign as never });
    await settle(60);
    const text = deepText(el);
    expect(text).toContain('Influenciadores');
    expect(text).toContain('Tras el lanzamiento, la tasa de misoginia bajó 2 puntos.');
    expect(text).toContain('@elfaro.net');
  });
});
