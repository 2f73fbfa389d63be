import { describe, expect, it } from 'vitest';
import {
  detectMisogynyCues,
  namesTarget,
  NO_CUES,
  ruleEvidence,
  rulesApply,
  type MisogynyCue,
} from '../../../nlp/misogyny-cues.js';
import { PhraseMatcher } from '../../../nlp/phrase-matcher.js';

const TARGETS = ['mujer', 'mujeres', 'ella', 'feminista*'];

function cueSet(targets: string[], rules: [string, 'stereotyping-dominance' | 'misogyny-non-sexual-violence'][]) {
  const matcher = new PhraseMatcher<MisogynyCue>();
  for (const t of targets) matcher.add(t, { kind: 'target' });
  for (const [phrase, category] of rules) matcher.add(phrase, { kind: 'rule', category, targeted: namesTarget(phrase, targets) });
  return { matcher, gate: targets.length > 0 };
}

describe('misogyny cues', () => {
  const set = cueSet(TARGETS, [['las mujeres no sirven', 'stereotyping-dominance'], ['se lo merecen', 'misogyny-non-sexual-violence']]);
  const cues = (text: string) => detectMisogynyCues(text.split(' '), set);

  it('finds target words (prefixes too) and rule phrases, each once', () => {
    const found = cues('las mujeres no sirven y las feministas tampoco mujeres');
    expect(found).toEqual({
      gate: true,
      targets: ['mujeres', 'feminista*'], // a prefix entry is reported as written
      migrants: [],
      rules: [{ phrase: 'las mujeres no sirven', category: 'stereotyping-dominance', targeted: true }],
    });
    expect(ruleEvidence(found, 1)).toEqual([{ feature: 'regla:las mujeres no sirven', weight: 1 }]);
  });

  it('counts a rule only when the post names a target, in the phrase or elsewhere', () => {
    expect(namesTarget('se lo merecen', TARGETS)).toBe(false);
    expect(namesTarget('las feministas locas', TARGETS)).toBe(true);
    expect(rulesApply(cues('los corruptos del gobierno se lo merecen'))).toBe(false);
    expect(rulesApply(cues('ella y sus amigas se lo merecen'))).toBe(true);
    expect(rulesApply(cues('las mujeres no sirven'))).toBe(true);
  });

  it('gates only when target words are configured', () => {
    expect(detectMisogynyCues(['hola'], set)).toEqual({ gate: true, targets: [], migrants: [], rules: [] });
    const ungated = detectMisogynyCues('se lo merecen'.split(' '), cueSet([], [['se lo merecen', 'misogyny-non-sexual-violence']]));
    expect(ungated.gate).toBe(false);
    expect(rulesApply(ungated)).toBe(true);
    expect(NO_CUES.gate).toBe(false);
  });
});
