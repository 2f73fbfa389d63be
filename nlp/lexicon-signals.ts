/**
 * Lexicon signals of a normalised post: polarity (negation flips it), emotion words and emoji,
 * misogyny and hate terms, surface statistics. They feed the linear models as `l:`/`s:`
 * features and are the only signal for English (Belize) posts.
 */
import type { MisogynyCueSet } from './misogyny-cues.js';
import type { StanceCue } from './stance.js';
import type { Evidence } from '../models/common.js';
import { EMOTIONS, type Emotion, type MisogynyCategory } from '../models/enrichment.js';
import type { PhraseMatcher } from './phrase-matcher.js';
import type { NormalizedText } from './text/normalize.js';
import { WordFilter } from './text/word-filter.js';

export interface LexiconResources {
  polarity: { es: Map<string, number>; en: Map<string, number> };
  emotion: {
    es: Map<string, Emotion[]>;
    en: Map<string, Emotion[]>;
    emoji: Map<string, Emotion[]>;
  };
  misogyny: { es: PhraseMatcher<MisogynyCategory>; en: PhraseMatcher<MisogynyCategory> };
  hate: { es: PhraseMatcher<true>; en: PhraseMatcher<true> };
  /** Condemnation / reporting cues (nlp/stance.ts). */
  stance: { es: PhraseMatcher<StanceCue>; en: PhraseMatcher<StanceCue> };
  /** Targets and rules of the misogyny label (nlp/misogyny-cues.ts). */
  misogynyCues: { es: MisogynyCueSet; en: MisogynyCueSet };
}

export interface LexiconSignals {
  polarity: number;
  positive: number;
  negative: number;
  emotions: Record<Emotion, number>;
  misogyny: number;
  misogynyCategories: Partial<Record<MisogynyCategory, number>>;
  hate: number;
  evidence: {
    polarity: Evidence[];
    emotions: Partial<Record<Emotion, Evidence[]>>;
    misogyny: Evidence[];
    hate: Evidence[];
  };
  /** `l:`/`s:` model features. */
  features: Array<[string, number]>;
}

export function lexiconSignals(
  norm: NormalizedText,
  lang: 'es' | 'en',
  lex: LexiconResources,
): LexiconSignals {
  const polarityMap = lex.polarity[lang];
  const emotionMap = lex.emotion[lang];
  const polarityFilter = filterOf(polarityMap);
  const emotionFilter = filterOf(emotionMap, lex.emotion.emoji);
  let positive = 0;
  let negative = 0;
  const polarityEvidence: Evidence[] = [];
  const emotions = zeroEmotions();
  const emotionEvidence: Partial<Record<Emotion, Evidence[]>> = {};
  const words = norm.words;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const pol = polarityFilter.mightHave(word) ? polarityMap.get(word) : undefined;
    if (pol !== undefined) {
      const value = norm.negated[i] ? -0.6 * pol : pol;
      if (value > 0) positive += value;
      else negative -= value;
      polarityEvidence.push({
        feature: norm.negated[i] ? `no ${word}` : word,
        weight: round(value),
      });
    }
    const emos = emotionFilter.mightHave(word)
      ? (emotionMap.get(word) ?? lex.emotion.emoji.get(word))
      : undefined;
    if (emos && !norm.negated[i]) {
      for (const e of emos) {
        emotions[e] += 1;
        (emotionEvidence[e] ??= []).push({ feature: word, weight: 1 });
      }
    }
  }
  let misogyny = 0;
  const misogynyCategories: Partial<Record<MisogynyCategory, number>> = {};
  const misogynyEvidence: Evidence[] = [];
  for (const hit of lex.misogyny[lang].match(words)) {
    misogyny += 1;
    misogynyCategories[hit.payload] = (misogynyCategories[hit.payload] ?? 0) + 1;
    misogynyEvidence.push({ feature: hit.phrase, weight: 1 });
  }
  let hate = 0;
  const hateEvidence: Evidence[] = [];
  for (const hit of lex.hate[lang].match(words)) {
    hate += 1;
    hateEvidence.push({ feature: hit.phrase, weight: 1 });
  }
  const s = norm.stats;
  const features: Array<[string, number]> = [
    ['l:pos', squash(positive)],
    ['l:neg', squash(negative)],
    ['l:polarity', squash(positive - negative)],
    ['l:misogyny', squash(misogyny)],
    ['l:hate', squash(hate)],
    ['s:url', s.urls > 0 ? 1 : 0],
    ['s:exclam', squash(s.exclamations / 2)],
    ['s:question', squash(s.questions / 2)],
    ['s:caps', s.upperRatio > 0.5 && s.length > 15 ? 1 : 0],
    ['s:elong', squash(s.elongations)],
    ['s:laugh', squash(s.laughs)],
  ];
  for (const e of EMOTIONS)
    if (emotions[e] > 0) features.push([EMO_FEATURE[e], squash(emotions[e])]);
  for (const [cat, n] of Object.entries(misogynyCategories))
    features.push([misFeature(cat), squash(n)]);
  return {
    polarity: positive + negative > 0 ? (positive - negative) / (positive + negative + 1) : 0,
    positive,
    negative,
    emotions,
    misogyny,
    misogynyCategories,
    hate,
    evidence: {
      polarity: polarityEvidence,
      emotions: emotionEvidence,
      misogyny: misogynyEvidence,
      hate: hateEvidence,
    },
    features,
  };
}

const FILTERS = new WeakMap<Map<string, unknown>, WordFilter>();

/**
 * The Bloom filter of a lexicon's words (built on first use; `extra`'s words too — the emoji
 * map shared by every language, looked up after `map`).
 */
function filterOf(map: Map<string, unknown>, extra?: Map<string, unknown>): WordFilter {
  let filter = FILTERS.get(map);
  if (!filter) {
    filter = new WordFilter(extra ? [...map.keys(), ...extra.keys()] : map.keys());
    FILTERS.set(map, filter);
  }
  return filter;
}

/** Zero per emotion, keys in EMOTIONS order (results serialise in that order). */
const ZERO_EMOTIONS: Readonly<Record<Emotion, number>> = Object.freeze({
  anger: 0,
  disgust: 0,
  fear: 0,
  joy: 0,
  sadness: 0,
  surprise: 0,
  others: 0,
});
if (Object.keys(ZERO_EMOTIONS).join() !== EMOTIONS.join())
  throw new Error('ZERO_EMOTIONS must list EMOTIONS in order');

/** A fresh { anger: 0, …, others: 0 }: cloning a literal is much cheaper than fromEntries. */
export function zeroEmotions(): Record<Emotion, number> {
  return { ...ZERO_EMOTIONS };
}

/** Feature names built once (the same strings every post, so their hashes are cached). */
const EMO_FEATURE = Object.fromEntries(EMOTIONS.map((e) => [e, `l:emo:${e}`])) as Record<
  Emotion,
  string
>;
const MIS_FEATURE = new Map<string, string>();
function misFeature(cat: string): string {
  let name = MIS_FEATURE.get(cat);
  if (name === undefined) {
    name = `l:mis:${cat}`;
    MIS_FEATURE.set(cat, name);
  }
  return name;
}

/** Smoothly caps a count to [0, 1). */
function squash(x: number): number {
  return x === 0 ? 0 : Math.tanh(x / 2);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
