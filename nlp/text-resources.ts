/**
 * Loads the text lexicons (lexicons/text/*, sentiment/, emotions.json, abuse.json) into the
 * in-memory structures used by normalisation, language id and lexicon signals.
 */
import { namesTarget, type MisogynyCue } from './misogyny-cues.js';
import type { StanceCue } from './stance.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMOTIONS, type Emotion, type MisogynyCategory } from '../models/enrichment.js';
import { buildLanguageResources, type LanguageResources } from './language.js';
import type { LexiconResources } from './lexicon-signals.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { fold, foldKey } from './text/fold.js';
import { buildSegmentDictionary } from './text/hashtags.js';
import type { TextResources } from './text/normalize.js';

export interface TextBundle {
  text: TextResources;
  language: LanguageResources;
  lexicon: LexiconResources;
  /** Slang term (single word) → gloss words. */
  slang: Map<string, string[]>;
  /** Raw JSON text of every file read, for the bundle version hash. */
  sources: string[];
}

export function readJson<T>(path: string, sources?: string[]): T {
  const raw = readFileSync(path, 'utf8');
  sources?.push(raw);
  return JSON.parse(raw) as T;
}

export function loadTextBundle(dir: string): TextBundle {
  const sources: string[] = [];
  const abbr = readJson<{ es: Record<string, string>; en: Record<string, string> }>(
    join(dir, 'text/abbreviations.json'),
    sources,
  );
  const neg = readJson<{ scope: number; es: string[]; en: string[]; stop: string[] }>(
    join(dir, 'text/negation.json'),
    sources,
  );
  const slangJson = readJson<{ terms: Array<{ term: string; gloss: string }> }>(
    join(dir, 'text/slang.json'),
    sources,
  );
  const lang = readJson<Record<string, string[]>>(join(dir, 'text/language.json'), sources);
  const seg = readJson<{ words: Record<string, number> }>(
    join(dir, 'text/segmentation.json'),
    sources,
  );
  const polEs = readJson<{ words: Record<string, number> }>(
    join(dir, 'sentiment/es.json'),
    sources,
  );
  const polEn = readJson<{ words: Record<string, number> }>(
    join(dir, 'sentiment/en.json'),
    sources,
  );
  const emo = readJson<{
    es: Record<Emotion, string[]>;
    en: Record<Emotion, string[]>;
    emoji: Record<Emotion, string[]>;
  }>(join(dir, 'emotions.json'), sources);
  const abuse = readJson<{
    misogyny: Record<'es' | 'en', Array<{ term: string; category: MisogynyCategory }>>;
    hate: Record<'es' | 'en', string[]>;
    misogynyCues?: Record<
      'es' | 'en',
      {
        target: string[];
        migrantTarget?: string[];
        rule: Array<{ phrase: string; category: MisogynyCategory; targeted?: boolean }>;
      }
    >;
  }>(join(dir, 'abuse.json'), sources);
  const stanceJson = readJson<Record<'es' | 'en', Record<StanceCue, string[]>>>(
    join(dir, 'stance.json'),
    sources,
  );

  const abbrMap = (o: Record<string, string>) =>
    new Map(Object.entries(o).map(([k, v]) => [fold(k), fold(v).split(' ')]));
  const text: TextResources = {
    abbreviations: { es: abbrMap(abbr.es), en: abbrMap(abbr.en) },
    negators: { es: new Set(neg.es.map(fold)), en: new Set(neg.en.map(fold)) },
    negationStop: new Set(neg.stop.map(fold)),
    negationScope: neg.scope,
    segment: buildSegmentDictionary(Object.entries(seg.words)),
  };
  const slang = new Map<string, string[]>();
  for (const { term, gloss } of slangJson.terms) {
    const key = foldKey(term);
    if (!key.includes(' ')) slang.set(key, foldKey(gloss).split(' '));
  }
  const emotionMap = (o: Partial<Record<Emotion, string[]>>, folding: boolean) => {
    const map = new Map<string, Emotion[]>();
    for (const e of EMOTIONS) {
      for (const w of o[e] ?? []) {
        const key = folding ? fold(w) : w;
        map.set(key, [...(map.get(key) ?? []), e]);
      }
    }
    return map;
  };
  const misogyny = {
    es: new PhraseMatcher<MisogynyCategory>(),
    en: new PhraseMatcher<MisogynyCategory>(),
  };
  const hate = { es: new PhraseMatcher<true>(), en: new PhraseMatcher<true>() };
  const stance = { es: new PhraseMatcher<StanceCue>(), en: new PhraseMatcher<StanceCue>() };
  const misogynyCues = {
    es: { matcher: new PhraseMatcher<MisogynyCue>(), gate: false },
    en: { matcher: new PhraseMatcher<MisogynyCue>(), gate: false },
  };
  for (const l of ['es', 'en'] as const) {
    // An analyst's edited abuse.json from before the cues existed has none: no gate, no rules.
    const cues = abuse.misogynyCues?.[l];
    for (const phrase of cues?.target ?? []) misogynyCues[l].matcher.add(phrase, { kind: 'target' });
    for (const phrase of cues?.migrantTarget ?? []) misogynyCues[l].matcher.add(phrase, { kind: 'migrant' });
    const targets = (cues?.target ?? []).map((t) => fold(t));
    for (const { phrase, category, targeted: implicit } of cues?.rule ?? []) {
      // A phrase that can only be about women ("vestida así") is marked in the lexicon.
      const targeted = implicit === true || namesTarget(fold(phrase), targets);
      misogynyCues[l].matcher.add(phrase, { kind: 'rule', category, targeted });
    }
    misogynyCues[l].gate = (cues?.target?.length ?? 0) > 0;
    for (const { term, category } of abuse.misogyny[l]) misogyny[l].add(term, category);
    for (const term of abuse.hate[l]) hate[l].add(term, true);
    for (const cue of ['condemn', 'report'] as const)
      for (const phrase of stanceJson[l][cue]) stance[l].add(phrase, cue);
  }
  const lexicon: LexiconResources = {
    polarity: {
      es: new Map(Object.entries(polEs.words)),
      en: new Map(Object.entries(polEn.words)),
    },
    emotion: {
      es: emotionMap(emo.es, true),
      en: emotionMap(emo.en, true),
      emoji: emotionMap(emo.emoji, false),
    },
    misogyny,
    hate,
    stance,
    misogynyCues,
  };
  return { text, language: buildLanguageResources(lang), lexicon, slang, sources };
}
