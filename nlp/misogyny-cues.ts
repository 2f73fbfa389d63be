/**
 * Misogyny cues of the product label (lexicons/abuse.json `misogynyCues`), not model features:
 * `target` words name women or gender — misogynistic speech has a target, so a post naming
 * none is not flagged however the model relates it to sexism (news about schools, migrants or
 * a place called Santa Ana); `rule` phrases are unequivocal sexist constructions (stereotype,
 * victim blaming, threat) that flag a post the model doubts, unless it condemns or reports.
 * Pure; the matcher is built once.
 */
import type { Evidence } from '../models/common.js';
import type { MisogynyCategory } from '../models/enrichment.js';
import type { PhraseMatcher } from './phrase-matcher.js';

export type MisogynyCue = { kind: 'target' } | { kind: 'rule'; category: MisogynyCategory };

/** The cues of one language; without target words (an older edited lexicon) nothing is gated. */
export interface MisogynyCueSet {
  matcher: PhraseMatcher<MisogynyCue>;
  gate: boolean;
}

export interface MisogynyCues {
  /** Whether the label requires a target (target words are configured). */
  gate: boolean;
  /** Target words found (folded). */
  targets: string[];
  /** Rule phrases found, with their EXIST category. */
  rules: { phrase: string; category: MisogynyCategory }[];
}

export const NO_CUES: MisogynyCues = { gate: false, targets: [], rules: [] };

export function detectMisogynyCues(words: readonly string[], set: MisogynyCueSet): MisogynyCues {
  const hits = set.matcher.match(words);
  const cues: MisogynyCues = { gate: set.gate, targets: [], rules: [] };
  for (const hit of hits) {
    if (hit.payload.kind === 'target') {
      if (!cues.targets.includes(hit.phrase)) cues.targets.push(hit.phrase);
    } else if (!cues.rules.some((r) => r.phrase === hit.phrase)) {
      cues.rules.push({ phrase: hit.phrase, category: hit.payload.category });
    }
  }
  return cues;
}

/** The rules as explanation rows (`regla:a la cocina`), first in the label's evidence. */
export function ruleEvidence(cues: MisogynyCues, weight: number): Evidence[] {
  return cues.rules.slice(0, 3).map((rule) => ({ feature: `regla:${rule.phrase}`, weight }));
}
