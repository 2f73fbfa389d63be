import { vi } from 'vitest';

/** API answers for component tests, in the server's shapes, and a fetch stub that routes to them. */
const kpis = { posts: 120, authors: 40, interactions: 900, potentialReach: 125_000, impressions: 0, netSentiment: -20.5, misogynyRate: 8.2, hateRate: 1 };
const sentiment = { P: 2, NEU: 3, N: 5 };
const emotions = { anger: 1, disgust: 0, fear: 0, joy: 0, sadness: 0, surprise: 0, others: 0 };
const row = (value: string, posts: number) => ({ ...kpis, value, posts, sentiment, misogyny: 1, hate: 0, analysed: posts, emotions });
const point = (bucket: string, posts: number) => ({ bucket, posts, authors: 3, interactions: 10, potentialReach: 100, sentiment, netSentiment: -42.9, misogyny: 1, misogynyRate: 10, hate: 0, hateRate: 0, impressions: 0, analysed: 10, emotions });
export const post = {
  id: 'x:1', platform: 'x', createdAt: '2026-11-20T10:00:00.000Z', url: null, text: 'Otro femicidio en Mixco', interactions: 12, views: 0,
  country: 'GT', sentiment: 'N', misogyny: true, author: { id: 'a_abc', platform: 'x', public: false, handle: null, name: null, kind: null },
};
export const campaign = {
  id: 'vidas-libres', name: 'Vidas libres', description: '', hashtags: ['VidasLibres'], handles: [], keywords: [], countries: [],
  startDate: '2026-10-19', endDate: null, launchDate: null, createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-01T00:00:00.000Z',
};
const dayKpis = { posts: 3, authors: 2, interactions: 9, potentialReach: 50, influencers: 1, mediaMentions: 0, hashtags: 1, sentiment, netSentiment: 0, misogyny: 0, misogynyRate: 0, analysed: 3 };
const enrichment = {
  version: 't', enrichedAt: '2026-11-20T10:00:01.000Z', language: { code: 'es', score: 1, explanation: [] },
  sentiment: { label: 'N', score: -0.6, confidence: 0.8, explanation: [{ feature: 'asesinada', weight: 1.2 }] },
  emotions: { label: 'anger', scores: emotions, explanation: [] }, topics: [{ id: 'femicidio', score: 0.9, explanation: [{ feature: 'femicidio', weight: 1.5 }] }],
  misogyny: { flag: true, score: 0.7, category: 'sexual-violence', explanation: [{ feature: 'mujer', weight: 0.4 }] },
  hate: { flag: false, score: 0.1, explanation: [] }, places: [{ country: 'GT', admin1: 'Guatemala', from: 'text', score: 0.9, explanation: [{ feature: 'mixco', weight: 0.9 }] }], campaigns: [],
};

export const ROUTES: [RegExp, unknown][] = [
  [/\/api\/health/, { status: 'ok', store: 'sqlite', queue: 'inline', version: '0.1.0', demo: true }],
  [/\/api\/auth\/me/, { user: { id: 'u1', email: 'ana@example.org', name: 'Ana', role: 'analyst', locale: 'es' }, via: 'session', mustChangePassword: false, csrfToken: 'csrf1' }],
  [/\/api\/overview/, { ...kpis, previous: { ...kpis, posts: 100, analysed: 95, polar: 60 }, sentiment, analysed: 120 }],
  [/\/api\/series/, { granularity: 'day', points: [point('2026-11-01', 4), point('2026-11-02', 6)] }],
  [/\/api\/breakdowns\/country/, [row('GT', 60), row('HN', 40), row('', 5)]],
  [/\/api\/breakdowns\/admin1/, [row('GT:Guatemala', 20)]],
  [/\/api\/breakdowns\//, [row('femicidio', 30), row('sexual-violence', 7)]],
  [/\/api\/top\/authors/, [{ id: 'a_1', platform: 'rss', public: true, handle: 'elfaro.net', name: 'El Faro', kind: 'media', posts: 3, interactions: 9, followers: 250_000 }]],
  [/\/api\/posts\/[^/?]+\?*$/, { post: { ...post, enrichment, author: { id: 'a_abc', handle: null, name: null, followers: 5, verified: false, location: null } } }],
  [/\/api\/posts/, { posts: [post], next: null }],
  [/\/api\/annotations/, { annotation: { id: 'n1' } }],
  [/\/api\/narratives\/emerging/, [{ kind: 'hashtag', value: 'justiciaparakarla', count: 40, expected: 1, ratio: 20, score: 80 }]],
  [/\/api\/narratives/, { sampled: 120, other: 90, narratives: [{ label: 'femicidio · mixco', terms: ['femicidio'], size: 30, previous: 10, trend: 200, samples: [{ id: 'x:1', text: 'Otro femicidio' }] }] }],
  [/\/api\/campaigns\/[^/]+\/kpis/, { campaignId: 'vidas-libres', from: '2026-10-19', to: '2026-10-20', total: dayKpis, days: [{ ...dayKpis, day: '2026-10-19' }, { ...dayKpis, day: '2026-10-20' }], topHashtags: [{ value: 'vidaslibres', posts: 3, interactions: 9 }] }],
  [/\/api\/campaigns\/[^/]+\/impact/, { campaignId: 'vidas-libres', metric: 'misogynyRate', launchDate: '2026-10-19', days: [{ day: '2026-10-18', value: 10 }, { day: '2026-10-19', value: 8 }], levelChange: -2, trendChange: 0, ci95: [-4, 0], pValue: 0.04, n: { before: 1, after: 1 }, summary: 'Tras el lanzamiento, la tasa de misoginia bajó 2 puntos.' }],
  [/\/api\/campaigns/, [campaign]],
  [/\/api\/alert-rules/, [{ id: 'r1', name: 'Femicidio HN', metric: 'posts', country: 'HN', platform: null, topic: 'femicidio', campaign: null, granularity: 'day', threshold: 3, minVolume: 20, cooldownHours: 24, enabled: true, webhookUrl: null, createdAt: '', updatedAt: '' }]],
  [/\/api\/alerts/, [{ id: 'al1', ruleId: 'r1', bucket: '2026-11-16T00:00:00.000Z', severity: 'high', observed: 40, expected: 4, score: 9, message: 'Pico de femicidio en Honduras', createdAt: '2026-11-16T23:00:00.000Z', acknowledgedAt: null, delivered: false }]],
  [/\/api\/sources/, [{ id: 's1', name: 'Mastodon demo', kind: 'mastodon', query: {}, baseUrl: null, everyMinutes: 15, enabled: true, credential: null, cursor: null, status: 'error', lastRunAt: '2026-11-28T10:00:00.000Z', lastSuccessAt: null, lastError: 'HTTP 503', runs: [], gaps: [{ from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T05:00:00.000Z', reason: 'caída' }], quotaUsed: 0, createdAt: '', updatedAt: '' }]],
  [/\/api\/briefs/, [{ id: 'b1', week: '2026-W47', from: '2026-11-16', to: '2026-11-22', locale: 'es', scope: { countries: [], campaigns: [] }, bytes: 20480, createdAt: '2026-11-23T06:00:00.000Z' }]],
];

/** Replaces fetch with the fixture router; returns the mock to inspect calls. */
export function stubApi(overrides: [RegExp, unknown, number?][] = []) {
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const hit = [...overrides, ...ROUTES].find(([pattern]) => pattern.test(url));
    const status = (hit as [RegExp, unknown, number?] | undefined)?.[2] ?? (hit ? 200 : 404);
    const body = hit ? hit[1] : { error: { message: 'No encontrado', code: 'ESCUCHA_NOT_FOUND', status: 404 } };
    void init;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', mock);
  return mock;
}

/** Waits until the element and its descendants finished rendering and their tasks settled. */
export async function settle(ms = 30): Promise<void> {
  for (let i = 0; i < 6; i++) await new Promise((resolve) => setTimeout(resolve, ms / 6));
}

/** Text of an element including its shadow roots, whitespace-collapsed. */
export function deepText(node: Node): string {
  let text = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) text += n.textContent;
    const root = (n as Element).shadowRoot;
    if (root) root.childNodes.forEach(walk);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return text.replace(/\s+/g, ' ').trim();
}

export function $<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`${selector} not found in ${host.localName}`);
  return found;
}
