/**
 * The global filter as the dashboard keeps it in the URL, so a view can be shared: the day
 * range plus any subset of countries, platforms, topics, campaigns and languages. Pure
 * functions; `app-state.ts` wires them to `location`.
 */
export interface Filter {
  from: string;
  to: string;
  country: string[];
  platform: string[];
  topic: string[];
  campaign: string[];
  lang: string[];
}

export const LIST_KEYS = ['country', 'platform', 'topic', 'campaign', 'lang'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

/** Mirrors models/common.ts and models/enrichment.ts (kept zod-free for the bundle; a test checks they agree). */
export const COUNTRIES = ['GT', 'HN', 'SV', 'CR', 'PA', 'DO', 'BZ'] as const;
export const PLATFORMS = ['mastodon', 'bluesky', 'youtube', 'x', 'reddit', 'telegram', 'rss', 'facebook', 'instagram', 'tiktok', 'file'] as const;
export const TOPICS = [
  'femicidio', 'violencia_sexual', 'violencia_domestica', 'violencia_digital', 'desapariciones', 'trata', 'homicidios',
  'pandillas', 'extorsion', 'robo', 'narcotrafico', 'migracion', 'policia_justicia', 'percepcion_inseguridad',
  'prevencion', 'seguridad_vial', 'lgbtiq', 'ninez_juventud',
] as const;
export const LANGS = ['es', 'en', 'other'] as const;

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const IDENTIFIER = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const VALID: Record<ListKey, (value: string) => boolean> = {
  country: (v) => (COUNTRIES as readonly string[]).includes(v),
  platform: (v) => (PLATFORMS as readonly string[]).includes(v),
  topic: (v) => IDENTIFIER.test(v),
  campaign: (v) => IDENTIFIER.test(v),
  lang: (v) => (LANGS as readonly string[]).includes(v),
};

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** Inclusive number of days of a range. */
export function rangeDays(filter: Pick<Filter, 'from' | 'to'>): number {
  return Math.round((Date.parse(`${filter.to}T00:00:00Z`) - Date.parse(`${filter.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The last `days` days up to and including `today` (UTC). */
export function lastDays(today: Date, days: number): Pick<Filter, 'from' | 'to'> {
  const to = isoDay(today.getTime());
  return { from: addDays(to, -(days - 1)), to };
}

function validDay(value: string | null): value is string {
  if (value === null || !ISO_DAY.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Rejects impossible days such as 2026-11-31, which Date.parse rolls over.
  return !Number.isNaN(ms) && isoDay(ms) === value;
}

/** A parameter of the URL that the filter could not use, and why (shown to the user). */
export type IgnoredParam =
  | { reason: 'invalidDay'; key: 'from' | 'to'; value: string }
  | { reason: 'inverted'; from: string; to: string }
  | { reason: 'missingPair'; key: 'from' | 'to'; value: string; other: 'from' | 'to' }
  | { reason: 'unknownValue'; key: ListKey; value: string };

/**
 * Reads the filter from a query string and says what it ignored: an invalid or reversed date
 * range falls back to the last 30 days, unknown list values are dropped. Absent parameters are
 * not "ignored" (a plain link has none).
 */
export function parseFilter(search: string | URLSearchParams, today: Date): { filter: Filter; ignored: IgnoredParam[] } {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const ignored: IgnoredParam[] = [];
  const fallback = lastDays(today, 30);
  const rawFrom = params.get('from');
  const rawTo = params.get('to');
  let range: Pick<Filter, 'from' | 'to'> = fallback;
  for (const [key, value] of [['from', rawFrom], ['to', rawTo]] as const) {
    if (value !== null && !validDay(value)) ignored.push({ reason: 'invalidDay', key, value });
  }
  if (validDay(rawFrom) && validDay(rawTo)) {
    if (rawFrom > rawTo) ignored.push({ reason: 'inverted', from: rawFrom, to: rawTo });
    else range = { from: rawFrom, to: rawTo };
  } else if (ignored.length === 0 && (rawFrom !== null) !== (rawTo !== null)) {
    const key = rawFrom !== null ? 'from' : 'to';
    ignored.push({ reason: 'missingPair', key, value: (rawFrom ?? rawTo)!, other: key === 'from' ? 'to' : 'from' });
  }
  const filter: Filter = { ...range, country: [], platform: [], topic: [], campaign: [], lang: [] };
  for (const key of LIST_KEYS) {
    const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    for (const value of new Set(values)) if (!VALID[key](value)) ignored.push({ reason: 'unknownValue', key, value });
    filter[key] = [...new Set(values.filter(VALID[key]))];
  }
  return { filter, ignored };
}

/** Reads the filter from a query string; invalid or missing parts fall back to the last 30 days and no selection. */
export function filterFromSearch(search: string | URLSearchParams, today: Date): Filter {
  return parseFilter(search, today).filter;
}

/** Writes the filter into a query string (lists comma-joined, empty lists omitted), keeping other keys of `base`. */
export function filterToSearch(filter: Filter, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  params.set('from', filter.from);
  params.set('to', filter.to);
  for (const key of LIST_KEYS) {
    if (filter[key].length > 0) params.set(key, filter[key].join(','));
    else params.delete(key);
  }
  return params;
}

/** The filter as the API's query string, plus extra parameters. */
export function apiQuery(filter: Filter, extra: Record<string, string | number | null | undefined> = {}): string {
  const params = filterToSearch(filter);
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** How many dimension selections are active (the date range is always set). */
export function activeCount(filter: Filter): number {
  return LIST_KEYS.reduce((n, key) => n + filter[key].length, 0);
}

export function toggleValue(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

