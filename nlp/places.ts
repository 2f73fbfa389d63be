/**
 * Place resolution against the gazetteer in lexicons/places/: country names, demonyms, ISO
 * codes (profile and hashtags only), flags, first-level divisions and main municipalities, read
 * from the text, the hashtags and the author's profile location.
 * Ambiguous names ("Santa Ana", "San Miguel", "Colón") and names that are also common words
 * only count when another clue supports one of their countries or a locative word precedes
 * them; otherwise they are dropped, so the post stays at country level (or unplaced).
 * Contract: pure; results one per country, best first; admin1 null when not resolved.
 */
import type { Evidence } from '../models/common.js';
import type { CountryCode } from '../models/common.js';
import type { PlaceResult } from '../models/enrichment.js';
import { PhraseMatcher, type PhraseHit } from './phrase-matcher.js';
import { fold, foldKey } from './text/fold.js';

export interface CountryGazetteer {
  country: CountryCode;
  names: string[];
  codes?: string[];
  demonyms: string[];
  admin1: Array<{
    name: string;
    aliases?: string[];
    municipalities?: string[];
    ambiguous?: boolean;
  }>;
}

type Kind = 'country' | 'demonym' | 'code' | 'admin1' | 'municipality';

export interface PlaceEntry {
  country: CountryCode;
  admin1: string | null;
  kind: Kind;
  name: string;
  flagged: boolean;
}

export interface Gazetteer {
  matcher: PhraseMatcher<PlaceEntry[]>;
  compact: Map<string, PlaceEntry[]>;
  codes: Map<string, CountryCode>;
  common: Set<string>;
}

const KIND_WEIGHT: Record<Kind, number> = {
  country: 1.2,
  code: 1,
  demonym: 0.8,
  admin1: 1,
  municipality: 0.9,
};
const SOURCE_WEIGHT = { text: 1, hashtag: 1, profile: 1.5, platform: 1 } as const;
/** Most a profile location adds to a country (a municipality named in the text adds 0.9–1.2). */
const PROFILE_CAP = 0.85;
const LOCATIVE = new Set([
  'en',
  'de',
  'desde',
  'municipio',
  'departamento',
  'provincia',
  'ciudad',
  'colonia',
  'barrio',
  'canton',
  'distrito',
  'hacia',
  'in',
  'from',
  'district',
  'to',
]);
const FLAGS: Record<string, CountryCode> = {
  '🇬🇹': 'GT',
  '🇭🇳': 'HN',
  '🇸🇻': 'SV',
  '🇨🇷': 'CR',
  '🇵🇦': 'PA',
  '🇩🇴': 'DO',
  '🇧🇿': 'BZ',
};
const FLAG_RE = /\p{Regional_Indicator}{2}/gu;

export function buildGazetteer(countries: CountryGazetteer[], commonWords: string[]): Gazetteer {
  const byPhrase = new Map<string, PlaceEntry[]>();
  const codes = new Map<string, CountryCode>();
  const add = (phrase: string, entry: Omit<PlaceEntry, 'name'>) => {
    const key = foldKey(phrase);
    if (!key) return;
    const list = byPhrase.get(key) ?? [];
    if (
      !list.some(
        (e) => e.country === entry.country && e.admin1 === entry.admin1 && e.kind === entry.kind,
      )
    )
      list.push({ ...entry, name: key });
    byPhrase.set(key, list);
  };
  for (const c of countries) {
    for (const n of c.names)
      add(n, { country: c.country, admin1: null, kind: 'country', flagged: false });
    for (const d of c.demonyms)
      add(d, { country: c.country, admin1: null, kind: 'demonym', flagged: false });
    for (const code of c.codes ?? []) codes.set(fold(code), c.country);
    for (const a of c.admin1) {
      const flagged = a.ambiguous === true;
      for (const n of [a.name, ...(a.aliases ?? [])])
        add(n, { country: c.country, admin1: a.name, kind: 'admin1', flagged });
      for (const m of a.municipalities ?? [])
        add(m, { country: c.country, admin1: a.name, kind: 'municipality', flagged: false });
    }
  }
  const matcher = new PhraseMatcher<PlaceEntry[]>();
  const compact = new Map<string, PlaceEntry[]>();
  for (const [phrase, entries] of byPhrase) {
    matcher.add(phrase, entries);
    compact.set(phrase.replace(/ /g, ''), entries);
  }
  return { matcher, compact, codes, common: new Set(commonWords.map(foldKey)) };
}

export interface PlaceContext {
  /** Original text (capitalisation is checked there). */
  text: string;
  words: readonly string[];
  hashtags: readonly string[];
  location?: string | null;
  /** placeMatches of `words`, when the caller has them already. */
  matches?: readonly PhraseHit<PlaceEntry[]>[];
}

interface Clue {
  entries: PlaceEntry[];
  from: 'text' | 'hashtag' | 'profile';
  phrase: string;
  locative: boolean;
}

export function resolvePlaces(ctx: PlaceContext, gaz: Gazetteer): PlaceResult[] {
  const clues: Clue[] = [];
  interface CountryEvidence {
    score: number;
    admin1: Map<string, number>;
    from: Map<string, number>;
    explanation: Evidence[];
  }
  const evidence = new Map<CountryCode, CountryEvidence>();
  const credit = (
    country: CountryCode,
    admin1: string | null,
    weight: number,
    from: Clue['from'],
    feature: string,
  ) => {
    const e: CountryEvidence = evidence.get(country) ?? {
      score: 0,
      admin1: new Map(),
      from: new Map(),
      explanation: [],
    };
    if (from === 'profile') {
      // A profile ("San Salvador, El Salvador") is one fact however many places it names, and
      // says where the author lives, not what the post is about: capped below one place
      // named in the text, so the text wins when they disagree.
      weight = Math.min(weight, PROFILE_CAP - (e.from.get('profile') ?? 0));
      if (weight <= 0) return;
    }
    e.score += weight;
    if (admin1) e.admin1.set(admin1, (e.admin1.get(admin1) ?? 0) + weight);
    e.from.set(from, (e.from.get(from) ?? 0) + weight);
    e.explanation.push({ feature, weight: Math.round(weight * 100) / 100 });
    evidence.set(country, e);
  };

  const tagSet = ctx.hashtags.length > 0 ? new Set(ctx.hashtags) : NO_TAGS;
  collectWords(ctx.words, 'text', gaz, clues, ctx.text, tagSet, ctx.matches);
  for (const tag of ctx.hashtags) {
    const entries = gaz.compact.get(tag);
    if (entries) clues.push({ entries, from: 'hashtag', phrase: tag, locative: true });
    const code = gaz.codes.get(tag);
    if (code) credit(code, null, 0.8, 'hashtag', `#${tag}`);
  }
  if (ctx.location) {
    const profile = profileClues(ctx.location, gaz);
    for (const [code, feature] of profile.flags) credit(code, null, 1.5, 'profile', feature);
    for (const clue of profile.clues) clues.push(clue);
    for (const [code, feature] of profile.codes) credit(code, null, 1, 'profile', feature);
  }
  for (const flag of ctx.text.match(FLAG_RE) ?? [])
    if (FLAGS[flag]) credit(FLAGS[flag]!, null, 0.8, 'text', flag);

  // First pass: unambiguous clues (one country, not a common word, not flagged).
  const deferred: Clue[] = [];
  for (const clue of clues) {
    const countries = new Set(clue.entries.map((e) => e.country));
    const common = gaz.common.has(clue.phrase) || clue.entries.some((e) => e.flagged);
    if (countries.size === 1 && !common) {
      const entry = best(clue.entries);
      credit(
        entry.country,
        entry.admin1,
        KIND_WEIGHT[entry.kind] * SOURCE_WEIGHT[clue.from],
        clue.from,
        prefix(clue) + clue.phrase,
      );
    } else deferred.push(clue);
  }
  // Second pass: ambiguous clues resolved by the countries already supported, or by a locative cue.
  for (const clue of deferred) {
    const supported = clue.entries.filter((e) => (evidence.get(e.country)?.score ?? 0) > 0);
    const countries = new Set(clue.entries.map((e) => e.country));
    let chosen: PlaceEntry[] = [];
    if (supported.length > 0) {
      const top = supported.reduce((a, b) =>
        evidence.get(a.country)!.score >= evidence.get(b.country)!.score ? a : b,
      ).country;
      chosen = supported.filter((e) => e.country === top);
    } else if (countries.size === 1 && (clue.locative || clue.from !== 'text'))
      chosen = clue.entries;
    if (chosen.length === 0) continue;
    const admins = new Set(chosen.map((e) => e.admin1).filter((a) => a !== null));
    const entry = best(chosen);
    // Several divisions of the same country share the name: keep the country level only.
    const admin1 = admins.size === 1 ? entry.admin1 : null;
    credit(
      entry.country,
      admin1,
      0.6 * KIND_WEIGHT[entry.kind] * SOURCE_WEIGHT[clue.from],
      clue.from,
      `${prefix(clue)}${clue.phrase} (contexto)`,
    );
  }

  const results: PlaceResult[] = [];
  for (const [country, e] of evidence) {
    const admin1 = topKey(e.admin1);
    const from = topKey(e.from) as PlaceResult['from'];
    results.push({
      country,
      admin1,
      from,
      score: Math.round((1 - Math.exp(-e.score)) * 1000) / 1000,
      explanation: sortDesc(e.explanation, (x) => x.weight).slice(0, 5),
    });
  }
  return sortDesc(results, (r) => r.score);
}

/** The key with the largest value, the first such in insertion order (as a stable sort). */
function topKey<K>(values: Map<K, number>): K | null {
  let best: K | null = null;
  let bestValue = -Infinity;
  for (const [key, value] of values)
    if (best === null || value > bestValue) {
      best = key;
      bestValue = value;
    }
  return best;
}

/** Stable sort by descending key; arrays of 0–1 items are returned as they are (no work array). */
function sortDesc<T>(items: T[], key: (item: T) => number): T[] {
  return items.length > 1 ? items.sort((a, b) => key(b) - key(a)) : items;
}

interface ProfileClues {
  flags: Array<[CountryCode, string]>;
  clues: Clue[];
  codes: Array<[CountryCode, string]>;
}

/** Profile locations repeat (one per author): their clues are memoised per gazetteer. */
const PROFILE_CACHE = new WeakMap<Gazetteer, Map<string, ProfileClues>>();

function profileClues(loc: string, gaz: Gazetteer): ProfileClues {
  let cache = PROFILE_CACHE.get(gaz);
  if (!cache) {
    cache = new Map();
    PROFILE_CACHE.set(gaz, cache);
  }
  const hit = cache.get(loc);
  if (hit) return hit;
  const flags: Array<[CountryCode, string]> = [];
  for (const flag of loc.match(FLAG_RE) ?? [])
    if (FLAGS[flag]) flags.push([FLAGS[flag]!, `perfil:${flag}`]);
  const words = fold(loc).match(/[\p{L}\p{N}]+/gu) ?? [];
  const clues: Clue[] = [];
  collectWords(words, 'profile', gaz, clues, null);
  const codes: Array<[CountryCode, string]> = [];
  for (const w of words) {
    const code = gaz.codes.get(w);
    if (code && w.length >= 2) codes.push([code, `perfil:${w}`]);
  }
  const result = { flags, clues, codes };
  if (cache.size >= 20_000) cache.clear();
  cache.set(loc, result);
  return result;
}

function prefix(clue: Clue): string {
  return clue.from === 'hashtag' ? '#' : clue.from === 'profile' ? 'perfil:' : '';
}

function best(entries: PlaceEntry[]): PlaceEntry {
  return entries.reduce((a, b) => (KIND_WEIGHT[b.kind] > KIND_WEIGHT[a.kind] ? b : a));
}

const NO_TAGS: ReadonlySet<string> = new Set();

/**
 * The gazetteer's phrases in `words`, longest first where they overlap (a shorter match inside
 * a longer one is dropped): what place resolution reads, and what the classifiers leave out.
 */
export function placeMatches(words: readonly string[], gaz: Gazetteer): PhraseHit<PlaceEntry[]>[] {
  const hits = gaz.matcher.match(words);
  if (hits.length > 1)
    hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: PhraseHit<PlaceEntry[]>[] = [];
  let covered = -1;
  for (const hit of hits) {
    if (hit.start < covered) continue;
    covered = hit.end;
    kept.push(hit);
  }
  return kept;
}

/** Whether a match names a place in `original`: a common-word name only when capitalised mid-sentence. */
export function namesPlace(hit: PhraseHit<PlaceEntry[]>, original: string, gaz: Gazetteer): boolean {
  return !gaz.common.has(hit.phrase) || capitalised(original, hit.phrase);
}

function collectWords(
  words: readonly string[],
  from: Clue['from'],
  gaz: Gazetteer,
  clues: Clue[],
  original: string | null,
  hashtags: ReadonlySet<string> = NO_TAGS,
  matches: readonly PhraseHit<PlaceEntry[]>[] = placeMatches(words, gaz),
): void {
  for (const hit of matches) {
    // The words of a hashtag are in the text too: the hashtag clue already counts them.
    if (hashtags.has(hit.phrase.replace(/ /g, ''))) continue;
    if (original && !namesPlace(hit, original, gaz)) continue;
    const locative = hit.start > 0 && LOCATIVE.has(words[hit.start - 1]!);
    clues.push({ entries: hit.payload, from, phrase: hit.phrase, locative });
  }
}

/**
 * True when the phrase occurs in the original text starting with an upper-case letter that is
 * not just the start of a sentence ("Ola de asaltos…" is a wave, not Olá in Coclé).
 */
function capitalised(original: string, phrase: string): boolean {
  const folded = original.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const lower = folded.toLowerCase();
  let from = 0;
  for (;;) {
    const i = lower.indexOf(phrase.split(' ')[0]!, from);
    if (i < 0) return false;
    const c = folded[i]!;
    if (c !== c.toLowerCase() && !sentenceStart(folded, i)) return true;
    from = i + 1;
  }
}

/** Whether position `i` begins the text or a sentence (after . ! ? ¡ ¿ or a line break). */
function sentenceStart(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '"' || text[j] === '«')) j--;
  return j < 0 || '.!?¡¿\n'.includes(text[j]!);
}
