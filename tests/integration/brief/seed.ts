import type { Store } from '../../../models/store.js';
import type { CountryCode } from '../../../models/common.js';
import { makeEnrichment, makePost } from '../../support/factories.js';

/** The seeded week and the one before it. */
export const SEEDED_WEEK = '2026-W47';
const WEEK_START = Date.parse('2026-11-09T00:00:00Z'); // Monday of W46
const DAY_MS = 86_400_000;

const COUNTRIES: CountryCode[] = ['GT', 'HN', 'SV', 'CR', 'PA', 'DO', 'BZ'];
const TOPICS: Record<string, string[]> = {
  extorsion: ['Cobran extorsión a los buses de la colonia', 'Otra vez la renta a comerciantes del mercado', 'Denuncian extorsión a transportistas'],
  femicidio: ['Hallan sin vida a joven desaparecida, exigen justicia', 'Otro femicidio en la zona, ni una menos', 'Marcha por víctima de feminicidio'],
  desapariciones: ['Buscan a joven desaparecida desde el martes', 'Alerta por niña desaparecida, comparta', 'Familia pide ayuda para hallar a desaparecida'],
  robo: ['Asaltan a pasajeros en la parada', 'Robo a mano armada en el centro comercial', 'Vecinos denuncian robos en la colonia'],
  prevencion: ['Taller de prevención de violencia en escuelas', 'Campaña de prevención en barrios', 'Jóvenes lideran prevención comunitaria'],
  violencia_digital: ['Difunden fotos íntimas sin consentimiento', 'Acoso en redes contra periodista', 'Denuncian violencia digital contra activistas'],
};

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two weeks of posts (2026-W46 and W47), analysed and aggregated, with a campaign, two sources
 * (one with a gap in W47), an alert rule and an alert. W47 has more extortion in Honduras and a
 * new "desaparecida" narrative so the findings have something to say.
 */
export async function seedBriefStore(store: Store, options: { postsPerWeek?: number } = {}): Promise<void> {
  const perWeek = options.postsPerWeek ?? 1_200;
  const next = random(47);
  const topics = Object.keys(TOPICS);
  const now = '2026-11-23T06:00:00.000Z';
  await store.campaigns.save({
    id: 'ni-una-menos', name: 'Ni una menos 2026', description: '', hashtags: ['niunamenos'], handles: [], keywords: [],
    countries: [], startDate: '2026-10-01', endDate: null, launchDate: '2026-11-16', createdAt: now, updatedAt: now,
  });
  const posts = [];
  const enrichments = [];
  for (let week = 0; week < 2; week++) {
    const count = week === 0 ? perWeek : Math.round(perWeek * 1.12);
    for (let i = 0; i < count; i++) {
      const country = COUNTRIES[Math.floor(next() * COUNTRIES.length)]!;
      let topic = topics[Math.floor(next() * topics.length)]!;
      if (week === 1 && country === 'HN' && next() < 0.35) topic = 'extorsion';
      if (week === 1 && next() < 0.12) topic = 'desapariciones';
      const variants = TOPICS[topic]!;
      const created = WEEK_START + week * 7 * DAY_MS + Math.floor(next() * 7 * DAY_MS);
      const id = `w${week}-${i}`;
      const contact = i % 97 === 0 ? ' Info al 5555-1234 o escriba a denuncias@example.org @vecina_anonima' : '';
      const campaign = next() < 0.1 ? ['ni-una-menos'] : [];
      const lang = country === 'BZ' ? 'en' : 'es';
      posts.push(
        makePost({
          externalId: id,
          platform: next() < 0.8 ? 'mastodon' : 'rss',
          text: `${variants[Math.floor(next() * variants.length)]} ${campaign.length ? '#NiUnaMenos' : ''}${contact}`.trim(),
          lang,
          createdAt: new Date(created).toISOString(),
          collectedAt: new Date(created + 3_600_000).toISOString(),
          author: { id: `a_author${Math.floor(next() * 400)}`, handle: `autor${i % 400}`, name: null, followers: Math.floor(next() * 20_000), verified: false, location: null },
          metrics: { likes: Math.floor(next() * 40), reposts: Math.floor(next() * 8), replies: Math.floor(next() * 5), quotes: 0, views: null, observedAt: new Date(created + 3_600_000).toISOString() },
          hashtags: campaign.length ? ['niunamenos'] : [],
          campaignIds: campaign,
        }),
      );
      const negative = topic === 'prevencion' ? 0.2 : 0.6;
      const roll = next();
      enrichments.push({
        id: `mastodon:${id}`,
        enrichment: makeEnrichment({
          lang,
          sentiment: roll < negative ? 'N' : roll < negative + 0.15 ? 'P' : 'NEU',
          topics: [topic],
          misogyny: next() < (country === 'GT' ? 0.12 : 0.05) + week * 0.01,
          hate: next() < 0.03,
          country,
          campaigns: campaign,
        }),
      });
    }
  }
  await store.posts.upsert(posts);
  // The store keys posts by platform:externalId; fix the keys of the rss ones.
  const keys = new Map(posts.map((p) => [p.externalId, `${p.platform}:${p.externalId}`]));
  await store.posts.saveEnrichments(enrichments.map((e) => ({ ...e, id: keys.get(e.id.slice('mastodon:'.length))! })));
  await store.rollups.recompute(await store.rollups.dirtyBuckets(1e5));

  const source = {
    query: { hashtags: [], keywords: ['extorsión'], handles: [], channel: null, language: null, countries: [] },
    baseUrl: null, everyMinutes: 15, enabled: true, credential: null, cursor: null, lastError: null, runs: [], quotaUsed: 0,
    createdAt: '2026-10-01T00:00:00.000Z', updatedAt: now,
  };
  await store.sources.save({ ...source, id: 'mastodon-social', name: 'Mastodon (mastodon.social)', kind: 'mastodon', status: 'ok', lastRunAt: now, lastSuccessAt: now, gaps: [] });
  await store.sources.save({
    ...source, id: 'rss-prensa', name: 'RSS La Prensa', kind: 'rss', status: 'error', lastRunAt: now, lastSuccessAt: '2026-11-18T06:00:00.000Z',
    gaps: [{ from: '2026-11-18T06:00:00.000Z', to: '2026-11-18T18:30:00.000Z', reason: 'HTTP 503 del servidor' }],
  });
  await store.alerts.saveRule({
    id: 'extorsion-hn', name: 'Extorsión en Honduras', metric: 'posts', country: 'HN', platform: null, topic: 'extorsion', campaign: null,
    granularity: 'day', threshold: 3, minVolume: 20, cooldownHours: 24, enabled: true, webhookUrl: null, createdAt: now, updatedAt: now,
  });
  await store.alerts.insert({
    id: 'alert-1', ruleId: 'extorsion-hn', bucket: '2026-11-18T00:00:00.000Z', severity: 'high', observed: 48, expected: 17, score: 4.2,
    message: 'Pico de publicaciones sobre extorsión en Honduras: 48 frente a 17 esperadas.', createdAt: now, acknowledgedAt: null, delivered: true,
  });
}
