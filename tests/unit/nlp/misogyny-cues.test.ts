import { describe, expect, it } from 'vitest';
import { detectMisogynyCues, NO_CUES, ruleEvidence, type MisogynyCue } from '../../../nlp/misogyny-cues.js';
import { PhraseMatcher } from '../../../nlp/phrase-matcher.js';

function cueSet(targets: string[], rules: [string, 'stereotyping-dominance' | 'sexual-violence'][]) {
  const matcher = new PhraseMatcher<MisogynyCue>();
  for (const t of targets) matcher.add(t, { kind: 'target' });
  for (const [phrase, category] of rules) matcher.add(phrase, { kind: 'rule', category });
  return { matcher, gate: targets.length > 0 };
}

describe('misogyny cues', () => {
  const set = cueSet(['mujer', 'mujeres', 'feminista*'], [['a la cocina', 'stereotyping-dominance'], ['te violo', 'sexual-violence']]);

  it('finds target words (prefixes too) and rule phrases, each once', () => {
    const cues = detectMisogynyCues('las mujeres y las feministas a la cocina mujeres'.split(' '), set);
    expect(cues).toEqual({
      gate: true,
      targets: ['mujeres', 'feminista*'], // a prefix entry is reported as written
      rules: [{ phrase: 'a la cocina', category: 'stereotyping-dominance' }],
    });
    expect(ruleEvidence(cues, 1)).toEqual([{ feature: 'regla:a la cocina', weight: 1 }]);
  });

  it('gates only when target words are configured', () => {
    expect(detectMisogynyCues(['hola'], set)).toEqual({ gate: true, targets: [], rules: [] });
    expect(detectMisogynyCues(['hola'], cueSet([], []))).toMatchObject({ gate: false });
    expect(NO_CUES.gate).toBe(false);
  });
});
