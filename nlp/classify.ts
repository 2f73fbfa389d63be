/**
 * Turns linear-model (and optional ONNX) probabilities and lexicon signals into the
 * Enrichment's sentiment, emotions, misogyny and hate results, with explanations.
 * Spanish: trained models (+ ONNX when given). English: lexicons only. Other: neutral.
 */
import type { Evidence } from '../models/common.js';
import {
  EMOTIONS,
  MISOGYNY_CATEGORIES,
  type EmotionResult,
  type HateResult,
  type MisogynyCategory,
  type MisogynyIntention,
  type MisogynyResult,
  type SentimentResult,
} from '../models/enrichment.js';
import { hateTargeted, NO_CUES, ruleEvidence, rulesApply, type MisogynyCues } from './misogyny-cues.js';
import { NO_STANCE, stanceEvidence, type Stance } from './stance.js';
import { zeroEmotions, type LexiconSignals } from './lexicon-signals.js';
import {
  evidenceFor,
  predict,
  type FeatureTable,
  type LinearModel,
  type Matches,
} from './model/linear.js';

export type Probs = Partial<Record<'sentiment' | 'emotion' | 'misogyny' | 'hate', number[]>>;

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Readable feature names for explanations. */
export function prettyFeature(name: string): string {
  const kind = name.slice(0, 2);
  const rest = name.slice(2);
  switch (kind) {
    case 'w:':
      return rest;
    case 'n:':
      return `no ${rest}`;
    case 'b:':
      return rest;
    case 'c:':
      return `…${rest.trim()}…`;
    case 'h:':
      return `#${rest}`;
    case 'g:':
      return `jerga:${rest}`;
    case 'l:':
      return `léxico:${rest}`;
    case 's:':
      return `rasgo:${rest}`;
    default:
      return name;
  }
}

function pretty(evidence: Evidence[], signals?: LexiconSignals): Evidence[] {
  return evidence.map((e) => ({
    feature: withLexiconWords(prettyFeature(e.feature), e.feature, signals),
    weight: e.weight,
  }));
}

/** "léxico:neg" → "léxico:neg (balacera, miedo)": the words behind a lexicon feature. */
function withLexiconWords(label: string, name: string, signals?: LexiconSignals): string {
  if (!signals || !name.startsWith('l:')) return label;
  const key = name.slice(2);
  const pol = signals.evidence.polarity;
  let words: string[] = [];
  if (key === 'neg') words = firstUnique(pol, (e) => e.weight < 0);
  else if (key === 'pos') words = firstUnique(pol, (e) => e.weight > 0);
  else if (key === 'polarity') words = firstUnique(pol);
  else if (key.startsWith('emo:'))
    words = firstUnique(
      signals.evidence.emotions[key.slice(4) as keyof typeof signals.evidence.emotions] ?? [],
    );
  else if (key.startsWith('mis')) words = firstUnique(signals.evidence.misogyny);
  else if (key === 'hate') words = firstUnique(signals.evidence.hate);
  return words.length > 0 ? `${label} (${words.join(', ')})` : label;
}

/** The first `max` distinct features (of the evidence kept by `keep`), in order. */
function firstUnique(
  evidence: readonly Evidence[],
  keep?: (e: Evidence) => boolean,
  max = 4,
): string[] {
  const out: string[] = [];
  for (const e of evidence) {
    if (keep && !keep(e)) continue;
    if (!out.includes(e.feature)) out.push(e.feature);
    if (out.length === max) break;
  }
  return out;
}

function blend(linear: number[], extra: number[] | undefined): number[] {
  if (!extra || extra.length !== linear.length) return linear;
  return linear.map((p, i) => (p + extra[i]!) / 2);
}

export interface ModelContext {
  table: FeatureTable;
  matches: Matches;
  models: Partial<
    Record<
      'sentiment' | 'emotion' | 'misogyny' | 'misogyny-category' | 'misogyny-intention' | 'hate',
      LinearModel
    >
  >;
  onnx?: Probs;
}

export function sentimentFromModel(ctx: ModelContext, signals: LexiconSignals): SentimentResult {
  const model = ctx.models.sentiment;
  if (!model) return sentimentFromLexicon(signals);
  const probs = blend(predict(model, ctx.table, ctx.matches).probs, ctx.onnx?.sentiment);
  const p = probs[model.labels.indexOf('P')] ?? 0;
  const n = probs[model.labels.indexOf('N')] ?? 0;
  const best = argmax(probs);
  return {
    label: model.labels[best] as SentimentResult['label'],
    score: r3(Math.max(-1, Math.min(1, p - n))),
    confidence: r3(probs[best]!),
    explanation: pretty(evidenceFor(model, ctx.table, ctx.matches, best), signals),
  };
}

export function sentimentFromLexicon(signals: LexiconSignals): SentimentResult {
  const score = signals.polarity;
  const label = score > 0.15 ? 'P' : score < -0.15 ? 'N' : 'NEU';
  const evidence = signals.evidence.polarity
    .filter((e) => (label === 'P' ? e.weight > 0 : label === 'N' ? e.weight < 0 : true))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 5);
  return {
    label,
    score: r3(score),
    confidence: r3(0.4 + 0.5 * Math.abs(score)),
    explanation: evidence,
  };
}

export function neutralSentiment(): SentimentResult {
  return { label: 'NEU', score: 0, confidence: 0, explanation: [] };
}

export function emotionFromModel(ctx: ModelContext, signals: LexiconSignals): EmotionResult {
  const model = ctx.models.emotion;
  if (!model) return emotionFromLexicon(signals);
  const probs = blend(predict(model, ctx.table, ctx.matches).probs, ctx.onnx?.emotion);
  const scores: EmotionResult['scores'] = zeroEmotions();
  for (const e of EMOTIONS) scores[e] = r3(probs[model.labels.indexOf(e)] ?? 0);
  const best = argmax(probs);
  return {
    label: model.labels[best] as EmotionResult['label'],
    scores,
    explanation: pretty(evidenceFor(model, ctx.table, ctx.matches, best), signals),
  };
}

export function emotionFromLexicon(signals: LexiconSignals): EmotionResult {
  const counts = signals.emotions;
  const total = EMOTIONS.reduce((a, e) => a + counts[e], 0);
  const scores = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionResult['scores'];
  if (total === 0) {
    scores.others = 1;
    return { label: 'others', scores, explanation: [] };
  }
  for (const e of EMOTIONS) scores[e] = r3(counts[e] / (total + 1));
  scores.others = r3(1 / (total + 1));
  const label = EMOTIONS.filter((e) => e !== 'others').reduce(
    (a, b) => (counts[b] > counts[a] ? b : a),
    'fear' as const as EmotionResult['label'],
  );
  return { label, scores, explanation: (signals.evidence.emotions[label] ?? []).slice(0, 5) };
}

export function neutralEmotion(): EmotionResult {
  const scores = Object.fromEntries(
    EMOTIONS.map((e) => [e, e === 'others' ? 1 : 0]),
  ) as EmotionResult['scores'];
  return { label: 'others', scores, explanation: [] };
}

export function misogynyFromModel(
  ctx: ModelContext,
  signals: LexiconSignals,
  stanceOf: () => Stance = () => NO_STANCE,
  cuesOf: () => MisogynyCues = () => NO_CUES,
): MisogynyResult {
  const model = ctx.models.misogyny;
  if (!model) return misogynyFromLexicon(signals, cuesOf());
  const p = blend(predict(model, ctx.table, ctx.matches).probs, ctx.onnx?.misogyny)[1]!;
  const cues = cuesOf();
  const ruled = rulesApply(cues);
  // `p`: the post is about sexism (EXIST: sexist, or reporting or criticising sexism). A rule
  // phrase ("a la cocina", "se lo buscó") settles that whatever the model's words say.
  const sexism = p >= model.threshold || ruled;
  let category: MisogynyCategory | null = null;
  const explanation = [
    ...(ruled ? ruleEvidence(cues, 1) : []),
    ...pretty(evidenceFor(model, ctx.table, ctx.matches, sexism ? 1 : 0), signals),
  ];
  const intention = sexism ? intentionOf(ctx, signals, stanceOf(), explanation) : null;
  // Misogynistic speech has a target: a post naming no woman and no gender (target words
  // include the insults aimed at women) is about something else (schools, migrants, a town called Santa Ana), however
  // the model relates its words to sexism.
  const targeted = !cues.gate || ruled || cues.targets.length > 0;
  if (sexism && !targeted) explanation.unshift({ feature: 'objetivo:ninguno', weight: -1 });
  // Misogynistic speech is sexism voiced by the author; a post that reports or condemns it is
  // counted apart (without an intention model every sexism-related post counts, as before).
  const flag = sexism && targeted && intention !== 'reporting';
  if (sexism) {
    const cat = ctx.models['misogyny-category'];
    if (ruled) category = cues.rules[0]!.category;
    else if (cat) {
      const probs = predict(cat, ctx.table, ctx.matches).probs;
      let best = -1;
      cat.labels.forEach((l, i) => {
        if (
          l !== 'non-sexist' &&
          (MISOGYNY_CATEGORIES as readonly string[]).includes(l) &&
          (best < 0 || probs[i]! > probs[best]!)
        )
          best = i;
      });
      if (best >= 0) {
        category = cat.labels[best] as MisogynyCategory;
        explanation.push(
          ...pretty(evidenceFor(cat, ctx.table, ctx.matches, best, 3), signals).map((e) => ({
            feature: `${category}:${e.feature}`,
            weight: e.weight,
          })),
        );
      }
    } else category = lexiconCategory(signals);
  }
  const score = ruled ? Math.max(p, RULE_SCORE) : p;
  return { flag, score: r3(clamp01(score)), category, intention, explanation };
}

/** The score of a post a rule phrase marks as about sexism, when the model scored it lower. */
const RULE_SCORE = 0.9;

/**
 * Whether a sexism-related post is sexist itself (`direct`) or reports / condemns sexism
 * (`reporting`). A condemnation cue (lexicons/stance.json: "basta de", "exigimos justicia")
 * decides alone; otherwise the misogyny-intention model must lean to reporting *and* a
 * reporting cue ("asesinada", "me dijeron", "fiscalía") must back it: the model alone reads
 * most generalisations about "las mujeres" as reported, which would hide plain sexism. The
 * model's strongest features and the cues join the explanation (`intención:…`, `postura:…`).
 * Null without the intention model.
 */
function intentionOf(
  ctx: ModelContext,
  signals: LexiconSignals,
  stance: Stance,
  explanation: Evidence[],
): MisogynyIntention | null {
  const model = ctx.models['misogyny-intention'];
  if (!model) return null;
  const leansDirect = predict(model, ctx.table, ctx.matches).probs[1]! >= model.threshold;
  for (const e of pretty(evidenceFor(model, ctx.table, ctx.matches, leansDirect ? 1 : 0, 3), signals))
    explanation.push({ feature: `intención:${e.feature}`, weight: e.weight });
  const reporting =
    stance.condemn.length > 0 || (!leansDirect && stance.report.length > 0);
  if (reporting) explanation.push(...stanceEvidence(stance, -1));
  return reporting ? 'reporting' : 'direct';
}

function lexiconCategory(signals: LexiconSignals): MisogynyCategory {
  const entries = Object.entries(signals.misogynyCategories) as Array<[MisogynyCategory, number]>;
  return entries.sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'misogyny-non-sexual-violence';
}

export function misogynyFromLexicon(
  signals: LexiconSignals,
  cues: MisogynyCues = NO_CUES,
): MisogynyResult {
  const ruled = rulesApply(cues);
  const fromTerms = clamp01(1 - Math.exp(-0.9 * signals.misogyny));
  const score = ruled ? Math.max(fromTerms, RULE_SCORE) : fromTerms;
  const flag = score >= 0.5;
  return {
    flag,
    score: r3(score),
    category: ruled ? cues.rules[0]!.category : flag ? lexiconCategory(signals) : null,
    explanation: [...(ruled ? ruleEvidence(cues, 1) : []), ...signals.evidence.misogyny.slice(0, 5)],
  };
}

/**
 * Hate speech (against women and migrants, HatEval). A post that condemns violence ("basta de
 * feminicidios", "espacio seguro para mujeres") is not hate speech whatever the model's words
 * say: a condemnation cue clears the flag, and says so in the explanation.
 */
export function hateFromModel(
  ctx: ModelContext,
  signals: LexiconSignals,
  stanceOf: () => Stance = () => NO_STANCE,
  cuesOf: () => MisogynyCues = () => NO_CUES,
): HateResult {
  const model = ctx.models.hate;
  if (!model) return hateFromLexicon(signals, cuesOf());
  const p = blend(predict(model, ctx.table, ctx.matches).probs, ctx.onnx?.hate)[1]!;
  const hateful = p >= model.threshold;
  const condemn = hateful ? stanceOf().condemn : [];
  // Hate as HatEval defines it targets women or migrants: without either, it is something else.
  const targeted = !hateful || hateTargeted(cuesOf());
  const flag = hateful && condemn.length === 0 && targeted;
  const explanation = pretty(evidenceFor(model, ctx.table, ctx.matches, flag ? 1 : 0), signals);
  if (!targeted) explanation.unshift({ feature: 'objetivo:ninguno', weight: -1 });
  if (condemn.length > 0) explanation.push(...stanceEvidence({ condemn, report: [] }, -1));
  return { flag, score: r3(clamp01(p)), explanation };
}

/** Hate from the lexicon alone (English, or no model): the same target rule as the model's. */
export function hateFromLexicon(signals: LexiconSignals, cues: MisogynyCues = NO_CUES): HateResult {
  const score = clamp01(1 - Math.exp(-0.9 * signals.hate));
  const targeted = score < 0.5 || hateTargeted(cues);
  const explanation = signals.evidence.hate.slice(0, 5);
  if (!targeted) explanation.unshift({ feature: 'objetivo:ninguno', weight: -1 });
  return { flag: score >= 0.5 && targeted, score: r3(score), explanation };
}

export function neutralFlag(): { flag: false; score: number; explanation: Evidence[] } {
  return { flag: false, score: 0, explanation: [] };
}

function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
