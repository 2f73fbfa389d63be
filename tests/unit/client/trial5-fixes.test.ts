// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import '../../../client/elements/campaign-summary.js';
import '../../../client/elements/chart-panel.js';
import '../../../client/elements/post-card.js';
import '../../../client/views/view-resumen.js';
import { impactMetricFor } from '../../../analytics/campaign-metric.js';
import { barChart } from '../../../client/charts/bars.js';
import { csvDate, tableHints, toCsv } from '../../../client/charts/table.js';
import { lineChart } from '../../../client/charts/time-series.js';
import type { ChartPanel } from '../../../client/elements/chart-panel.js';
import { evidenceRows, readableEvidence, wordOf } from '../../../client/evidence.js';
import { i18n } from '../../../client/i18n/index.js';
import type { Alert } from '../../../models/alert.js';
import { appState } from '../../../client/state/app-state.js';
import { volumeChart } from '../../../client/views/series-charts.js';
import { alertsInCountries } from '../../../client/views/view-resumen.js';
import { campaign, deepText, post, ROUTES, settle, stubApi } from './fixtures.js';

beforeEach(() => {
  i18n.set('es');
  stubApi();
});
afterEach(() => {
  document.body.innerHTML = '';
  appState.setFilter({ country: [] });
  i18n.set('es');
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const ev = (feature: string, weight: number) => ({ feature, weight });

describe('"Por qué" as an analyst reads it (1)', () => {
  const text = 'Las mujeres deberían quedarse en la casa cuidando a los hijos en vez de andar en la calle.';
  // The misogyny explanation of the trial's screenshot, with the rows it should not have shown.
  const misogyny = [
    ev('regla:las mujeres deberian quedarse', 1),
    ev('las mujeres', 0.32),
    ev('léxico:polarity (cuidando, vez)', 0.23),
    ev('mujeres', 0.1),
    ev('intención:la calle', 0.5),
    ev('…os p…', 0.6),
    ev('intención:…s pe…', 0.4),
    ev('léxico:pos (vez)', 0.44),
  ];

  test('character n-grams and function-word lexicon hits are left out; the rest strongest first', () => {
    expect(evidenceRows(misogyny, text, 'es')).toEqual([
      { label: 'regla: las mujeres deberían quedarse', weight: 1 },
      { label: 'intención: la calle', weight: 0.5 },
      { label: 'las mujeres', weight: 0.32 },
      { label: 'polaridad del léxico (cuidando)', weight: 0.23 },
      { label: 'mujeres', weight: 0.1 },
    ]);
  });

  test('sorted by absolute weight, duplicates merged (weights summed), at most 6 rows', () => {
    const rows = evidenceRows(
      [ev('a', 0.1), ev('postura:ni una menos', -1), ev('femicidio', 0.3), ev('femicidio', 0.3), ev('…femi…', 0.14), ev('b1', 0.2), ev('b2', 0.25), ev('b3', 0.05), ev('b4', 0.07), ev('b5', 0.08)],
      '',
      'es',
    );
    expect(rows.map((r) => r.label)).toEqual(['postura: ni una menos', 'femicidio', 'b2', 'b1', 'b5', 'b4']);
    expect(rows[1]!.weight).toBeCloseTo(0.6);
    expect(rows.every((r) => !r.label.includes('…'))).toBe(true);
  });

  test.each([
    ['léxico:mis:stereotyping-dominance', 'es', 'léxico misógino (estereotipos y dominación)'],
    ['léxico:mis:stereotyping-dominance', 'en', 'misogyny lexicon (stereotyping and dominance)'],
    ['léxico:mis:objectification (zorra, la)', 'es', 'léxico misógino (cosificación): zorra'],
    ['perfil:guatemala', 'es', 'perfil del autor: «guatemala»'],
    ['perfil:belice', 'en', 'author profile: “belice”'],
    ['stereotyping-dominance:mujeres', 'es', 'Estereotipos y dominación: mujeres'],
    ['objectification:cuerpo', 'en', 'Objectification: cuerpo'],
    // The mappings that already existed stay.
    ['objetivo:ninguno', 'es', 'no nombra a mujeres, el género ni a migrantes'],
    ['objetivo:ninguno', 'en', 'names no woman, gender or migrant'],
    ['regla:a la cocina', 'en', 'rule: a la cocina'],
    ['postura:basta de', 'es', 'postura: basta de'],
    ['intención:léxico:emo:joy', 'en', 'intention: lexicon of joy'],
    ['léxico:neg (asesinada)', 'es', 'palabras negativas (asesinada)'],
  ] as const)('%s (%s) → %s', (feature, locale, shown) => expect(readableEvidence(feature, '', locale)).toBe(shown));

  test('a lexicon row with only function words is dropped; internal rows are not', () => {
    expect(evidenceRows([ev('léxico:pos (vez)', 0.44), ev('léxico:neg', 0.2), ev('objetivo:ninguno', -1), ev('perfil:guatemala', 0.85)], '', 'es').map((r) => r.label)).toEqual([
      'no nombra a mujeres, el género ni a migrantes',
      'perfil del autor: «guatemala»',
      'palabras negativas',
    ]);
  });

  test.each([
    ['perfil:guatemala', null],
    ['objetivo:ninguno', null],
    ['léxico:pos (vez)', null],
    ['léxico:polarity (un, pasajeros, vez)', 'pasajeros'],
    ['…os p…', null],
    ['mujer…', null],
    ['sexual-violence:acoso', 'acoso'],
  ])('wordOf(%s) = %s', (feature, word) => expect(wordOf(feature)).toBe(word));

  test('the post card in English: readable rows, strongest first, no fragments or Spanish keys', async () => {
    i18n.set('en');
    const detail = ROUTES.find(([pattern]) => pattern.source.includes('posts\\/[^/?]+'))![1] as { post: { enrichment: Record<string, unknown> & { places: Record<string, unknown>[] } } };
    const enrichment = {
      ...detail.post.enrichment,
      sentiment: { label: 'N', score: -0.6, confidence: 0.8, explanation: [ev('…as d…', 0.03), ev('…s de…', 0.03), ev('…s de…', 0.02)] },
      places: [{ ...detail.post.enrichment.places[0], country: 'BZ', admin1: 'Cayo', explanation: [ev('perfil:belice', 0.85), ev('belmopan', 0.9)] }],
      misogyny: { flag: true, score: 0.9, category: 'stereotyping-dominance', intention: 'direct', explanation: [ev('mujeres', 0.1), ev('léxico:mis:stereotyping-dominance', 0.5), ev('regla:las mujeres deberian quedarse', 1), ev('léxico:pos (vez)', 0.44)] },
    };
    stubApi([[/\/api\/posts\/[^/?]+\?*$/, { post: { ...detail.post, text, enrichment } }]]);
    const el = document.createElement('post-card') as HTMLElement & { post: unknown };
    el.post = { ...post, text };
    document.body.append(el);
    await settle(30);
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Why'))!.click();
    await settle(60);
    const blocks = [...el.shadowRoot!.querySelectorAll('.why > div')].map((block) => ({
      title: block.querySelector('h4')!.textContent!.trim(),
      rows: [...block.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('td')!.textContent!.trim(), tr.querySelector('td.num')!.textContent!.trim()]),
    }));
    const rowsOf = (start: string) => blocks.find((b) => b.title.startsWith(start))!.rows;
    expect(rowsOf('Misogyny')).toEqual([
      ['rule: las mujeres deberían quedarse', '1.00'],
      ['misogyny lexicon (stereotyping and dominance)', '0.50'],
      ['mujeres', '0.10'],
    ]);
    expect(rowsOf('Belize')).toEqual([
      ['belmopan', '0.90'],
      ['author profile: “belice”', '0.85'],
    ]);
    // Only n-grams: nothing readable is left.
    expect(rowsOf('Sentiment')).toEqual([]);
    expect(deepText(el)).not.toMatch(/…|perfil:|léxico:/);
  });
});

describe('one impact metric per campaign, on the dashboard as in the brief (2)', () => {
  const impactRequests = (mock: ReturnType<typeof stubApi>) =>
    mock.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('/impact')).map((url) => new URL(url, 'http://x').searchParams.get('metric'));

  const mount = async (value: typeof campaign) => {
    const el = document.createElement('campaign-summary') as HTMLElement & { campaign: unknown; metric: string };
    el.campaign = value;
    document.body.append(el);
    await settle(90);
    return el;
  };

  test('a gender-violence campaign opens on the misogyny rate, any other on net sentiment', async () => {
    const gender = { ...campaign, description: 'Campaña regional de prevención de la violencia contra las mujeres.' };
    expect(impactMetricFor(gender)).toBe('misogynyRate');
    let mock = stubApi();
    let el = await mount(gender);
    expect(el.metric).toBe('misogynyRate');
    expect(el.shadowRoot!.querySelector('select')!.value).toBe('misogynyRate');
    expect(impactRequests(mock)).toEqual(['misogynyRate']);
    document.body.innerHTML = '';

    const streets = { ...campaign, id: 'calles-seguras', name: 'Calles seguras', description: 'Prevención de la violencia juvenil.', hashtags: ['CallesSeguras'] };
    expect(impactMetricFor(streets)).toBe('netSentiment');
    mock = stubApi();
    el = await mount(streets);
    expect(el.metric).toBe('netSentiment');
    expect(el.shadowRoot!.querySelector('select')!.value).toBe('netSentiment');
    expect(impactRequests(mock)).toEqual(['netSentiment']);
    expect(el.shadowRoot!.querySelector<ChartPanel>('chart-panel[filename="campana-calles-seguras-impacto"]')!.heading).toBe('Sentimiento neto · toda la conversación');
  });

  test('the user can still pick another metric; another campaign starts from its own', async () => {
    const mock = stubApi();
    const el = await mount({ ...campaign, description: 'Contra el acoso callejero.' });
    const select = el.shadowRoot!.querySelector('select')!;
    select.value = 'posts';
    select.dispatchEvent(new Event('change'));
    await settle(60);
    expect(el.metric).toBe('posts');
    expect(impactRequests(mock).at(-1)).toBe('posts');
    el.campaign = { ...campaign, id: 'safe-belize', name: 'Safe Belize', description: 'Community safety campaign in Belize.', hashtags: ['SafeBelize'] };
    await settle(60);
    expect(el.metric).toBe('netSentiment');
  });
});

describe('chart CSVs: ISO dates and a header on every column (3)', () => {
  const csvOf = async (panel: ChartPanel): Promise<string> => {
    let blob: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b: Blob | MediaSource) => ((blob = b as Blob), 'blob:x'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    // The download link is clicked, not followed.
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    [...panel.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('CSV'))!.click();
    expect(blob).not.toBeNull();
    return (await blob!.text()).replace(/^\ufeff/, '');
  };

  test('csvDate: days as YYYY-MM-DD, hours as YYYY-MM-DDTHH:00Z', () => {
    expect(csvDate('2026-10-20')).toBe('2026-10-20');
    expect(csvDate('2026-10-20T00:00:00.000Z')).toBe('2026-10-20');
    expect(csvDate('2026-10-20T13:00:00.000Z', true)).toBe('2026-10-20T13:00Z');
  });

  test('a time chart keeps its short labels; its CSV writes ISO dates', async () => {
    const config = volumeChart([
      { bucket: '2026-09-30T00:00:00.000Z', posts: 4 },
      { bucket: '2026-10-01T00:00:00.000Z', posts: 6 },
    ] as Parameters<typeof volumeChart>[0]);
    expect(config.data.labels).toEqual(['30 sept', '1 oct']);
    expect(tableHints(config).csvLabels).toEqual(['2026-09-30', '2026-10-01']);
    const panel = document.createElement('chart-panel');
    panel.heading = 'Volumen';
    panel.config = config;
    document.body.append(panel);
    await settle(10);
    expect(panel.data.rows.map((r) => r[0])).toEqual(['30 sept', '1 oct']);
    expect(await csvOf(panel)).toBe('Fecha,Publicaciones\r\n2026-09-30,4\r\n2026-10-01,6\r\n');
  });

  test('the campaign CSVs: dated days, and the hashtags table has a first column header', async () => {
    const el = document.createElement('campaign-summary') as HTMLElement & { campaign: unknown };
    el.campaign = campaign;
    document.body.append(el);
    await settle(120);
    const panel = (name: string) => el.shadowRoot!.querySelector<ChartPanel>(`chart-panel[filename="campana-vidas-libres-${name}"]`)!;
    expect((await csvOf(panel('dias'))).split('\r\n').slice(0, 3)).toEqual(['Fecha,Publicaciones', '2026-10-19,3', '2026-10-20,3']);
    expect((await csvOf(panel('sentimiento'))).split('\r\n')[1]).toMatch(/^2026-10-19,/);
    expect((await csvOf(panel('impacto'))).split('\r\n').slice(0, 2)).toEqual(['Fecha,Sentimiento neto', '2026-10-18,10']);
    expect((await csvOf(panel('hashtags'))).split('\r\n').slice(0, 2)).toEqual(['Hashtag,Publicaciones', '#vidaslibres,3']);
  });

  test('every column of a derived table has a header', () => {
    const panel = document.createElement('chart-panel');
    panel.config = barChart({ labels: ['a'], series: [{ label: '', data: [1] }], format: String });
    expect(panel.csvData.columns).toEqual(['Categoría', 'Valor']);
    expect(toCsv(panel.csvData).split('\r\n')[0]).toBe('\ufeffCategoría,Valor');
    panel.config = lineChart({ labels: ['2 nov'], series: [{ label: 'x', data: [1] }], format: String });
    // Without csvLabels the short labels are all there is.
    expect(panel.csvData.rows[0]![0]).toBe('2 nov');
  });
});

describe('Resumen: the latest alerts follow the country filter (4)', () => {
  const scope = (country: 'HN' | 'BZ' | null): Alert['scope'] => ({ metric: 'posts', granularity: 'day', country, platform: null, topic: null, campaign: null });
  const alert = (id: string, message: string, s: Alert['scope']): Alert => ({
    id, ruleId: 'r1', bucket: '2026-11-16T00:00:00.000Z', severity: 'high', observed: 40, expected: 4, score: 9, message,
    createdAt: '2026-11-16T23:00:00.000Z', acknowledgedAt: null, delivered: false, ...(s ? { scope: s } : {}),
  });
  const alerts = [alert('a1', 'Pico en Honduras', scope('HN')), alert('a2', 'Pico en Belice', scope('BZ')), alert('a3', 'Pico en la región', scope(null)), alert('a4', 'Pico antiguo', undefined)];

  test('alertsInCountries keeps the filter\'s countries, rules over every country and unscoped alerts', () => {
    expect(alertsInCountries(alerts, ['BZ']).map((a) => a.id)).toEqual(['a2', 'a3', 'a4']);
    expect(alertsInCountries(alerts, ['HN', 'BZ']).map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(alertsInCountries(alerts, []).map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  test('with Belize selected the overview shows no Honduras alert', async () => {
    stubApi([[/\/api\/alerts/, alerts]]);
    appState.setFilter({ country: ['BZ'] });
    const el = document.createElement('view-resumen');
    document.body.append(el);
    await settle(150);
    const list = deepText(el.shadowRoot!.querySelector('alert-list')!);
    expect(list).toContain('Belice');
    expect(list).not.toContain('Honduras');
  });
});

describe('Campaign summary: no polar post, no net sentiment (5)', () => {
  test('an empty campaign shows "—" for net sentiment as for the misogyny rate', async () => {
    const zero = { posts: 0, authors: 0, interactions: 0, potentialReach: 0, influencers: 0, mediaMentions: 0, hashtags: 0, sentiment: { P: 0, NEU: 0, N: 0 }, netSentiment: 0, misogyny: 0, misogynyRate: 0, analysed: 0 };
    stubApi([[/\/api\/campaigns\/[^/]+\/kpis/, { campaignId: 'vidas-libres', from: '2026-10-19', to: '2026-10-20', total: zero, days: [{ ...zero, day: '2026-10-19' }], topHashtags: [] }]]);
    const el = document.createElement('campaign-summary') as HTMLElement & { campaign: unknown };
    el.campaign = campaign;
    document.body.append(el);
    await settle(120);
    const card = (label: string) => [...el.shadowRoot!.querySelectorAll('kpi-card')].find((k) => k.getAttribute('label')!.startsWith(label))!;
    expect(deepText(card('Sentimiento neto').shadowRoot!.querySelector('.value')!)).toBe('—');
    expect(deepText(card('Tasa de misoginia').shadowRoot!.querySelector('.value')!)).toBe('—');
  });

  test('a campaign with polar posts still shows its net sentiment', async () => {
    const el = document.createElement('campaign-summary') as HTMLElement & { campaign: unknown };
    el.campaign = campaign;
    document.body.append(el);
    await settle(120);
    const card = [...el.shadowRoot!.querySelectorAll('kpi-card')].find((k) => k.getAttribute('label') === 'Sentimiento neto')!;
    expect(deepText(card.shadowRoot!.querySelector('.value')!)).not.toBe('—');
  });
});
