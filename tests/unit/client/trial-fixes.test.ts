// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ChartConfiguration } from 'chart.js';
import '../../../client/elements/escucha-app.js';
import '../../../client/elements/campaign-summary.js';
import '../../../client/elements/post-card.js';
import { barChart, NARROW_CHARS, wrapLabel } from '../../../client/charts/bars.js';
import { onlyStopwords, readableEvidence } from '../../../client/evidence.js';
import { breakPoints, formatChange, formatIndex, formatPercent, formatSignedPercent } from '../../../client/format.js';
import { i18n } from '../../../client/i18n/index.js';
import { sourceHealth } from '../../../models/source-health.js';
import { AppState, appState } from '../../../client/state/app-state.js';
import { parseFilter } from '../../../client/state/filter.js';
import { byStrength, strengthOf } from '../../../client/views/view-narrativas.js';
import { scopeText } from '../../../client/views/view-informes.js';
import { campaign, deepText, post, ROUTES, settle, stubApi } from './fixtures.js';

const TODAY = new Date('2026-11-28T15:00:00Z');
const nbsp = (s: string | null) => (s === null ? null : s.replace(/\s/g, ' '));

beforeEach(() => {
  i18n.set('es');
  stubApi();
});
afterEach(() => {
  document.body.innerHTML = '';
  document.cookie = 'escucha_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  vi.unstubAllGlobals();
});

const source = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id, name: `Fuente ${id}`, kind: 'rss', query: {}, baseUrl: null, everyMinutes: 30, enabled: true, credential: null, cursor: null, status,
  lastRunAt: '2026-11-28T10:00:00.000Z', lastSuccessAt: null, lastError: 'sin conexión: no se pudo contactar news.google.com (ENOTFOUND)',
  runs: [], gaps: [], quotaUsed: 0, createdAt: '', updatedAt: '', ...extra,
});
const OFFLINE = Array.from({ length: 11 }, (_, i) => source(`s${i}`, 'offline'));

describe('one rule for percentages and indices (7)', () => {
  test.each([
    [8, '8.0%'],
    [8.44, '8.4%'],
    [0, '0%'],
    [10.9, '11%'],
    [64, '64%'],
    [9.96, '10%'],
  ])('formatPercent(%d) = %s', (value, text) => expect(nbsp(formatPercent(value, 'es-419'))).toBe(text));

  test('signed indices always keep one decimal, so a column lines up', () => {
    expect(formatIndex(-64, 'es-419')).toBe('-64.0');
    expect(formatIndex(-70.44, 'es-419')).toBe('-70.4');
    expect(formatIndex(24.2, 'en-BZ')).toBe('+24.2');
  });

  test('changes follow the same decimals, the sign placed by Intl', () => {
    expect(nbsp(formatSignedPercent(30.1, 'es-419'))).toBe('+30%');
    expect(nbsp(formatSignedPercent(-4.23, 'es-419'))).toBe('-4.2%');
    expect(nbsp(formatChange(8.4, 6.4, 'points', 'es-419'))).toBe('+2.0 pp');
    // No hand-written space before "%": whatever Intl gives, the same everywhere.
    expect(formatPercent(64, 'es-419')).toBe(new Intl.NumberFormat('es-419', { style: 'percent' }).format(0.64));
  });
});

describe('Fuentes: errors wrap at spaces and punctuation (1)', () => {
  test('breakPoints cuts host names after their dots, not inside words', () => {
    expect(breakPoints('no se pudo contactar jetstream2.us-east.bsky.network (ENOTFOUND)')).toEqual([
      'no se pudo contactar jetstream2.', 'us-', 'east.', 'bsky.', 'network (ENOTFOUND)',
    ]);
    expect(breakPoints('HTTP 503')).toEqual(['HTTP 503']);
  });

  test('the error cell offers <wbr> break points and keeps the text whole', async () => {
    const error = 'sin conexión: no se pudo contactar jetstream2.us-east.bsky.network (ENOTFOUND)';
    stubApi([[/\/api\/sources/, [source('b', 'offline', { lastError: error })]]]);
    const el = document.createElement('view-fuentes') as HTMLElement & { userRole: string };
    el.userRole = 'admin';
    document.body.append(el);
    await settle(80);
    const cell = el.shadowRoot!.querySelector('td.err')!;
    expect(cell.textContent!.replace(/<!--[^>]*-->/g, '')).toBe(error);
    expect(cell.querySelectorAll('wbr').length).toBe(4);
  });
});

describe('sources that never collected (2)', () => {
  test('sourceHealth counts failing, offline and collected sources', () => {
    const health = sourceHealth([
      ...OFFLINE.slice(0, 2),
      source('e', 'error'),
      source('p', 'paused', { enabled: false, lastSuccessAt: '2026-11-01T00:00:00.000Z' }),
    ] as never);
    expect(health).toMatchObject({ total: 4, enabled: 3, failing: 3, offline: 2, error: 1, collected: 1, allFailing: true, lastSuccessAt: '2026-11-01T00:00:00.000Z' });
    expect(sourceHealth([source('ok', 'ok')] as never).allFailing).toBe(false);
    expect(sourceHealth([]).allFailing).toBe(false);
  });

  test('Resumen says the sources exist but none collected, how many fail, and links to Fuentes', async () => {
    const none = { posts: 0, authors: 0, interactions: 0, potentialReach: 0, impressions: 0, netSentiment: 0, misogynyRate: 0, hateRate: 0 };
    stubApi([[/\/api\/overview/, { ...none, previous: none, sentiment: { P: 0, NEU: 0, N: 0 }, analysed: 0 }], [/\/api\/sources\/health/, sourceHealth(OFFLINE as never)]]);
    const el = document.createElement('view-resumen') as HTMLElement & { userRole: string };
    el.userRole = 'admin';
    document.body.append(el);
    await settle(120);
    const text = deepText(el);
    expect(text).toContain('Hay 11 fuentes configuradas, pero ninguna ha recogido publicaciones todavía.');
    expect(text).toContain('Todas las fuentes activas fallan ahora (11 sin conexión).');
    expect(text).not.toContain('configure una fuente');
    expect(el.shadowRoot!.querySelector('empty-state a')!.getAttribute('href')).toMatch(/^\/fuentes\?/);
  });

  test('every view carries a banner while all enabled sources fail, for every role', async () => {
    document.cookie = 'escucha_csrf=abc';
    // A viewer: the counts come from /api/sources/health, which every signed-in role may read.
    stubApi([[/\/api\/auth\/me/, { user: { id: 'u2', email: 'v@example.org', name: 'Vera', role: 'viewer', locale: 'es' }, via: 'session', mustChangePassword: false, csrfToken: 'csrf1' }], [/\/api\/sources\/health/, sourceHealth(OFFLINE as never)]]);
    const app = document.createElement('escucha-app');
    document.body.append(app);
    await settle(150);
    const banner = app.shadowRoot!.querySelector('#sources-down')!;
    expect(banner.getAttribute('role')).toBe('alert');
    expect(deepText(banner)).toContain('Ninguna fuente está recogiendo publicaciones: las 11 fuentes activas fallan (11 sin conexión)');
    expect(deepText(banner)).toContain('Todavía no se ha recogido ningún dato.');
    expect(banner.querySelector('a')!.getAttribute('href')).toMatch(/^\/fuentes/);
  });

  test('no banner while a source works', async () => {
    document.cookie = 'escucha_csrf=abc';
    stubApi([[/\/api\/sources\/health/, sourceHealth([...OFFLINE, source('ok', 'ok', { lastSuccessAt: '2026-11-28T09:00:00.000Z' })] as never)]]);
    const app = document.createElement('escucha-app');
    document.body.append(app);
    await settle(150);
    expect(app.shadowRoot!.querySelector('#sources-down')).toBeNull();
  });
});

describe('a shared link with invalid parameters (3)', () => {
  test.each([
    ['from=2026-11-20&to=2026-11-01', [{ reason: 'inverted', from: '2026-11-20', to: '2026-11-01' }]],
    ['from=garbage&to=2026-11-01', [{ reason: 'invalidDay', key: 'from', value: 'garbage' }]],
    ['from=2026-11-01', [{ reason: 'missingPair', key: 'from', value: '2026-11-01', other: 'to' }]],
    ['country=XX,GT', [{ reason: 'unknownValue', key: 'country', value: 'XX' }]],
    ['from=2026-11-01&to=2026-11-07&country=GT', []],
    ['', []],
  ])('parseFilter(%s) says what it ignored', (search, ignored) => {
    expect(parseFilter(search, TODAY).ignored).toEqual(ignored);
  });

  test('the URL is rewritten to the filter shown, and the notice is dismissible', () => {
    const replaceState = vi.fn();
    const win = {
      location: { pathname: '/territorio', search: '?from=2026-11-20&to=2026-11-01&country=XX,GT&c=x' },
      history: { replaceState, pushState: vi.fn() },
      addEventListener: vi.fn(),
    } as unknown as Window;
    const state = new AppState(win, () => TODAY);
    expect(state.filter).toMatchObject({ from: '2026-10-30', to: '2026-11-28', country: ['GT'] });
    expect(state.ignored.map((p) => p.reason)).toEqual(['inverted', 'unknownValue']);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/territorio?c=x&from=2026-10-30&to=2026-11-28&country=GT');
    state.dismissIgnored();
    expect(state.ignored).toEqual([]);
  });

  test('the shell lists each ignored parameter and why, until dismissed', async () => {
    document.cookie = 'escucha_csrf=abc';
    appState.ignored = parseFilter('from=garbage&to=2026-11-01&country=XX', TODAY).ignored;
    const app = document.createElement('escucha-app');
    document.body.append(app);
    await settle(150);
    const notice = app.shadowRoot!.querySelector('#ignored-params')!;
    const text = deepText(notice);
    expect(text).toContain('«from=garbage»: no es una fecha válida');
    expect(text).toContain('«country=XX»: valor desconocido');
    expect(text).toContain('Se muestra del');
    notice.querySelector('button')!.click();
    await settle(30);
    expect(app.shadowRoot!.querySelector('#ignored-params')).toBeNull();
  });
});

describe('Narrativas (4)', () => {
  const terms = [
    { kind: 'term', value: 'honduras', count: 30, expected: 20, ratio: 1.5, score: 4 },
    { kind: 'hashtag', value: 'justiciaparakarla', count: 40, expected: 1, ratio: 20, score: 80 },
    { kind: 'term', value: 'mujeres', count: 900, expected: 700, ratio: 1.3, score: 150 },
  ];

  test('strength in plain words, strongest first', () => {
    expect(['weak', 'clear', 'strong', 'veryStrong']).toEqual([4, 12, 40, 150].map(strengthOf));
    expect(byStrength(terms).map((t) => t.value)).toEqual(['mujeres', 'justiciaparakarla', 'honduras']);
  });

  test('the chart and table are sorted by score, show it, and the panel explains it; trends are neutral', async () => {
    stubApi([[/\/api\/narratives\/emerging/, terms]]);
    const el = document.createElement('view-narrativas');
    document.body.append(el);
    await settle(120);
    const panel = el.shadowRoot!.querySelector<HTMLElement & { config: ChartConfiguration<'bar'>; table: { columns: string[]; rows: unknown[][] } }>('chart-panel[heading="Términos emergentes"]')!;
    expect(panel.config.data.labels).toEqual(['mujeres', '#justiciaparakarla', 'honduras']);
    expect(panel.table.columns.slice(0, 3)).toEqual(['Término', 'Fuerza de la señal', 'G²']);
    expect(panel.table.rows.map((r) => r[1])).toEqual(['muy fuerte', 'fuerte', 'débil']);
    const footer = panel.config.options!.plugins!.tooltip!.callbacks!.footer as unknown as (items: { dataIndex: number }[]) => string;
    expect(footer([{ dataIndex: 1 }])).toBe('Fuerza de la señal: fuerte (G² = 80)');
    expect(deepText(panel)).toContain('ordenados de la señal más fuerte a la más débil');
    expect(el.shadowRoot!.querySelector('.up, .down')).toBeNull();
    expect(deepText(el.shadowRoot!.querySelector('.cluster')!)).toMatch(/▲\s?sube \+200%/);
  });

  test('no emerging term says why: nothing rises, or nothing before the period to compare with', async () => {
    const none = { posts: 0, authors: 0, interactions: 0, potentialReach: 0, impressions: 0, netSentiment: 0, misogynyRate: 0, hateRate: 0 };
    const emptyPanel = async () => {
      const el = document.createElement('view-narrativas');
      document.body.append(el);
      await settle(120);
      return deepText(el.shadowRoot!.querySelector('chart-panel[heading="Términos emergentes"]')!);
    };
    stubApi([[/\/api\/narratives\/emerging/, []], [/\/api\/overview/, { ...none, previous: { ...none, analysed: 0, polar: 0 }, sentiment: { P: 0, NEU: 0, N: 0 }, analysed: 0 }]]);
    expect(await emptyPanel()).toContain('No hay con qué comparar: no hay publicaciones en las 4 semanas anteriores');
    document.body.innerHTML = '';
    stubApi([[/\/api\/narratives\/emerging/, []]]);
    expect(await emptyPanel()).toContain('Ningún término ni hashtag crece de forma clara');
  });
});

describe('"Por qué" reads as words (5)', () => {
  test.each([
    ['intención:léxico:emo:joy', 'es', 'intención: léxico de alegría'],
    ['intención:léxico:emo:joy', 'en', 'intention: lexicon of joy'],
    ['regla:a la cocina', 'es', 'regla: a la cocina'],
    ['regla:a la cocina', 'en', 'rule: a la cocina'],
    ['objetivo:ninguno', 'es', 'no nombra a mujeres, el género ni a migrantes'],
  ] as const)('%s (%s) → %s', (feature, locale, shown) => expect(readableEvidence(feature, '', locale)).toBe(shown));

  test.each([
    ['intención:una', true],
    ['la', true],
    ['sexual-violence:de la', true],
    ['postura:que', true],
    ['intención:mujeres', false],
    ['intención:léxico:emo:joy', false],
    ['objetivo:ninguno', false],
    ['rasgo:question', false],
    ['regla:a la cocina', false],
    ['…ujer…', false],
  ])('onlyStopwords(%s) = %s', (feature, dropped) => expect(onlyStopwords(feature)).toBe(dropped));

  test('the post card leaves out rows that are only function words', async () => {
    const detail = ROUTES.find(([pattern]) => pattern.source.includes('posts\\/[^/?]+'))![1] as { post: { enrichment: { misogyny: Record<string, unknown> } } };
    const enrichment = { ...detail.post.enrichment, misogyny: { ...detail.post.enrichment.misogyny, explanation: [{ feature: 'intención:léxico:emo:joy', weight: 0.5 }, { feature: 'intención:una', weight: 0.4 }, { feature: 'la', weight: 0.3 }] } };
    stubApi([[/\/api\/posts\/[^/?]+\?*$/, { post: { ...detail.post, enrichment } }]]);
    const el = document.createElement('post-card') as HTMLElement & { post: unknown; userRole: string };
    el.post = { ...post };
    el.userRole = 'viewer';
    document.body.append(el);
    await settle(30);
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Por qué'))!.click();
    await settle(60);
    const rows = [...el.shadowRoot!.querySelectorAll('.why td:first-child')].map((td) => td.textContent!.trim());
    expect(rows).toContain('intención: léxico de alegría');
    expect(rows).not.toContain('intención: una');
    expect(rows).not.toContain('la');
  });
});

describe('Informes: each brief says its scope (8)', () => {
  test('in words, in the UI language', () => {
    expect(scopeText({ countries: ['BZ'], campaigns: [] })).toBe('Solo Belice · todas las campañas');
    expect(scopeText({ countries: [], campaigns: ['vidas-libres'] }, new Map([['vidas-libres', 'Vidas libres']]))).toBe('Todos los países · campañas: Vidas libres');
    i18n.set('en');
    expect(scopeText({ countries: ['BZ'], campaigns: [] })).toBe('Belize only · all campaigns');
    i18n.set('es');
  });

  test('the table has a scope column', async () => {
    stubApi([[/\/api\/briefs/, [{ id: 'b2', week: '2026-W47', from: '2026-11-16', to: '2026-11-22', locale: 'en', scope: { countries: ['BZ'], campaigns: [] }, bytes: 1, createdAt: '2026-11-23T06:00:00.000Z' }]]]);
    const el = document.createElement('view-informes');
    document.body.append(el);
    await settle(80);
    expect(deepText(el)).toContain('Alcance');
    expect(deepText(el)).toMatch(/Solo Belice · todas las campañas Inglés/);
  });
});

describe('category labels fit a phone (9)', () => {
  test('wrapLabel wraps at spaces onto two lines and cuts the rest', () => {
    expect(wrapLabel('Percepción de inseguridad', NARROW_CHARS)).toEqual(['Percepción de', 'inseguridad']);
    expect(wrapLabel('Robo', NARROW_CHARS)).toBe('Robo');
    expect(wrapLabel('Francisco Morazán (Honduras) y alrededores', NARROW_CHARS)).toEqual(['Francisco', 'Morazán (Hond…']);
  });

  test('a horizontal bar chart wraps its ticks by the chart width; the tooltip keeps the full name', () => {
    const config = barChart({ labels: ['Percepción de inseguridad'], series: [{ label: 'p', data: [1] }], format: String });
    const callback = (config.options!.scales!.y!.ticks as { callback: (this: unknown, v: number, i: number) => unknown }).callback;
    expect(callback.call({ chart: { width: 330 } }, 0, 0)).toEqual(['Percepción de', 'inseguridad']);
    expect(callback.call({ chart: { width: 900 } }, 0, 0)).toBe('Percepción de inseguridad');
    expect(config.data.labels).toEqual(['Percepción de inseguridad']);
  });
});

describe('Campañas: partial days and populations (10)', () => {
  test('the impact chart dots today, and each figure names its population', async () => {
    const today = new Date().toISOString().slice(0, 10);
    stubApi([[/\/api\/campaigns\/[^/]+\/impact/, { campaignId: 'vidas-libres', metric: 'misogynyRate', launchDate: '2026-10-19', days: [{ day: '2026-10-19', value: 8 }, { day: today, value: 0 }], levelChange: null, trendChange: null, ci95: null, pValue: null, n: { before: 0, after: 2 }, summary: 'No hay datos suficientes.' }]]);
    const el = document.createElement('campaign-summary') as HTMLElement & { campaign: unknown };
    // A campaign against violence towards women: its impact is read on the misogyny rate (impactMetricFor).
    el.campaign = { ...campaign, description: 'Prevención de la violencia contra las mujeres.' };
    document.body.append(el);
    await settle(120);
    const impact = el.shadowRoot!.querySelector<HTMLElement & { config: ChartConfiguration<'line'>; heading: string }>('chart-panel[filename="campana-vidas-libres-impacto"]')!;
    expect(impact.heading).toBe('Tasa de misoginia · toda la conversación');
    const footer = impact.config.options!.plugins!.tooltip!.callbacks!.footer as unknown as (items: { dataIndex: number }[]) => string;
    expect(footer([{ dataIndex: 1 }])).toBe(i18n.t.chart.partialDay);
    expect(footer([{ dataIndex: 0 }])).toBe('');
    const text = deepText(el);
    expect(text).toContain('Periodo de la campaña:');
    expect(text).toContain('Publicaciones de la campaña, del');
    expect(text).toContain('Tasa de misoginia de la campaña');
    expect(text).toContain('Toda la conversación analizada (no solo las publicaciones de la campaña)');
  });

  test('the view says campaigns ignore the global period', async () => {
    const el = document.createElement('view-campanas');
    document.body.append(el);
    await settle(120);
    expect(deepText(el.shadowRoot!.querySelector('.view-head')!)).toContain('Cada campaña se mide en sus propias fechas, no en el periodo del filtro global.');
  });
});
