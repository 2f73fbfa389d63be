/**
 * Stance cues (lexicons/stance.json): phrases with which a post condemns, reports or informs
 * about violence and sexism instead of voicing it. `condemn` cues (condemnation, solidarity,
 * prevention, women speaking for themselves) are enough to count a sexism-related post as
 * reporting and to keep it out of hate speech; `report` cues (news, testimony, figures) only
 * confirm what the intention model already leans to. Pure; the matcher is built once.
 */
import type { Evidence } from '../models/common.js';
import type { PhraseMatcher } from './phrase-matcher.js';

export type StanceCue = 'condemn' | 'report';

export interface Stance {
  condemn: string[];
  report: string[];
}

export const NO_STANCE: Stance = { condemn: [], report: [] };

export function detectStance(words: readonly string[], matcher: PhraseMatcher<StanceCue>): Stance {
  const hits = matcher.match(words);
  if (hits.length === 0) return NO_STANCE;
  const stance: Stance = { condemn: [], report: [] };
  for (const hit of hits) if (!stance[hit.payload].includes(hit.phrase)) stance[hit.payload].push(hit.phrase);
  return stance;
}

/** The cues as explanation rows (`postura:basta de`), strongest kind first. */
export function stanceEvidence(stance: Stance, weight: number): Evidence[] {
  return [...stance.condemn, ...stance.report]
    .slice(0, 3)
    .map((phrase) => ({ feature: `postura:${phrase}`, weight }));
}
