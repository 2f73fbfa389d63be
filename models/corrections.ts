import type { AnnotationInput } from './annotation.js';
import type { CountryCode, Evidence } from './common.js';
import type { Enrichment } from './enrichment.js';

/** The evidence entry that marks a label as set by an analyst. */
export const ANALYST_EVIDENCE: Evidence = { feature: 'corrección de analista', weight: 1 };

export type Correction = Omit<AnnotationInput, 'postId' | 'note' | 'country'> & {
  country?: CountryCode | null;
};

const explained = (explanation: Evidence[]) => [
  ANALYST_EVIDENCE,
  ...explanation.filter((e) => e.feature !== ANALYST_EVIDENCE.feature),
];

/**
 * A post's analysis with an analyst's corrections applied: each corrected label becomes certain
 * (score 1 or its extreme) and says so first in its explanation. Labels not corrected are kept.
 */
export function applyCorrection(enrichment: Enrichment, c: Correction): Enrichment {
  const next: Enrichment = structuredClone(enrichment);
  if (c.sentiment) {
    const score = c.sentiment === 'P' ? 1 : c.sentiment === 'N' ? -1 : 0;
    next.sentiment = {
      label: c.sentiment,
      score,
      confidence: 1,
      explanation: explained(next.sentiment.explanation),
    };
  }
  if (c.emotion) {
    const scores = Object.fromEntries(
      Object.keys(next.emotions.scores).map((k) => [k, k === c.emotion ? 1 : 0]),
    );
    next.emotions = {
      label: c.emotion,
      scores: { ...scores, [c.emotion]: 1 } as Enrichment['emotions']['scores'],
      explanation: explained(next.emotions.explanation),
    };
  }
  if (c.misogyny !== undefined || c.misogynyCategory !== undefined) {
    const flag = c.misogyny ?? (c.misogynyCategory ? true : next.misogyny.flag);
    const category = flag ? (c.misogynyCategory ?? next.misogyny.category) : null;
    // An analyst marking misogyny says the post is sexist itself; unmarking, that it is not
    // misogynistic speech (whatever it reports or criticises).
    next.misogyny = {
      flag,
      score: flag ? 1 : 0,
      category,
      intention: flag ? 'direct' : null,
      explanation: explained(next.misogyny.explanation),
    };
  }
  if (c.hate !== undefined) {
    next.hate = {
      flag: c.hate,
      score: c.hate ? 1 : 0,
      explanation: explained(next.hate.explanation),
    };
  }
  if (c.topics) {
    next.topics = [...new Set(c.topics)].map((id) => ({
      id,
      score: 1,
      explanation: [ANALYST_EVIDENCE],
    }));
  }
  if (c.country !== undefined) {
    next.places =
      c.country === null
        ? []
        : [
            {
              country: c.country,
              admin1: null,
              from: 'text',
              score: 1,
              explanation: [ANALYST_EVIDENCE],
            },
            ...next.places.filter((p) => p.country !== c.country),
          ];
  }
  return next;
}
