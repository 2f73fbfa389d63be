/**
 * Dashboard query benchmark on the embedded store at 1,000,000 synthetic posts (bench/seed.ts;
 * the seeded store is cached in the temp dir): p50 and p95 of each query over repeated runs,
 * as `query_<name>_p50=… ms` / `_p95` lines merged into bench/last.json.
 * Run: `npm run bench -- queries` or `npx tsx bench/queries.ts [--posts 1000000] [--runs 20]`.
 */
import pino from 'pino';
import { AlertRule } from '../models/alert.js';
import { PostFilter, previousPeriod } from '../models/filter.js';
import type { Store } from '../models/store.js';
import type { ProcessorContext } from '../workers/jobs.js';
import { alert } from '../workers/processors/alert.js';
import { percentile, reportFigure } from './report.js';
import { CAMPAIGN, END_MS, seed, SPIKE } from './seed.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) =>
  Number(args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const N = flag('--posts', 1_000_000);
const RUNS = flag('--runs', 20);
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const lastDays = (n: number, extra: Record<string, unknown> = {}) =>
  PostFilter.parse({ from: day(END_MS - n * DAY), to: day(END_MS - DAY), ...extra });

const store: Store = await seed(N);
const d30 = lastDays(30);
const d7 = lastDays(7);

/** Five alert rules, evaluated as the processor does at the end of the synthetic year. */
const RULES = [
  { id: 'hn-misoginia', metric: 'misogyny', country: 'HN', granularity: 'hour' },
  {
    id: 'gt-desapariciones',
    metric: 'posts',
    country: 'GT',
    topic: SPIKE.topic,
    granularity: 'hour',
  },
  { id: 'sv-odio', metric: 'hate', country: 'SV', granularity: 'day' },
  { id: 'todo-miedo', metric: 'fear', granularity: 'day' },
  { id: 'do-negativo', metric: 'negative', country: 'DO', granularity: 'hour' },
];
for (const rule of RULES) {
  await store.alerts.saveRule(
    AlertRule.parse({
      name: rule.id,
      ...rule,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    }),
  );
}
const context = { store, logger: pino({ level: 'silent' }) } as unknown as ProcessorContext;

const QUERIES: Record<string, () => Promise<unknown>> = {
  overview_30d: () =>
    Promise.all([store.analytics.kpis(d30), store.analytics.kpis(previousPeriod(d30))]),
  overview_90d: () =>
    Promise.all([
      store.analytics.kpis(lastDays(90)),
      store.analytics.kpis(previousPeriod(lastDays(90))),
    ]),
  overview_30d_country: () =>
    Promise.all([
      store.analytics.kpis(lastDays(30, { country: 'GT' })),
      store.analytics.kpis(previousPeriod(lastDays(30, { country: 'GT' }))),
    ]),
  overview_30d_topic: () =>
    Promise.all([
      store.analytics.kpis(lastDays(30, { topic: 'femicidio' })),
      store.analytics.kpis(previousPeriod(lastDays(30, { topic: 'femicidio' }))),
    ]),
  series_day_90d: () => store.analytics.series(lastDays(90), 'day'),
  series_hour_30d: () => store.analytics.series(d30, 'hour'),
  series_hour_7d_country: () => store.analytics.series(lastDays(7, { country: 'HN' }), 'hour'),
  breakdown_country_30d: () => store.analytics.breakdown(d30, 'country'),
  breakdown_topic_30d: () => store.analytics.breakdown(d30, 'topic'),
  breakdown_platform_30d_country: () =>
    store.analytics.breakdown(lastDays(30, { country: 'GT' }), 'platform'),
  top_hashtags_30d: () => store.analytics.topEntities(d30, 'hashtag', 20),
  top_terms_30d: () => store.analytics.topEntities(d30, 'term', 20),
  top_terms_90d: () => store.analytics.topEntities(lastDays(90), 'term', 20),
  top_terms_30d_topic: () =>
    store.analytics.topEntities(lastDays(30, { topic: 'femicidio' }), 'term', 20),
  top_mentions_30d: () => store.analytics.topEntities(d30, 'mention', 20),
  top_links_30d: () => store.analytics.topEntities(d30, 'link', 20),
  top_authors_reach_30d: () => store.analytics.topAuthors(d30, 'reach', 20),
  top_authors_interactions_30d: () => store.analytics.topAuthors(d30, 'interactions', 20),
  top_posts_30d: () => store.analytics.topPosts(d30, 20),
  search_30d: () => store.analytics.search({ filter: d30, q: '', limit: 20, cursor: null }),
  search_30d_misogyny: () =>
    store.analytics.search({
      filter: d30,
      labels: { sentiment: [], emotion: [], misogyny: true },
      q: '',
      limit: 20,
      cursor: null,
    }),
  search_30d_hate_fear_country: () =>
    store.analytics.search({
      filter: lastDays(30, { country: 'SV' }),
      labels: { sentiment: [], emotion: ['fear'], hate: true },
      q: '',
      limit: 20,
      cursor: null,
    }),
  search_30d_q: () =>
    store.analytics.search({ filter: d30, q: 'desaparecida', limit: 20, cursor: null }),
  search_30d_q_country: () =>
    store.analytics.search({
      filter: lastDays(30, { country: 'HN' }),
      q: 'policía',
      limit: 20,
      cursor: null,
    }),
  campaign_kpis: () =>
    store.analytics.campaignKpis({ campaignId: CAMPAIGN.id, to: day(END_MS - DAY) }),
  campaign_impact: () =>
    store.analytics.campaignImpact({ campaignId: CAMPAIGN.id, metric: 'misogynyRate' }),
  emerging_terms_7d: () => store.analytics.emergingTerms({ filter: d7 }),
  narratives_7d: () => store.analytics.narratives({ filter: d7 }),
  narratives_30d: () => store.analytics.narratives({ filter: d30 }),
  alerts_evaluation_5_rules: async () => {
    const now = Date.now;
    Date.now = () => END_MS - 30 * 60_000;
    try {
      return await alert({}, context);
    } finally {
      Date.now = now;
    }
  },
};

const only = args.filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
for (const [name, run] of Object.entries(QUERIES)) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  await run();
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  reportFigure(`query_${name}_p50`, percentile(times, 50), 'ms');
  reportFigure(`query_${name}_p95`, percentile(times, 95), 'ms');
}
await store.close();
