import { z } from 'zod';
import { CountryCode, Evidence, Identifier, IsoDateTime } from './common.js';
import { EMOTIONS, MISOGYNY_CATEGORIES, SENTIMENTS } from './labels.js';

export { EMOTIONS, MISOGYNY_CATEGORIES, SENTIMENTS };
export const SentimentLabel = z.enum(SENTIMENTS);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

export const Emotion = z.enum(EMOTIONS);
export type Emotion = z.infer<typeof Emotion>;

export const MisogynyCategory = z.enum(MISOGYNY_CATEGORIES);
export type MisogynyCategory = z.infer<typeof MisogynyCategory>;

export const TOPICS = [
  'femicidio',
  'violencia_sexual',
  'violencia_domestica',
  'violencia_digital',
  'desapariciones',
  'trata',
  'homicidios',
  'pandillas',
  'extorsion',
  'robo',
  'narcotrafico',
  'migracion',
  'policia_justicia',
  'percepcion_inseguridad',
  'prevencion',
  'seguridad_vial',
  'lgbtiq',
  'ninez_juventud',
] as const;
/** Topic ids are open (the taxonomy in lexicons/topics is editable); TOPICS is the shipped set. */
export const TopicId = Identifier;

export const LanguageResult = z.object({
  code: z.enum(['es', 'en', 'other']),
  score: z.number().min(0).max(1),
  explanation: z.array(Evidence),
});

export const SentimentResult = z.object({
  label: SentimentLabel,
  /** Polarity in [-1, 1]: negative to positive. */
  score: z.number().min(-1).max(1),
  confidence: z.number().min(0).max(1),
  explanation: z.array(Evidence),
});

export const EmotionResult = z.object({
  label: Emotion,
  scores: z.record(Emotion, z.number().min(0).max(1)),
  explanation: z.array(Evidence),
});

export const TopicResult = z.object({
  id: TopicId,
  score: z.number().min(0).max(1),
  explanation: z.array(Evidence),
});

/**
 * What a post that is about sexism does with it (after EXIST 2023's "source intention"): it is
 * sexist itself (`direct`), or it reports a sexist situation suffered or witnessed, or condemns
 * or criticises sexism (`reporting`: EXIST's REPORTED and JUDGEMENTAL, which a model trained on
 * ~1,200 posts cannot yet tell apart reliably). Only `direct` posts are misogynistic speech.
 */
export const MISOGYNY_INTENTIONS = ['direct', 'reporting'] as const;
export const MisogynyIntention = z.enum(MISOGYNY_INTENTIONS);
export type MisogynyIntention = z.infer<typeof MisogynyIntention>;

export const MisogynyResult = z.object({
  /** Misogynistic speech: the post is about sexism (`score`) and is sexist itself (`intention`). */
  flag: z.boolean(),
  /** Probability that the post is about sexism at all (EXIST's task 1: sexist, reporting or criticising it). */
  score: z.number().min(0).max(1),
  /** Set when flagged. */
  category: MisogynyCategory.nullable(),
  /** Set when the post is about sexism; absent in analyses made before intentions existed. */
  intention: MisogynyIntention.nullable().optional(),
  explanation: z.array(Evidence),
});

export const HateResult = z.object({
  flag: z.boolean(),
  score: z.number().min(0).max(1),
  explanation: z.array(Evidence),
});

export const PlaceResult = z.object({
  country: CountryCode,
  admin1: z.string().nullable(),
  /** Where the place was read from. */
  from: z.enum(['text', 'hashtag', 'profile', 'platform']),
  score: z.number().min(0).max(1),
  explanation: z.array(Evidence),
});

export const CampaignResult = z.object({
  id: Identifier,
  score: z.number().min(0).max(1),
  explanation: z.array(Evidence),
});

/**
 * Everything escucha's analysers say about one post. Every label carries the evidence that
 * weighed most, so analysts can trust or correct it. Spanish analysis (sentiment, emotions,
 * topics, misogyny, hate) is only run when `language.code` is `es` or `en` (Belize).
 */
export const Enrichment = z.object({
  /** Version of the analyser bundle (weights + lexicons) that produced this. */
  version: z.string(),
  enrichedAt: IsoDateTime,
  language: LanguageResult,
  sentiment: SentimentResult,
  emotions: EmotionResult,
  topics: z.array(TopicResult),
  misogyny: MisogynyResult,
  hate: HateResult,
  places: z.array(PlaceResult),
  campaigns: z.array(CampaignResult),
});
export type Enrichment = z.infer<typeof Enrichment>;
export type SentimentResult = z.infer<typeof SentimentResult>;
export type EmotionResult = z.infer<typeof EmotionResult>;
export type TopicResult = z.infer<typeof TopicResult>;
export type MisogynyResult = z.infer<typeof MisogynyResult>;
export type HateResult = z.infer<typeof HateResult>;
export type PlaceResult = z.infer<typeof PlaceResult>;
export type CampaignResult = z.infer<typeof CampaignResult>;
export type LanguageResult = z.infer<typeof LanguageResult>;
