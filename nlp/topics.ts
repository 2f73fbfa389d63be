/**
 * Multi-label topic detection from the editable taxonomy in lexicons/topics/topics.json.
 * Each topic has strong terms and phrases (weight 1), weak terms (0.5), hashtags (1.5),
 * English terms (1, used for English posts) and exclusions: phrases that cancel any term
 * they overlap ("me mataste de risa" cancels "mataste"; "el árbitro nos robó" cancels "robó").
 * A topic fires when its summed weight reaches the threshold; score = 1 − e^(−sum).
 * Contract: pure; only topics that fire are returned, best first.
 */
import type { Evidence } from '../models/common.js';
import type { TopicResult } from '../models/enrichment.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { fold } from './text/fold.js';

export interface TopicDefinition {
  id: string;
  label?: string;
  terms?: string[];
  weak?: string[];
  hashtags?: string[];
  en?: string[];
  exclusions?: string[];
  threshold?: number;
  /** Topic ids that, when they fire, keep this one from firing (homicidios ⊂ femicidio). */
  suppressedBy?: string[];
  /** Words that, anywhere in the post, cancel this topic's terms of one or two words ("nos robaron" near "árbitro"). */
  veto?: string[];
  /** "<n> años" with n in this range adds weight 1 (ninez_juventud: minors and youth). */
  ageRange?: [number, number];
}

/** Words before "<n> años" that make it a duration, not an age ("hace 3 años"). */
const NOT_AGE = new Set([
  'hace',
  'durante',
  'desde',
  'en',
  'los',
  'por',
  'ultimos',
  'hasta',
  'tras',
  'despues',
  'antes',
  'cada',
  'mas',
  'menos',
  'unos',
  'for',
  'ago',
  'last',
  'in',
]);

export interface TopicsFile {
  version: string;
  threshold?: number;
  topics: TopicDefinition[];
}

interface TopicTerm {
  topic: number;
  weight: number;
}

export interface TopicIndex {
  ids: string[];
  thresholds: number[];
  es: PhraseMatcher<TopicTerm>;
  en: PhraseMatcher<TopicTerm>;
  exclusions: PhraseMatcher<number>;
  hashtags: Map<string, TopicTerm[]>;
  hashtagPrefixes: Array<[string, TopicTerm]>;
  suppressedBy: number[][];
  veto: Array<Set<string>>;
  ageRanges: Array<[number, [number, number]]>;
}

export function buildTopicIndex(file: TopicsFile): TopicIndex {
  const es = new PhraseMatcher<TopicTerm>();
  const en = new PhraseMatcher<TopicTerm>();
  const exclusions = new PhraseMatcher<number>();
  const hashtags = new Map<string, TopicTerm[]>();
  const hashtagPrefixes: Array<[string, TopicTerm]> = [];
  file.topics.forEach((t, topic) => {
    for (const term of t.terms ?? []) es.add(term, { topic, weight: 1 });
    for (const term of t.weak ?? []) es.add(term, { topic, weight: 0.5 });
    for (const term of t.en ?? []) en.add(term, { topic, weight: 1 });
    for (const phrase of t.exclusions ?? []) exclusions.add(phrase, topic);
    for (const tag of t.hashtags ?? []) {
      const key = fold(tag).replace(/[^\p{L}\p{N}*]/gu, '');
      if (key.endsWith('*')) hashtagPrefixes.push([key.slice(0, -1), { topic, weight: 1.5 }]);
      else hashtags.set(key, [...(hashtags.get(key) ?? []), { topic, weight: 1.5 }]);
    }
  });
  return {
    ids: file.topics.map((t) => t.id),
    thresholds: file.topics.map((t) => t.threshold ?? file.threshold ?? 1),
    es,
    en,
    exclusions,
    hashtags,
    hashtagPrefixes,
    suppressedBy: file.topics.map((t) =>
      (t.suppressedBy ?? [])
        .map((id) => file.topics.findIndex((o) => o.id === id))
        .filter((i) => i >= 0),
    ),
    veto: file.topics.map((t) => new Set((t.veto ?? []).map((w) => fold(w)))),
    ageRanges: file.topics.flatMap((t, i) =>
      t.ageRange ? [[i, t.ageRange] as [number, [number, number]]] : [],
    ),
  };
}

export function detectTopics(
  words: readonly string[],
  hashtags: readonly string[],
  lang: 'es' | 'en',
  index: TopicIndex,
): TopicResult[] {
  const matcher = lang === 'en' ? index.en : index.es;
  const hits = matcher.match(words);
  if (lang === 'en')
    hits.push(
      ...index.es
        .match(words)
        .filter((h) => h.phrase.length > 5 && h.payload.weight === 1 && h.phrase.includes(' ')),
    );
  const excluded = index.exclusions.match(words);
  const vetoCache = new Map<number, boolean>();
  const vetoed = (topic: number) => {
    let v = vetoCache.get(topic);
    if (v === undefined) {
      const set = index.veto[topic]!;
      v = set.size > 0 && words.some((w) => set.has(w));
      vetoCache.set(topic, v);
    }
    return v;
  };
  const sums = new Map<number, { sum: number; evidence: Map<string, number> }>();
  const add = (topic: number, weight: number, feature: string) => {
    const entry = sums.get(topic) ?? { sum: 0, evidence: new Map<string, number>() };
    // The same term counts once per post.
    if (entry.evidence.has(feature)) return;
    entry.sum += weight;
    entry.evidence.set(feature, weight);
    sums.set(topic, entry);
  };
  // Longest strong phrase per topic and position wins; shorter overlapping phrases of the same topic are skipped.
  if (hits.length > 1) hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const coveredUntil = new Map<number, number>();
  for (const hit of hits) {
    const { topic, weight } = hit.payload;
    if (excluded.some((x) => x.payload === topic && x.start < hit.end && hit.start < x.end))
      continue;
    if ((coveredUntil.get(topic) ?? -1) > hit.start) continue;
    if (hit.phrase.split(' ').length <= 2 && vetoed(topic)) continue;
    coveredUntil.set(topic, hit.end);
    add(topic, weight, hit.phrase);
  }
  for (const tag of hashtags) {
    for (const term of index.hashtags.get(tag) ?? []) add(term.topic, term.weight, `#${tag}`);
    for (const [prefix, term] of index.hashtagPrefixes)
      if (tag.startsWith(prefix)) add(term.topic, term.weight, `#${tag}`);
  }
  if (index.ageRanges.length > 0) {
    for (let i = 0; i + 1 < words.length; i++) {
      const next = words[i + 1];
      if (next !== 'anos' && next !== 'years' && next !== 'year') continue;
      const age = Number(words[i]);
      if (!Number.isInteger(age) || (i > 0 && NOT_AGE.has(words[i - 1]!))) continue;
      for (const [topic, [min, max]] of index.ageRanges)
        if (age >= min && age <= max) add(topic, 1, `${age} años`);
    }
  }
  const fired = new Set<number>();
  for (const [topic, { sum }] of sums) if (sum >= index.thresholds[topic]!) fired.add(topic);
  const results: TopicResult[] = [];
  for (const [topic, { sum, evidence }] of sums) {
    if (!fired.has(topic) || index.suppressedBy[topic]!.some((other) => fired.has(other))) continue;
    const explanation: Evidence[] = [...evidence.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([feature, weight]) => ({ feature, weight }));
    results.push({
      id: index.ids[topic]!,
      score: Math.round((1 - Math.exp(-sum)) * 1000) / 1000,
      explanation,
    });
  }
  return results.length > 1 ? results.sort((a, b) => b.score - a.score) : results;
}
