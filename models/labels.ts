/**
 * The label values of an analysis, without zod: the schemas (models/enrichment.ts) build on
 * them, and the dashboard imports them from here so its bundle carries no validation library.
 */
export const SENTIMENTS = ['P', 'NEU', 'N'] as const;

export const EMOTIONS = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'others'] as const;

/** EXIST categories of sexism (2021 taxonomy). */
export const MISOGYNY_CATEGORIES = [
  'ideological-inequality',
  'stereotyping-dominance',
  'objectification',
  'sexual-violence',
  'misogyny-non-sexual-violence',
] as const;
