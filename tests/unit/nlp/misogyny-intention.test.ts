import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedAnalyzer } from './helpers/shared.js';

/**
 * Misogynistic speech as the product counts it: posts about sexism that voice it. A hand-labelled
 * set of Central American posts (tests/fixtures/nlp/misogyny_intention.jsonl): 18 sexist posts,
 * 18 that report or condemn sexism (news of femicides, campaign messages, testimonies), 12
 * unrelated. Condemnations were the trial's main false alarm (precision 0.46 before the
 * intention model and the stance cues; the cue lists were written knowing this set, so it is
 * not a blind figure).
 */
interface Row {
  id: string;
  text: string;
  misogynistic: 0 | 1;
}
const rows = readFileSync(new URL('../../fixtures/nlp/misogyny_intention.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Row);

describe('misogynistic speech (sexism x intention)', () => {
  it('does not count posts that report or condemn sexism', async () => {
    const analyzer = await sharedAnalyzer();
    const condemnation = analyzer.analyze({ text: 'Otra mujer asesinada en Honduras, basta de feminicidios. Exigimos justicia para Karla' }).misogyny;
    expect(condemnation).toMatchObject({ flag: false, intention: 'reporting' });
    expect(condemnation.score).toBeGreaterThan(0.5); // still about sexism
    expect(condemnation.explanation.some((e) => e.feature.startsWith('intención:'))).toBe(true);
    const sexist = analyzer.analyze({ text: 'Las feministas son unas locas amargadas que odian a los hombres' }).misogyny;
    expect(sexist).toMatchObject({ flag: true, intention: 'direct' });
    const unrelated = analyzer.analyze({ text: 'Qué tráfico tan terrible hoy en la Roosevelt' }).misogyny;
    expect(unrelated).toMatchObject({ flag: false, intention: null });
  });

  it('needs a reporting cue before it believes the intention model over plain sexism', async () => {
    const analyzer = await sharedAnalyzer();
    // The intention model alone reads generalisations about "las mujeres" as reported.
    const plain = analyzer.analyze({ text: 'Las mujeres no sirven para manejar, que se queden en la cocina' }).misogyny;
    expect(plain).toMatchObject({ flag: true, intention: 'direct' });
    const voiced = analyzer.analyze({ text: 'Da miedo caminar sola por Capotillo. Las calles no son seguras para nosotras.' }).misogyny;
    expect(voiced).toMatchObject({ flag: false, intention: 'reporting' });
    expect(voiced.explanation.some((e) => e.feature.startsWith('postura:'))).toBe(true);
  });

  it('does not call a condemnation hate speech', async () => {
    const analyzer = await sharedAnalyzer();
    const hate = analyzer.analyze({ text: 'Otra mujer asesinada en Honduras, basta de feminicidios' }).hate;
    expect(hate.flag).toBe(false);
    expect(hate.explanation).toContainEqual({ feature: 'postura:basta de', weight: -1 });
    const prevention = analyzer.analyze({ text: 'Hoy en Comayagua inauguramos un espacio seguro para mujeres y niñas' }).hate;
    expect(prevention.flag).toBe(false);
  });

  it('flags with precision ≥ 0.85 and recall ≥ 0.65 on the hand-labelled set', async () => {
    const analyzer = await sharedAnalyzer();
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const row of rows) {
      const flag = analyzer.analyze({ text: row.text }).misogyny.flag;
      if (flag && row.misogynistic) tp++;
      else if (flag) fp++;
      else if (row.misogynistic) fn++;
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.85);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.65);
  });
});
