/**
 * NLP benchmark: model load time, full-enrichment throughput and peak memory on 50,000 posts
 * (one core: the analyser is synchronous; `enrich_posts_per_cpu_s` divides by the process's CPU
 * time, the fair figure when other jobs share the machine). Prints `name=value unit` lines and merges the
 * figures into bench/last.json (bench/report.ts). Run: `npx tsx bench/nlp.ts [--posts 50000]`.
 * Posts are real tweets from the shared datasets when present (never stored), else the test
 * fixtures, with varied hashtags, locations and campaigns.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Campaign } from '../models/campaign.js';
import { loadAnalyzer, type AnalysisInput } from '../nlp/analyze.js';
import { reportFigure } from './report.js';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--posts') + 1] ?? 50_000) || 50_000;
const datasets = process.env.ESCUCHA_DATASETS ?? '/work/shared/datasets';

function texts(): string[] {
  const out: string[] = [];
  if (existsSync(datasets)) {
    for (const file of readdirSync(datasets).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(datasets, file), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const text = (JSON.parse(line) as { text?: string }).text;
        if (text) out.push(text);
      }
    }
  }
  if (out.length === 0) {
    const dir = fileURLToPath(new URL('../tests/fixtures/nlp/', import.meta.url));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n'))
        if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return out;
}

const campaigns: Campaign[] = [
  {
    id: 'naranja',
    name: 'Día Naranja',
    description: '',
    hashtags: ['DiaNaranja', 'NiUnaMenos'],
    handles: ['onumujeres'],
    keywords: ['vida libre de violencia'],
    countries: [],
    startDate: '2024-01-01',
    endDate: null,
    launchDate: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  },
];
const locations = [
  null,
  'Tegucigalpa, Honduras',
  'San Salvador',
  'Guate 🇬🇹',
  'Belize City',
  'Santo Domingo, RD',
  'Heredia, Costa Rica',
  'Panamá',
  'Madrid',
];
const pool = texts();
const inputs: AnalysisInput[] = Array.from({ length: N }, (_, i) => ({
  text: pool[i % pool.length]!,
  hashtags: i % 7 === 0 ? ['NiUnaMenos'] : [],
  authorLocation: locations[i % locations.length]!,
  createdAt: '2024-11-25T12:00:00.000Z',
  campaigns,
}));

const t0 = performance.now();
const analyzer = await loadAnalyzer();
const loadMs = performance.now() - t0;
let peakRss = process.memoryUsage().rss;
for (let i = 0; i < 2000; i++) analyzer.analyze(inputs[i % inputs.length]!); // warm-up
const cpu0 = process.cpuUsage();
const start = performance.now();
for (let i = 0; i < inputs.length; i++) {
  analyzer.analyze(inputs[i]!);
  if ((i & 1023) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const seconds = (performance.now() - start) / 1000;
// CPU time of this process (user + system): on a shared machine wall time also counts the
// time other jobs hold the core, so posts per CPU-second is the single-core figure.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
peakRss = Math.max(peakRss, process.memoryUsage().rss);

reportFigure('model_load_ms', Math.round(loadMs), 'ms');
reportFigure('enrich_posts_per_s', Math.round(N / seconds), 'posts/s');
reportFigure('enrich_us_per_post', Math.round((seconds * 1e6) / N), 'us');
reportFigure('enrich_posts_per_cpu_s', Math.round(N / cpuSeconds), 'posts/s');
reportFigure('enrich_peak_rss_mb', Math.round(peakRss / 1024 / 1024), 'MB');
