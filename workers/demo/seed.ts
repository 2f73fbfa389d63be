import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertMessage } from '../../analytics/alert-message.js';
import { alertScope } from '../../analytics/alerts.js';
import type { Alert, AlertRule } from '../../models/alert.js';
import type { Source } from '../../models/source.js';
import type { Store } from '../../models/store.js';
import type { Analyzer } from '../../nlp/analyze.js';
import { generateDemo } from './generate.js';

/** The file that marks a data directory as holding the demo dataset (the store keeps a copy in settings). */
export const DEMO_MARKER = 'demo.json';
export const DEMO_SETTING = 'demo';

export interface DemoMarker {
  demo: true;
  generatedAt: string;
  posts: number;
  days: number;
  note: string;
}

export function readDemoMarker(dataDir: string): DemoMarker | null {
  const file = join(dataDir, DEMO_MARKER);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoMarker;
  } catch {
    return null;
  }
}

export class DemoRefusedError extends Error {
  readonly code = 'ESCUCHA_DEMO_REFUSED';
}

const BATCH = 1_000;

/**
 * Fills a store with the demo dataset: campaigns, paused demo sources with run history, an alert
 * rule and its alert on the spike, then the posts, analysed by the real analyser, and their
 * rollups. Refuses a store that holds posts and is not marked as demo: demo data never mixes
 * with real data.
 */
export async function seedDemo(
  store: Store,
  analyzer: Analyzer,
  options: { dataDir: string; posts: number; days: number; today: Date; secret: string; onProgress?: (done: number) => void },
): Promise<{ posts: number; inserted: number; campaigns: number }> {
  const marked = readDemoMarker(options.dataDir) !== null || (await store.settings.get(DEMO_SETTING)) !== null;
  if (!marked && (await store.posts.count()) > 0) {
    throw new DemoRefusedError(
      `${options.dataDir} already holds real posts: demo data is only written to an empty or demo directory (use --data-dir ./data-demo)`,
    );
  }
  const marker: DemoMarker = {
    demo: true,
    generatedAt: options.today.toISOString(),
    posts: options.posts,
    days: options.days,
    note: 'Datos de demostración generados por "escucha demo": no son publicaciones reales. / Generated demonstration data.',
  };
  // Marked first: a crash half-way leaves a directory that is recognisably demo.
  writeFileSync(join(options.dataDir, DEMO_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  await store.settings.set(DEMO_SETTING, marker);
  // Never seed the live default sources into a demo directory (workers/default-sources.ts key).
  await store.settings.set('collectors.defaultSources', { version: Number.MAX_SAFE_INTEGER, ids: [] });

  const data = generateDemo({ posts: options.posts, days: options.days, today: options.today, secret: options.secret });
  for (const campaign of data.campaigns) await store.campaigns.save(campaign);
  for (const source of demoSources(options.today)) await store.sources.save(source);
  const observed = data.posts.filter((p) => p.hashtags.includes('JusticiaParaKarla')).length;
  const usual = data.posts.filter((p) => /femicidio|feminicidio/i.test(p.text) && p.author.location === 'Honduras' && !p.createdAt.startsWith(data.spikeDay)).length;
  const { rule, alert } = demoAlert(options.today, data.spikeDay, observed, Math.max(1, Math.round(usual / options.days)));
  await store.alerts.saveRule(rule);
  await store.alerts.insert(alert);

  let inserted = 0;
  for (let i = 0; i < data.posts.length; i += BATCH) {
    const batch = data.posts.slice(i, i + BATCH);
    const result = await store.posts.upsert(batch);
    inserted += result.inserted;
    const enrichedAt = new Date().toISOString();
    const byId = new Map(batch.map((p) => [`${p.platform}:${p.externalId}`, p]));
    const items = result.insertedIds.map((id) => {
      const p = byId.get(id)!;
      const analysis = analyzer.analyze({
        text: p.text, hashtags: p.hashtags, mentions: p.mentions, authorHandle: p.author.handle, authorLocation: p.author.location,
        platformLang: p.lang, createdAt: p.createdAt, campaigns: data.campaigns,
      });
      return { id, enrichment: { ...analysis, enrichedAt } };
    });
    await store.posts.saveEnrichments(items);
    options.onProgress?.(Math.min(data.posts.length, i + BATCH));
  }
  for (;;) {
    const dirty = await store.rollups.dirtyBuckets(2_000);
    if (dirty.length === 0) break;
    await store.rollups.recompute(dirty);
  }
  return { posts: data.posts.length, inserted, campaigns: data.campaigns.length };
}

function demoSources(today: Date): Source[] {
  const at = (hoursAgo: number) => new Date(today.getTime() - hoursAgo * 3_600_000).toISOString();
  const run = (hoursAgo: number, inserted: number, error: string | null = null) => ({
    startedAt: at(hoursAgo), finishedAt: at(hoursAgo - 0.02), fetched: inserted + 12, inserted, duplicates: 12, rejected: 0, error,
  });
  const base = { cursor: null, quotaUsed: 0, createdAt: at(24 * 90), updatedAt: at(1), baseUrl: null, credential: null, enabled: false };
  return [
    {
      ...base, id: 'demo-mastodon', name: 'Mastodon · #NiUnaMenos #femicidio (demo)', kind: 'mastodon', everyMinutes: 15,
      query: { hashtags: ['NiUnaMenos', 'femicidio'], keywords: [], handles: [], channel: null, language: 'es', countries: [] },
      status: 'paused', lastRunAt: at(1), lastSuccessAt: at(1), lastError: null,
      runs: [run(3, 41), run(2, 38), run(1, 52)],
      gaps: [{ from: at(24 * 20), to: at(24 * 20 - 5), reason: 'La instancia no respondió (HTTP 503) durante 5 horas' }],
    },
    {
      ...base, id: 'demo-rss-medios', name: 'RSS · medios de la región (demo)', kind: 'rss', everyMinutes: 30,
      query: { hashtags: [], keywords: ['violencia', 'seguridad'], handles: [], channel: 'https://example.org/rss', language: 'es', countries: [] },
      status: 'error', lastRunAt: at(0.5), lastSuccessAt: at(6), lastError: 'HTTP 404 al leer https://example.org/rss (demo)',
      runs: [run(7, 9), run(6, 4), run(0.5, 0, 'HTTP 404 (demo)')],
      gaps: [],
    },
  ];
}

function demoAlert(today: Date, spikeDay: string, observed: number, expected: number): { rule: AlertRule; alert: Alert } {
  const stamp = today.toISOString();
  const rule: AlertRule = {
    id: 'femicidio-hn', name: 'Femicidio en Honduras', metric: 'posts', country: 'HN', platform: null, topic: 'femicidio', campaign: null,
    granularity: 'day', threshold: 3, minVolume: 20, cooldownHours: 24, enabled: true, webhookUrl: null, createdAt: stamp, updatedAt: stamp,
  };
  // Worded and scoped as the alert processor stores alerts, so the dashboard words it in either language.
  const bucket = `${spikeDay}T00:00:00.000Z`;
  // The spike's size in units of a Poisson count's usual variation (√expected), as a robust
  // z-score reads on a steady series: consistent with the figures the sentence gives.
  const score = Math.round(((observed - expected) / Math.sqrt(Math.max(1, expected))) * 10) / 10;
  const figures = { bucket, severity: 'high' as const, observed, expected, score, scope: alertScope(rule) };
  const alert: Alert = {
    id: `demo-${spikeDay}`, ruleId: rule.id, granularity: rule.granularity, ...figures,
    message: alertMessage(figures),
    createdAt: `${spikeDay}T23:00:00.000Z`, acknowledgedAt: null, delivered: false,
  };
  return { rule, alert };
}
