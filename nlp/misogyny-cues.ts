/**
 * Cues of the product's misogyny and hate labels (lexicons/abuse.json `misogynyCues`), not
 * model features:
 * `target` words name women or gender — misogynistic speech has a target, so a post naming
 * none is not flagged however the model relates it to sexism (news about schools, migrants or
 * a place called Santa Ana); `rule` phrases are unequivocal sexist constructions (stereotype,
 * victim blaming, threat) that flag a post the model doubts, unless it condemns or reports.
 * Pure; the matcher is built once.
 */
import type { Evidence } from '../models/common.js';
import type { MisogynyCategory } from '../models/enrichment.js';
import type { PhraseMatcher } from './phrase-matcher.js';

export type MisogynyCue =
  | { kind: 'target' }
  | { kind: 'migrant' }
  /** `targeted`: the phrase itself names a woman or gender ("las mujeres no sirven"). */
  | { kind: 'rule'; category: MisogynyCategory; targeted: boolean };

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
  /** Words naming migrants or foreigners (the other target of hate speech). */
  migrants: string[];
  /** Rule phrases found, with their EXIST category. */
  rules: { phrase: string; category: MisogynyCategory; targeted: boolean }[];
}

export const NO_CUES: MisogynyCues = { gate: false, targets: [], migrants: [], rules: [] };

export function detectMisogynyCues(words: readonly string[], set: MisogynyCueSet): MisogynyCues {
  const hits = set.matcher.match(words);
  const cues: MisogynyCues = { gate: set.gate, targets: [], migrants: [], rules: [] };
  for (const hit of hits) {
    if (hit.payload.kind === 'target') {
      if (!cues.targets.includes(hit.phrase)) cues.targets.push(hit.phrase);
    } else if (hit.payload.kind === 'migrant') {
      if (!cues.migrants.includes(hit.phrase)) cues.migrants.push(hit.phrase);
    } else if (!cues.rules.some((r) => r.phrase === hit.phrase)) {
      const { category, targeted } = hit.payload;
      cues.rules.push({ phrase: hit.phrase, category, targeted });
    }
  }
  return cues;
}

/**
 * Whether the post's rule phrases count: a phrase that names a woman or gender itself, or any
 * phrase in a post that names one elsewhere (target words include the insults aimed at women) ("se lo merecen" of corrupt officials, or "a la
 * cocina" of anyone going there, is not sexism). Without configured targets, any phrase counts.
 */
export function rulesApply(cues: MisogynyCues): boolean {
  if (cues.rules.length === 0) return false;
  if (!cues.gate) return true;
  return cues.rules.some((r) => r.targeted) || cues.targets.length > 0;
}

/** Whether a rule phrase names a target itself: one of its words is a target word or prefix. */
export function namesTarget(phrase: string, targets: readonly string[]): boolean {
  const words = phrase.split(' ');
  return targets.some((t) =>
    t.includes(' ')
      ? ` ${phrase} `.includes(` ${t} `)
      : t.endsWith('*')
        ? words.some((w) => w.startsWith(t.slice(0, -1)))
        : words.includes(t),
  );
}

/** The rules as explanation rows (`regla:a la cocina`), first in the label's evidence. */
export function ruleEvidence(cues: MisogynyCues, weight: number): Evidence[] {
  return cues.rules.slice(0, 3).map((rule) => ({ feature: `regla:${rule.phrase}`, weight }));
}

/**
 * Whether a post can be hate speech as escucha measures it (HatEval: against women and
 * migrants): it names women (insults included), gender, migrants or foreigners. "Los corruptos
 * se lo merecen" is anger, not hate against either group; the hate lexicon's generic words
 * ("basura", "muerte") do not name a target, so they do not count.
 */
export function hateTargeted(cues: MisogynyCues): boolean {
  return !cues.gate || cues.targets.length > 0 || cues.migrants.length > 0;
}
