/**
 * Coded values as a spreadsheet reader reads them, in each language: a CSV for a
 * communications team says "tristeza" and "estereotipos y dominación", not "sadness" and
 * "stereotyping-dominance", and "Violencia doméstica", not "violencia_domestica". The JSON
 * answers keep the codes (what API clients read).
 */
import { platformName } from '../models/platform-names.js';
import { topicName } from '../models/topic-names.js';
import type { Locale } from './errors.js';

type Words = Record<string, Record<Locale, string>>;

const SENTIMENT: Words = {
  P: { es: 'positivo', en: 'positive' },
  NEU: { es: 'neutro', en: 'neutral' },
  N: { es: 'negativo', en: 'negative' },
};

const EMOTION: Words = {
  anger: { es: 'ira', en: 'anger' },
  disgust: { es: 'asco', en: 'disgust' },
  fear: { es: 'miedo', en: 'fear' },
  joy: { es: 'alegría', en: 'joy' },
  sadness: { es: 'tristeza', en: 'sadness' },
  surprise: { es: 'sorpresa', en: 'surprise' },
  others: { es: 'otras', en: 'other' },
};

const MISOGYNY_CATEGORY: Words = {
  'ideological-inequality': { es: 'desigualdad ideológica', en: 'ideological inequality' },
  'stereotyping-dominance': { es: 'estereotipos y dominación', en: 'stereotyping and dominance' },
  objectification: { es: 'cosificación', en: 'objectification' },
  'sexual-violence': { es: 'violencia sexual', en: 'sexual violence' },
  'misogyny-non-sexual-violence': { es: 'violencia no sexual', en: 'non-sexual violence' },
};

const LANGUAGE: Words = {
  es: { es: 'español', en: 'Spanish' },
  en: { es: 'inglés', en: 'English' },
  other: { es: 'otro', en: 'other' },
};

const SEVERITY: Words = {
  low: { es: 'aviso', en: 'low' },
  medium: { es: 'alerta', en: 'medium' },
  high: { es: 'alerta grave', en: 'high' },
};

const AUTHOR_KIND: Words = {
  media: { es: 'medio', en: 'media' },
  institution: { es: 'institución', en: 'institution' },
};

/** What an empty value means, per kind of column. */
const UNKNOWN: Words = {
  country: { es: '(sin país)', en: '(no country)' },
  admin1: { es: '(sin departamento)', en: '(no department)' },
};

const BY_KIND: Record<string, Words> = {
  sentiment: SENTIMENT,
  emotion: EMOTION,
  misogynyCategory: MISOGYNY_CATEGORY,
  lang: LANGUAGE,
  severity: SEVERITY,
  authorKind: AUTHOR_KIND,
};

/**
 * A coded value of a kind (a breakdown dimension, `severity`, `authorKind`) in the reader's
 * language, topics and platforms by their names; values without words (countries) as they are, an
 * empty country or department as "(sin país)" / "(sin departamento)".
 */
export function valueLabel(kind: string, value: string | null, locale: Locale): string | null {
  if (value === null) return null;
  if (value === '') return UNKNOWN[kind]?.[locale] ?? value;
  if (kind === 'topic') return topicName(value, locale);
  if (kind === 'platform') return platformName(value, locale);
  return BY_KIND[kind]?.[value]?.[locale] ?? value;
}
