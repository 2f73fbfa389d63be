import type { Campaign } from '../../models/campaign.js';
import type { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import {
  COUNTRY_NAMES,
  COUNTRY_WEIGHTS,
  ENGLISH,
  MEDIA_AUTHORS,
  MISOGYNISTIC,
  NAMES,
  PLACES,
  PLATFORM_WEIGHTS,
  SPANISH,
  type Template,
} from './templates.js';

/**
 * The demo dataset, generated deterministically from a seed: `days` days of posts ending
 * `today`, with a weekly rhythm, a spike (a femicide case in Honduras 12 days ago), and the
 * launch of the "Vidas libres" campaign 40 days ago, after which its hashtags rise and
 * misogynistic posts become rarer. Author ids are pseudonymised with the instance secret.
 */
export interface DemoOptions {
  posts: number;
  days: number;
  today: Date;
  secret: string;
  seed?: number;
}

export interface DemoDataset {
  posts: Post[];
  campaigns: Campaign[];
  spikeDay: string;
  launchDay: string;
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** mulberry32: a small, fast, seedable PRNG (same seed, same dataset). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted(random: () => number, items: readonly [string, number][]): string {
  let r = random() * items.reduce((n, [, w]) => n + w, 0);
  for (const [value, w] of items) {
    r -= w;
    if (r <= 0) return value;
  }
  return items[items.length - 1]![0];
}

export function demoCampaigns(today: Date): Campaign[] {
  const start = today.getTime();
  const stamp = today.toISOString();
  return [
    {
      id: 'vidas-libres', name: 'Vidas libres de violencia', description: 'Campaña regional de prevención de la violencia contra las mujeres (datos de demostración).',
      hashtags: ['VidasLibres', 'NoEstasSola'], handles: [], keywords: ['vidas libres'], countries: [],
      startDate: day(start - 40 * DAY_MS), endDate: null, launchDate: day(start - 40 * DAY_MS), createdAt: stamp, updatedAt: stamp,
    },
    {
      id: 'calles-seguras', name: 'Calles seguras', description: 'Prevención de la violencia juvenil en el Triángulo Norte (datos de demostración).',
      hashtags: ['CallesSeguras'], handles: [], keywords: [], countries: ['GT', 'HN', 'SV'],
      startDate: day(start - 75 * DAY_MS), endDate: null, launchDate: null, createdAt: stamp, updatedAt: stamp,
    },
    {
      id: 'safe-belize', name: 'Safe Belize', description: 'Community safety campaign in Belize (demonstration data).',
      hashtags: ['SafeBelize'], handles: [], keywords: [], countries: ['BZ'],
      startDate: day(start - 60 * DAY_MS), endDate: null, launchDate: null, createdAt: stamp, updatedAt: stamp,
    },
  ];
}

interface DemoAuthor {
  rawId: string;
  handle: string;
  name: string | null;
  followers: number;
  country: string;
  platform: string;
}

function authorsPool(random: () => number, size: number): DemoAuthor[] {
  const authors: DemoAuthor[] = MEDIA_AUTHORS.map((m, i) => ({
    rawId: `media-${i}`, handle: m.handle, name: m.name, followers: 150_000 + Math.floor(random() * 600_000), country: m.country, platform: m.platform,
  }));
  const prefixes = ['vecina', 'ciudadano', 'mujer', 'joven', 'voz', 'colectiva', 'barrio', 'maestra', 'periodista', 'madre'];
  for (let i = authors.length; i < size; i++) {
    // Log-normal followers: most accounts are small, a few are influencers (≥ 10 000).
    const followers = Math.round(Math.exp(5.5 + 1.9 * gaussian(random)));
    const platform = weighted(random, PLATFORM_WEIGHTS.filter(([p]) => p !== 'rss'));
    authors.push({
      rawId: `user-${i}`, handle: `${pick(random, prefixes)}_${(i * 7919) % 10_000}`, name: null,
      followers: Math.min(followers, 2_000_000), country: weighted(random, COUNTRY_WEIGHTS), platform,
    });
  }
  return authors;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
}

function fill(template: Template, random: () => number, country: string): string {
  return template.text
    .replaceAll('{lugar}', pick(random, PLACES[country]!))
    .replaceAll('{pais}', COUNTRY_NAMES[country]!)
    .replaceAll('{nombre}', pick(random, NAMES))
    .replaceAll('{edad}', String(14 + Math.floor(random() * 30)))
    .replaceAll('{n}', String(2 + Math.floor(random() * 12)));
}

export function generateDemo(options: DemoOptions): DemoDataset {
  const random = prng(options.seed ?? 20_261_128);
  const end = options.today.getTime();
  const first = Date.parse(`${day(end - (options.days - 1) * DAY_MS)}T00:00:00Z`);
  const spikeDay = day(end - 12 * DAY_MS);
  const launchDay = day(end - 40 * DAY_MS);
  const campaigns = demoCampaigns(options.today);
  const authors = authorsPool(random, Math.max(200, Math.round(options.posts / 6)));
  const media = authors.filter((a) => a.rawId.startsWith('media-'));
  const posts: Post[] = [];
  const observedAt = options.today.toISOString();

  for (let i = 0; i < options.posts; i++) {
    // Volume grows slowly over the period; weekends are quieter; the spike day gets a burst.
    const spike = random() < 0.05;
    let t: number;
    if (spike) {
      t = Date.parse(`${spikeDay}T00:00:00Z`) + random() * DAY_MS;
    } else {
      do t = first + Math.sqrt(random()) * (end - first);
      while ([0, 6].includes(new Date(t).getUTCDay()) && random() < 0.3);
    }
    const createdAt = new Date(Math.min(t, end - 60_000)).toISOString();
    const afterLaunch = createdAt.slice(0, 10) >= launchDay;
    const isMedia = !spike && random() < 0.12;
    const author = isMedia ? pick(random, media) : pick(random, authors.slice(media.length));
    const country = spike ? 'HN' : isMedia ? author.country : random() < 0.8 ? author.country : weighted(random, COUNTRY_WEIGHTS);
    let template: Template;
    const tags: string[] = [];
    if (spike) {
      template = pick(random, SPANISH.filter((s) => s.topic === 'femicidio'));
      tags.push('JusticiaParaKarla');
    } else if (country === 'BZ' && random() < 0.7) {
      template = pick(random, ENGLISH);
    } else if (!isMedia && random() < (afterLaunch ? 0.06 : 0.11)) {
      template = pick(random, MISOGYNISTIC);
    } else if (afterLaunch && random() < 0.12) {
      template = pick(random, SPANISH.filter((s) => s.text.includes('#VidasLibres') || s.text.includes('#NoEstasSola')));
    } else {
      template = pick(random, SPANISH);
    }
    const text = `${fill(template, random, country)}${tags.map((h) => ` #${h}`).join('')}`;
    const hashtags = [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!);
    const platform = author.platform;
    const reach = Math.max(1, author.followers);
    const engagement = reach * (0.002 + random() * 0.01) * (spike ? 3 : 1);
    const likes = Math.round(engagement * (0.6 + random()));
    const externalId = `demo-${i}`;
    posts.push({
      platform: platform as Post['platform'],
      externalId,
      url: platform === 'rss' ? `https://${author.handle}/demo/${i}` : null,
      text,
      lang: template.text.match(/\b(the|and|in|of)\b/) ? 'en' : 'es',
      createdAt,
      collectedAt: observedAt,
      author: {
        id: pseudonymize(options.secret, platform, author.rawId),
        handle: author.handle,
        name: author.name,
        followers: author.followers,
        verified: isMedia,
        location: isMedia ? null : COUNTRY_NAMES[author.country]!,
      },
      metrics: {
        likes,
        reposts: Math.round(likes * 0.25 * random()),
        replies: Math.round(likes * 0.15 * random()),
        quotes: Math.round(likes * 0.05 * random()),
        views: ['x', 'youtube', 'tiktok'].includes(platform) ? Math.round(reach * (0.1 + random() * 0.5)) : null,
        observedAt,
      },
      hashtags,
      mentions: [],
      links: platform === 'rss' ? [`https://${author.handle}/demo/${i}`] : [],
      place: null,
      source: { kind: platform as Post['platform'], queryId: 'demo' },
      campaignIds: [],
    });
  }
  posts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { posts, campaigns, spikeDay, launchDay };
}
