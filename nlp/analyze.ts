/**
 * escucha's Spanish (and Belizean English) post analyser: language, sentiment, emotions,
 * topics, misogyny, hate, places and campaigns, each with its explanation.
 * `loadAnalyzer` reads lexicons and weights once; `analyze` is synchronous, pure and does no
 * I/O; `analyzeBatch` adds the ONNX transformer scores when a local model is configured.
 */
import { detectStance, type Stance } from './stance.js';
import type { Campaign } from '../models/campaign.js';
import type { Enrichment, TopicResult } from '../models/enrichment.js';
import {
  emotionFromLexicon,
  emotionFromModel,
  hateFromLexicon,
  hateFromModel,
  misogynyFromLexicon,
  misogynyFromModel,
  neutralEmotion,
  neutralFlag,
  neutralSentiment,
  sentimentFromLexicon,
  sentimentFromModel,
  type Probs,
} from './classify.js';
import { matchCampaigns } from './campaigns.js';
import { extractFeatures, type ExtractOptions } from './features/extract.js';
import { detectLanguage } from './language.js';
import { lexiconSignals } from './lexicon-signals.js';
import { Matches } from './model/linear.js';
import { loadOnnxScorer, type OnnxScorer, type OnnxTask } from './onnx.js';
import { detectMisogynyCues, type MisogynyCues } from './misogyny-cues.js';
import { namesPlace, placeMatches, resolvePlaces, type Gazetteer, type PlaceEntry } from './places.js';
import type { PhraseHit } from './phrase-matcher.js';
import { loadResources, type Resources } from './resources.js';
import { detectTopics } from './topics.js';
import { fold } from './text/fold.js';
import { segmentHashtag } from './text/hashtags.js';
import { finish, prepare, type NormalizedText } from './text/normalize.js';

export interface AnalysisInput {
  text: string;
  hashtags?: string[];
  mentions?: string[];
  authorHandle?: string | null;
  authorLocation?: string | null;
  platformLang?: string | null;
  createdAt?: string;
  campaigns?: readonly Campaign[];
}

export type Analysis = Omit<Enrichment, 'enrichedAt'>;

export interface Analyzer {
  readonly version: string;
  analyze(input: AnalysisInput): Analysis;
  /** Uses ONNX when configured, else same as analyze. */
  analyzeBatch(inputs: readonly AnalysisInput[]): Promise<Analysis[]>;
}

export interface AnalyzerOptions {
  lexiconsDir?: string;
  weightsDir?: string;
  /** Local model directories per task. */
  onnx?: Partial<Record<OnnxTask, string>>;
}

export async function loadAnalyzer(options: AnalyzerOptions = {}): Promise<Analyzer> {
  const res = loadResources(options.lexiconsDir, options.weightsDir);
  const scorers: OnnxScorer[] = [];
  for (const [task, dir] of Object.entries(options.onnx ?? {}) as Array<
    [OnnxTask, string | undefined]
  >) {
    if (!dir) continue;
    const labels =
      res.models[task]?.labels ?? (task === 'misogyny' || task === 'hate' ? ['0', '1'] : []);
    scorers.push(await loadOnnxScorer(task, dir, labels));
  }
  const version =
    scorers.length > 0
      ? `${res.version}+onnx:${scorers.map((s) => s.task).join(',')}`
      : res.version;
  return {
    version,
    analyze: (input) => analyzeWith(res, version, input),
    async analyzeBatch(inputs) {
      if (scorers.length === 0) return inputs.map((input) => analyzeWith(res, version, input));
      const prepared = inputs.map((input) => {
        const p = prepare(input.text, res.bundle.text);
        return detectLanguage(input.text, p.tokens, res.bundle.language, input.platformLang).code;
      });
      const spanish = inputs.flatMap((input, i) => (prepared[i] === 'es' ? [i] : []));
      const probs: Probs[] = inputs.map(() => ({}));
      for (const scorer of scorers) {
        const scores = await scorer.score(spanish.map((i) => inputs[i]!.text));
        spanish.forEach((i, k) => (probs[i]![scorer.task] = scores[k]!));
      }
      return inputs.map((input, i) => analyzeWith(res, version, input, probs[i]));
    },
  };
}

const EXTRACT_OPTIONS = new WeakMap<Resources, ExtractOptions>();

/** Feature-extraction options of a resource bundle (built once, not per post). */
function extractOptions(res: Resources): ExtractOptions {
  let options = EXTRACT_OPTIONS.get(res);
  if (!options) {
    options = { ...res.extract, slang: res.bundle.slang };
    EXTRACT_OPTIONS.set(res, options);
  }
  return options;
}

/**
 * The text as the classifiers read it: without the place names of the region. A place says
 * where, not what: "Santa Ana" lent the misogyny model its "ana", "Santiago de los Caballeros"
 * its "caballeros". The words are dropped rather than replaced, so no placeholder adds
 * character n-grams of a real word. Places are resolved from the full text.
 */
function withoutPlaces(
  norm: NormalizedText,
  text: string,
  gaz: Gazetteer,
  matches: readonly PhraseHit<PlaceEntry[]>[],
): NormalizedText {
  const drop = new Set<number>();
  for (const hit of matches) {
    // Matches past the post's own words are in hashtag segments appended for resolution.
    if (hit.end > norm.words.length || !namesPlace(hit, text, gaz)) continue;
    for (let i = hit.start; i < hit.end; i++) drop.add(i);
  }
  if (drop.size === 0) return norm;
  const words = norm.words.filter((_, i) => !drop.has(i));
  const negated = Uint8Array.from([...norm.negated].filter((_, i) => !drop.has(i)));
  return { ...norm, words, negated, text: words.join(' ') };
}

export function analyzeWith(
  res: Resources,
  version: string,
  input: AnalysisInput,
  onnx?: Probs,
): Analysis {
  const { bundle } = res;
  const prepared = prepare(input.text, bundle.text);
  const language = detectLanguage(input.text, prepared.tokens, bundle.language, input.platformLang);
  const lang = language.code;
  const norm = finish(prepared, lang === 'en' ? 'en' : 'es', bundle.text);
  const hashtags = [...prepared.hashtags];
  const extraWords: string[] = [];
  for (const raw of input.hashtags ?? []) {
    const tag = fold(raw.replace(/^#/, ''));
    if (!tag || hashtags.includes(tag)) continue;
    hashtags.push(tag);
    extraWords.push('|', ...segmentHashtag(raw.replace(/^#/, ''), bundle.text.segment).split(' '));
  }
  const words = extraWords.length > 0 ? [...norm.words, ...extraWords] : norm.words;
  // Matched once: resolution reads the places, the classifiers read the text without them.
  const placeHits = placeMatches(words, res.gazetteer);
  const places = resolvePlaces(
    { text: input.text, words, hashtags, location: input.authorLocation ?? null, matches: placeHits },
    res.gazetteer,
  );

  let sentiment: Analysis['sentiment'];
  let emotions: Analysis['emotions'];
  let misogyny: Analysis['misogyny'];
  let hate: Analysis['hate'];
  let topics: TopicResult[];
  if (lang === 'es') {
    const classified = withoutPlaces(norm, input.text, res.gazetteer, placeHits);
    const signals = lexiconSignals(classified, 'es', bundle.lexicon);
    const matches = new Matches(res.table);
    extractFeatures(classified, signals, extractOptions(res), matches.sink);
    const ctx = { table: res.table, matches, models: res.models, onnx };
    sentiment = sentimentFromModel(ctx, signals);
    emotions = emotionFromModel(ctx, signals);
    // Stance cues only matter for posts about sexism or flagged as hate: matched on demand.
    let stance: Stance | undefined;
    const stanceOf = () => (stance ??= detectStance(words, bundle.lexicon.stance.es));
    let cues: MisogynyCues | undefined;
    const cuesOf = () => (cues ??= detectMisogynyCues(words, bundle.lexicon.misogynyCues.es));
    misogyny = misogynyFromModel(ctx, signals, stanceOf, cuesOf);
    hate = hateFromModel(ctx, signals, stanceOf, cuesOf);
    matches.release();
    topics = detectTopics(words, hashtags, 'es', res.topics);
  } else if (lang === 'en') {
    const signals = lexiconSignals(norm, 'en', bundle.lexicon);
    sentiment = sentimentFromLexicon(signals);
    emotions = emotionFromLexicon(signals);
    const cues = detectMisogynyCues(words, bundle.lexicon.misogynyCues.en);
    misogyny = misogynyFromLexicon(signals, cues);
    hate = hateFromLexicon(signals, cues);
    topics = detectTopics(words, hashtags, 'en', res.topics);
  } else {
    sentiment = neutralSentiment();
    emotions = neutralEmotion();
    misogyny = { ...neutralFlag(), category: null };
    hate = neutralFlag();
    topics = [];
  }
  const campaigns = input.campaigns?.length
    ? matchCampaigns(
        {
          text: extraWords.length > 0 ? words.join(' ') : norm.text,
          hashtags,
          mentions: [...prepared.mentions, ...(input.mentions ?? [])],
          authorHandle: input.authorHandle ?? null,
          createdAt: input.createdAt,
          countries: places.map((p) => p.country),
        },
        input.campaigns,
      )
    : [];
  return { version, language, sentiment, emotions, topics, misogyny, hate, places, campaigns };
}
