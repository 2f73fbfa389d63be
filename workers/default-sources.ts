import type { Logger } from '../app/logger.js';
import type { CountryCode } from '../models/common.js';
import type { SourceInput } from '../models/source.js';
import type { Store } from '../models/store.js';
import { JETSTREAM_URL } from './collectors/bluesky-jetstream.js';
import { buildSource } from './collectors/sources.js';

/** Bumped when the default set changes; a new version seeds only the ids not seen before. */
export const DEFAULTS_VERSION = 1;
const SEEDED_KEY = 'collectors.defaultSources';

/** Hashtags of the topic on Mastodon (the timeline API takes up to four more with `any[]`). */
const MASTODON_TAGS = [
  ['femicidio', 'feminicidio', 'NiUnaMenos', 'NiUnaMas', 'VivasNosQueremos'],
  ['ViolenciaDeGénero', 'ViolenciaDeGenero', 'ViolenciaMachista', 'ViolenciaContraLaMujer', 'TrataDePersonas'],
  ['extorsión', 'extorsion', 'pandillas', 'inseguridad', 'desaparecida'],
];

/**
 * Spanish keywords of the topic taxonomy (lexicons/topics) that the Jetstream pass keeps;
 * whole words, accent-insensitive.
 */
export const JETSTREAM_KEYWORDS = [
  'femicidio', 'feminicidio', 'feminicida', 'femicida', 'violencia de género', 'violencia machista',
  'violencia contra la mujer', 'violencia contra las mujeres', 'violencia doméstica', 'violencia intrafamiliar',
  'violación', 'abuso sexual', 'acoso sexual', 'trata de personas', 'desaparecida', 'desaparecidas',
  'extorsión', 'extorsiones', 'pandillas', 'pandilleros', 'mara salvatrucha', 'barrio 18', 'sicariato',
  'homicidio', 'homicidios', 'inseguridad', 'ni una menos', 'régimen de excepción',
];

const NEWS_QUERY = '(femicidio OR feminicidio OR "violencia contra la mujer" OR "violencia de género" OR extorsión OR pandillas OR homicidio)';
const NEWS_QUERY_EN = '("violence against women" OR femicide OR "domestic violence" OR murder OR gang OR extortion)';
const COUNTRY_NAMES: Record<CountryCode, string> = {
  GT: 'Guatemala',
  HN: 'Honduras',
  SV: 'El Salvador',
  CR: 'Costa Rica',
  PA: 'Panamá',
  DO: 'República Dominicana',
  BZ: 'Belize',
};

/** A Google News RSS search for a country's edition (Spanish, English for Belize). */
export function googleNewsSearchUrl(country: CountryCode, query = country === 'BZ' ? NEWS_QUERY_EN : NEWS_QUERY): string {
  const english = country === 'BZ';
  const params = new URLSearchParams({
    q: `${query} ${english ? 'Belize' : ''} when:7d`.replace(/\s+/g, ' ').trim(),
    hl: english ? 'en-US' : 'es-419',
    gl: country,
    ceid: english ? `${country}:en` : `${country}:es-419`,
  });
  return `https://news.google.com/rss/search?${params}`;
}

/** The sources a fresh install listens to without any key. */
export function defaultSources(): SourceInput[] {
  const mastodon: SourceInput[] = MASTODON_TAGS.map((tags, i) => ({
    id: `default-mastodon-${i + 1}`,
    name: `Mastodon (mastodon.social): ${tags.slice(0, 3).map((t) => `#${t}`).join(' ')}…`,
    kind: 'mastodon',
    query: { hashtags: tags },
    baseUrl: 'https://mastodon.social',
    everyMinutes: 10,
  }));
  const bluesky: SourceInput = {
    id: 'default-bluesky-jetstream',
    name: 'Bluesky (Jetstream): palabras clave del tema en español',
    kind: 'bluesky',
    query: { keywords: JETSTREAM_KEYWORDS, channel: 'jetstream', language: 'es' },
    baseUrl: JETSTREAM_URL,
    everyMinutes: 5,
  };
  const news: SourceInput[] = (Object.keys(COUNTRY_NAMES) as CountryCode[]).map((country) => ({
    id: `default-news-${country.toLowerCase()}`,
    name: `Noticias ${COUNTRY_NAMES[country]} (Google News RSS)`,
    kind: 'rss',
    query: { channel: googleNewsSearchUrl(country), countries: [country], language: country === 'BZ' ? 'en' : 'es' },
    everyMinutes: 30,
  }));
  return [...mastodon, bluesky, ...news];
}

/**
 * Creates the default sources once. The ids seeded are remembered in settings, so a default the
 * user deleted is not created again; a later DEFAULTS_VERSION adds only its new ids.
 */
export async function seedDefaultSources(
  store: Store,
  options: { enabled: boolean; logger?: Logger; now?: Date },
): Promise<string[]> {
  if (!options.enabled) return [];
  const seeded = (await store.settings.get<{ version: number; ids: string[] }>(SEEDED_KEY)) ?? { version: 0, ids: [] };
  if (seeded.version >= DEFAULTS_VERSION) return [];
  const created: string[] = [];
  for (const input of defaultSources()) {
    if (seeded.ids.includes(input.id) || (await store.sources.get(input.id))) continue;
    await store.sources.save(buildSource(input, options.now ?? new Date()));
    created.push(input.id);
  }
  await store.settings.set(SEEDED_KEY, { version: DEFAULTS_VERSION, ids: [...seeded.ids, ...created] });
  if (created.length > 0) options.logger?.info({ sources: created }, 'fuentes predeterminadas creadas');
  return created;
}
