/**
 * Label normalisation for `escucha eval` and training extras: numbers, booleans and strings
 * ("1"/1/true), capitalised emotion names, EXIST category spellings, topic arrays, ISO codes.
 */
import { COUNTRIES } from '../../models/common.js';

export type EvalTask =
  'sentiment' | 'emotion' | 'misogyny' | 'misogyny-category' | 'hate' | 'topics' | 'country';
export const EVAL_TASKS: readonly EvalTask[] = [
  'sentiment',
  'emotion',
  'misogyny',
  'misogyny-category',
  'hate',
  'topics',
  'country',
];

const EMOTION_ALIASES: Record<string, string> = {
  anger: 'anger',
  ira: 'anger',
  enojo: 'anger',
  disgust: 'disgust',
  asco: 'disgust',
  fear: 'fear',
  miedo: 'fear',
  joy: 'joy',
  alegria: 'joy',
  sadness: 'sadness',
  tristeza: 'sadness',
  surprise: 'surprise',
  sorpresa: 'surprise',
  others: 'others',
  other: 'others',
  otros: 'others',
  neutral: 'others',
  none: 'others',
};

const SENTIMENT_ALIASES: Record<string, string> = {
  p: 'P',
  pos: 'P',
  positive: 'P',
  positivo: 'P',
  '1': 'P',
  neu: 'NEU',
  neutral: 'NEU',
  none: 'NEU',
  '0': 'NEU',
  n: 'N',
  neg: 'N',
  negative: 'N',
  negativo: 'N',
  '-1': 'N',
};

/** Returns the canonical label, or null when it cannot be read. `country` may return 'null'. */
export function normalizeLabel(task: EvalTask, raw: unknown): string | string[] | null {
  if (task === 'topics') {
    let value = raw;
    if (typeof value === 'string') {
      const text = value;
      try {
        value = text.trim().startsWith('[') ? (JSON.parse(text) as unknown) : text.split(/[,;|]/);
      } catch {
        value = text.split(/[,;|]/);
      }
    }
    if (!Array.isArray(value)) return raw === null || raw === undefined ? null : [];
    return value.map((v) => String(v).trim().toLowerCase()).filter(Boolean);
  }
  if (task === 'country') {
    if (raw === null || raw === undefined || raw === '' || String(raw).toLowerCase() === 'null')
      return 'null';
    const code = String(raw).trim().toUpperCase();
    return (COUNTRIES as readonly string[]).includes(code) ? code : 'null';
  }
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  const key = s.toLowerCase();
  switch (task) {
    case 'misogyny':
    case 'hate':
      if (['1', 'true', 'yes', 'sexist', 'hateful', 'hate', 'si'].includes(key)) return '1';
      if (['0', 'false', 'no', 'non-sexist', 'not', 'none'].includes(key)) return '0';
      return null;
    case 'sentiment':
      return SENTIMENT_ALIASES[key] ?? null;
    case 'emotion':
      return EMOTION_ALIASES[key] ?? null;
    case 'misogyny-category': {
      const k = key.replace(/_/g, '-').replace(/\s+/g, '-');
      if (k === 'no' || k === 'non-sexist' || k === 'not-sexist' || k === '0') return 'non-sexist';
      return k;
    }
  }
  return null;
}
