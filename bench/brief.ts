/**
 * Weekly brief benchmark: time to gather, render and store one brief (first in the process,
 * i.e. with fonts, Chart.js and pdfkit cold, then warm) and peak memory, on an embedded store
 * seeded with two weeks of posts. Targets: ≤ 5 s and ≤ 300 MB. Prints `name=value unit` lines
 * and merges them into bench/last.json. Run: `npx tsx bench/brief.ts [--posts-per-week 5000]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../store/sqlite/index.js';
import { seedBriefStore, SEEDED_WEEK } from '../tests/integration/brief/seed.js';
import { produceBrief } from '../workers/brief/generate.js';
import { reportFigure } from './report.js';

const args = process.argv.slice(2);
const perWeek = Number(args[args.indexOf('--posts-per-week') + 1] ?? 5_000) || 5_000;
const dir = mkdtempSync(join(tmpdir(), 'escucha-bench-brief-'));
const store = createSqliteStore(dir);
try {
  await seedBriefStore(store, { postsPerWeek: perWeek });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const request = { week: SEEDED_WEEK, locale: 'es' as const, scope: { countries: [], campaigns: [] } };
  const cold = performance.now();
  const cpu = process.cpuUsage();
  const first = await produceBrief(store, request);
  const coldMs = performance.now() - cold;
  const coldCpu = process.cpuUsage(cpu);
  const warm = performance.now();
  await produceBrief(store, request);
  const warmMs = performance.now() - warm;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  process.stderr.write(`brief: ${first.data.kpis.current.posts} posts in ${SEEDED_WEEK}, ${first.pages} pages\n`);
  reportFigure('brief_generation_ms', coldMs, 'ms');
  // CPU time of the cold run: what the wall time would be on an idle core (the box may be shared).
  reportFigure('brief_generation_cpu_ms', (coldCpu.user + coldCpu.system) / 1000, 'ms');
  reportFigure('brief_generation_warm_ms', warmMs, 'ms');
  reportFigure('brief_peak_rss_mb', peakRss / 1024 / 1024, 'MB');
  reportFigure('brief_pages', first.pages, 'pages');
  reportFigure('brief_pdf_kb', first.pdf.length / 1024, 'KB');
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
