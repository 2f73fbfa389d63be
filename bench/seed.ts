/**
 * Synthetic, realistic social-listening data for the benchmarks, and `seed`, which writes it
 * enriched into an embedded store: 7 countries weighted by population and activity, platforms,
 * topics, Zipf-distributed authors with log-normal followers, diurnal and weekly seasonality, a
 * spike (desapariciones in Guatemala) and a campaign launch (#NiUnaMenos, after which the
 * misogyny rate falls) over ~12 months.
 *
 * Run alone: `npx tsx bench/seed.ts [--posts 1000000] [--dir /tmp/escucha-bench]`. The store is
 * cached by size in the temp dir (a finished seed leaves a marker), so `bench/queries.ts` reuses it.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Campaign } from '../models/campaign.js';
import { EMOTIONS, type Enrichment } from '../models/enrichment.js';
import type { Post } from '../models/post.js';
import type { Store } from '../models/store.js';
import { createSqliteStore } from '../store/sqlite/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The synthetic year ends here; "last 30 days" in the query bench is relative to it. */
export const END_MS = Date.parse('2026-11-01T00:00:00Z');
export const START_MS = END_MS - 365 * DAY;
export const SPIKE = { day: '2026-09-15', country: 'GT', topic: 'desapariciones' } as const;
export const CAMPAIGN: Campaign = {
  id: 'niunamenos',
  name: 'Ni una menos',
  description: 'Campaña regional contra la violencia de género',
  hashtags: ['NiUnaMenos'],
  handles: [],
  keywords: [],
  countries: [],
  startDate: '2026-08-01',
  endDate: null,
  launchDate: '2026-08-01',
  createdAt: '2026-07-01T00:00:00.000Z',
  updatedAt: '2026-07-01T00:00:00.000Z',
};

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T extends string>(table: Record<T, number>): (r: number) => T {
  const entries = Object.entries(table) as [T, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  return (r) => {
    let x = r * total;
    for (const [value, w] of entries) if ((x -= w) < 0) return value;
    return entries.at(-1)![0];
  };
}

const country = weighted({ GT: 25, HN: 20, SV: 15, DO: 15, CR: 10, PA: 10, BZ: 5 });
const platform = weighted({
  x: 35,
  facebook: 15,
  mastodon: 8,
  bluesky: 10,
  youtube: 7,
  reddit: 5,
  telegram: 5,
  tiktok: 10,
  rss: 5,
} as const);
const TOPIC_WORDS: Record<string, string[]> = {
  femicidio: ['femicidio', 'mujer', 'asesinada', 'pareja', 'justicia', 'víctima'],
  violencia_sexual: ['violación', 'abuso', 'denuncia', 'agresor', 'sexual'],
  violencia_domestica: ['violencia', 'doméstica', 'hogar', 'golpes', 'pareja'],
  violencia_digital: ['acoso', 'redes', 'fotos', 'difusión', 'digital'],
  desapariciones: ['desaparecida', 'búsqueda', 'joven', 'paradero', 'familia', 'alerta'],
  trata: ['trata', 'explotación', 'rescate', 'red', 'menores'],
  homicidios: ['homicidio', 'disparos', 'cadáver', 'ataque', 'armado'],
  pandillas: ['pandilla', 'mara', 'captura', 'estructura', 'cabecilla'],
  extorsion: ['extorsión', 'buses', 'transporte', 'renta', 'cobro'],
  robo: ['robo', 'asalto', 'celular', 'ladrones', 'vivienda'],
  narcotrafico: ['droga', 'cocaína', 'incautación', 'cargamento', 'narco'],
  migracion: ['migrantes', 'frontera', 'caravana', 'deportados', 'ruta'],
  policia_justicia: ['policía', 'fiscalía', 'juez', 'proceso', 'condena'],
  percepcion_inseguridad: ['miedo', 'inseguridad', 'calles', 'noche', 'barrio'],
  prevencion: ['prevención', 'taller', 'campaña', 'comunidad', 'jóvenes'],
  seguridad_vial: ['accidente', 'tránsito', 'motorista', 'carretera', 'choque'],
  lgbtiq: ['trans', 'lgbti', 'diversidad', 'crimen', 'odio'],
  ninez_juventud: ['niñez', 'niños', 'escuela', 'adolescentes', 'protección'],
};
const TOPICS = Object.keys(TOPIC_WORDS);
const GENERAL =
  'gobierno ciudad país gente hoy noticias caso vecinos situación autoridades ministerio zona colonia semana mes nuevo grave urgente información reporte seguimiento denuncian exigen piden llamado apoyo respuesta derechos'.split(
    ' ',
  );
const HASHTAGS: Record<string, string[]> = Object.fromEntries(
  TOPICS.map((t) => [t, [t.replace('_', ''), `${t.split('_')[0]}${'GTHN'.slice(0, 2)}`]]),
);
const AUTHORS = 120_000;
const ZIPF = 1.1;

/** Inverse-CDF sampling of a Zipf rank in [1, AUTHORS] (continuous approximation). */
function zipfRank(r: number): number {
  const a = 1 - ZIPF;
  const max = Math.pow(AUTHORS, a);
  return Math.min(AUTHORS, Math.max(1, Math.floor(Math.pow(1 + r * (max - 1), 1 / a))));
}

function followersOf(rank: number): number {
  const r = rng(rank * 7919)();
  const r2 = rng(rank * 104_729)();
  const normal = Math.sqrt(-2 * Math.log(r + 1e-12)) * Math.cos(2 * Math.PI * r2);
  return Math.round(Math.exp(5.7 + 2 * normal));
}

/** Relative volume by hour of day (UTC−6 local time) and weekday. */
function seasonality(ms: number): number {
  const local = new Date(ms - 6 * HOUR);
  const h = local.getUTCHours();
  const diurnal = 0.15 + Math.sin((Math.PI * Math.max(0, h - 5)) / 19) ** 2;
  const weekday = [0.75, 1.05, 1.05, 1, 1, 0.95, 0.8][local.getUTCDay()]!;
  return diurnal * weekday;
}

export interface SyntheticPost {
  post: Post;
  enrichment: Enrichment;
}

/**
 * Deterministic synthetic post number `i` (the same i always gives the same post), created
 * within `window` (default: the synthetic year).
 */
export function syntheticPost(i: number, window = { start: START_MS, end: END_MS }): SyntheticPost {
  const r = rng(i * 2_654_435_761 + 17);
  // Time: uniform over the window, thinned by seasonality (rejection), spike day over-sampled.
  let createdMs = 0;
  for (let tries = 0; tries < 20; tries++) {
    createdMs = window.start + Math.floor(r() * (window.end - window.start));
    if (r() * 2 < seasonality(createdMs)) break;
  }
  // 0.2 % of the year's posts fall in the spike: more of a window's when the window holds it.
  const spikeMs = Date.parse(`${SPIKE.day}T14:00:00Z`);
  const holdsSpike = window.start <= spikeMs && spikeMs < window.end;
  const inSpike = holdsSpike && r() < (0.002 * (END_MS - START_MS)) / (window.end - window.start);
  const c = inSpike ? SPIKE.country : country(r());
  if (inSpike) createdMs = Date.parse(`${SPIKE.day}T14:00:00Z`) + Math.floor(r() * 6 * HOUR);
  const p = platform(r());
  const rank = zipfRank(r());
  const topics = inSpike
    ? [SPIKE.topic]
    : r() < 0.75
      ? [TOPICS[Math.floor(r() ** 1.6 * TOPICS.length)]!]
      : [];
  if (r() < 0.15) topics.push(TOPICS[Math.floor(r() * TOPICS.length)]!);
  const afterLaunch = createdMs >= Date.parse(`${CAMPAIGN.startDate}T00:00:00Z`);
  const campaign = afterLaunch && r() < 0.06;
  const words: string[] = [];
  for (const t of topics)
    for (let k = 0; k < 3; k++)
      words.push(TOPIC_WORDS[t]![Math.floor(r() * TOPIC_WORDS[t]!.length)]!);
  for (let k = 0; k < 5; k++) words.push(GENERAL[Math.floor(r() ** 1.5 * GENERAL.length)]!);
  words.push(`lugar${Math.floor(r() ** 2 * 400)}`);
  const hashtags = topics.flatMap((t) => (r() < 0.5 ? [HASHTAGS[t]![Math.floor(r() * 2)]!] : []));
  if (campaign) hashtags.push('NiUnaMenos');
  const lang = c === 'BZ' ? (r() < 0.7 ? 'en' : 'es') : r() < 0.04 ? 'other' : 'es';
  const misogynyRate = topics.some((t) => t.startsWith('violencia') || t === 'femicidio')
    ? 0.2
    : 0.05;
  const misogyny = lang !== 'other' && r() < misogynyRate * (afterLaunch ? 0.75 : 1);
  const sentiment = r() < 0.55 ? 'N' : r() < 0.6 ? 'NEU' : 'P';
  const emotion = EMOTIONS[Math.floor(r() ** 1.3 * EMOTIONS.length)]!;
  const likes = Math.floor(Math.exp(r() * 6) - 1);
  const id = String(i);
  const text = `${words.join(' ')} ${hashtags.map((h) => `#${h}`).join(' ')}`.trim();
  const iso = new Date(createdMs).toISOString();
  const post: Post = {
    platform: p,
    externalId: id,
    url: `https://example.org/${p}/${id}`,
    text,
    lang: null,
    createdAt: iso,
    collectedAt: iso,
    author: {
      id: `a_${rank}_${p}`,
      handle: p === 'rss' ? 'prensalibre.com' : `user${rank}`,
      name: null,
      followers: followersOf(rank),
      verified: false,
      location: null,
    },
    metrics: {
      likes,
      reposts: Math.floor(likes / 4),
      replies: Math.floor(likes / 6),
      quotes: 0,
      views: p === 'x' || p === 'youtube' || p === 'tiktok' ? likes * 40 : null,
      observedAt: iso,
    },
    hashtags,
    mentions: r() < 0.1 ? [`@medio${Math.floor(r() * 30)}`] : [],
    links: r() < 0.2 ? [`https://noticias.example/${Math.floor(r() * 5000)}`] : [],
    place: r() < 0.3 ? { country: c, admin1: null } : null,
    source: { kind: p, queryId: null },
    campaignIds: [],
  };
  const enrichment: Enrichment = {
    version: 'bench-1',
    enrichedAt: iso,
    language: { code: lang, score: 0.9, explanation: [] },
    sentiment: {
      label: sentiment,
      score: sentiment === 'P' ? 0.5 : sentiment === 'N' ? -0.5 : 0,
      confidence: 0.7,
      explanation: [],
    },
    emotions: {
      label: emotion,
      scores: Object.fromEntries(
        EMOTIONS.map((e) => [e, e === emotion ? 0.8 : 0.03]),
      ) as Enrichment['emotions']['scores'],
      explanation: [],
    },
    topics: topics.map((t) => ({ id: t, score: 0.8, explanation: [] })),
    misogyny: {
      flag: misogyny,
      score: misogyny ? 0.8 : 0.1,
      category: misogyny ? 'stereotyping-dominance' : null,
      explanation: [],
    },
    hate: { flag: lang !== 'other' && r() < 0.03, score: 0.1, explanation: [] },
    places: [{ country: c, admin1: null, from: 'text', score: 0.8, explanation: [] }],
    campaigns: campaign ? [{ id: CAMPAIGN.id, score: 1, explanation: [] }] : [],
  };
  return { post, enrichment };
}

const BATCH = 20_000;

/**
 * An embedded store holding `n` enriched synthetic posts with their rollups, in `dir` (reused
 * when a previous seed of the same size finished there). Returns the open store.
 */
export async function seed(
  n: number,
  dir = join(tmpdir(), `escucha-bench-${n}`),
  log = (m: string) => process.stderr.write(`${m}\n`),
): Promise<Store> {
  const marker = join(dir, 'seeded.json');
  if (existsSync(marker)) return createSqliteStore(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = createSqliteStore(dir);
  const started = Date.now();
  for (let i = 0; i < n; i += BATCH) {
    // Chronological batches (each a slice of the year), as a live store fills: indexes on time
    // then grow at their end instead of being written all over.
    const size = Math.min(BATCH, n - i);
    const window = {
      start: START_MS + ((END_MS - START_MS) * i) / n,
      end: START_MS + ((END_MS - START_MS) * (i + size)) / n,
    };
    const batch = Array.from({ length: size }, (_, k) => syntheticPost(i + k, window));
    await store.posts.upsert(batch.map((b) => b.post));
    await store.posts.saveEnrichments(
      batch.map((b) => ({
        id: `${b.post.platform}:${b.post.externalId}`,
        enrichment: b.enrichment,
      })),
    );
    if ((i / BATCH) % 10 === 0)
      log(`seed: ${i + batch.length} posts (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await store.campaigns.save(CAMPAIGN);
  for (;;) {
    const dirty = await store.rollups.dirtyBuckets(500);
    if (dirty.length === 0) break;
    await store.rollups.recompute(dirty);
  }
  log(`seed: ${n} posts with rollups in ${Math.round((Date.now() - started) / 1000)} s`);
  writeFileSync(marker, JSON.stringify({ posts: n, at: new Date().toISOString() }));
  return store;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const n = Number(flag('--posts') ?? 1_000_000);
  const store = await seed(n, flag('--dir'));
  process.stderr.write(`seed: ${await store.posts.count()} posts stored\n`);
  await store.close();
}
