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

  it('flags only speech that names a target: women, gender or a misogyny term', async () => {
    const analyzer = await sharedAnalyzer();
    // The model relates this to sexism (its words, and "ana" of Santa Ana), but it names no woman.
    const caravan = analyzer.analyze({ text: 'Sale de Santa Ana una caravana de migrantes que huye de la violencia y la pobreza' }).misogyny;
    expect(caravan.flag).toBe(false);
    expect(caravan.explanation[0]).toEqual({ feature: 'objetivo:ninguno', weight: -1 });
    // Place names are masked before the classifiers: "Santa Ana" lends no "ana".
    expect(caravan.explanation.some((e) => /\bana\b|santa/.test(e.feature))).toBe(false);
    const named = analyzer.analyze({ text: 'Las feministas son unas locas amargadas' }).misogyny;
    expect(named.explanation.some((e) => e.feature === 'objetivo:ninguno')).toBe(false);
  });

  it('flags an unequivocal sexist construction the model doubts, unless the post condemns it', async () => {
    const analyzer = await sharedAnalyzer();
    const text = 'Las mujeres deberían quedarse en la casa cuidando a los hijos en vez de andar en la calle';
    const ruled = analyzer.analyze({ text }).misogyny;
    expect(ruled).toMatchObject({ flag: true, category: 'stereotyping-dominance' });
    expect(ruled.score).toBeGreaterThanOrEqual(0.9);
    expect(ruled.explanation[0]).toEqual({ feature: 'regla:las mujeres deberian quedarse', weight: 1 });
    const condemned = analyzer.analyze({ text: `Dicen que ${text.toLowerCase()}. Es indignante, basta de machismo` }).misogyny;
    expect(condemned).toMatchObject({ flag: false, intention: 'reporting' });
    // A rule phrase about no woman is not sexism (the second trial's false alarms).
    for (const plain of ['Fui a la cocina por un vaso de agua y se fue la luz en Tegucigalpa', 'Los corruptos del gobierno se lo merecen, que los metan presos'])
      expect(analyzer.analyze({ text: plain }).misogyny.flag, plain).toBe(false);
    expect(analyzer.analyze({ text: 'Ella se lo merecía por andar sola de noche con ese' }).misogyny).toMatchObject({ flag: true });
    // English (Belize) posts have rules too.
    expect(analyzer.analyze({ text: 'She asked for it, dressed like that at night in Belize City' }).misogyny.flag).toBe(true);
  });

  it('calls hate only speech against women or migrants', async () => {
    const analyzer = await sharedAnalyzer();
    const anger = analyzer.analyze({ text: 'Los corruptos del gobierno se lo merecen, que los metan presos' }).hate;
    expect(anger.flag).toBe(false);
    const kitchen = analyzer.analyze({ text: 'Fui a la cocina por un vaso de agua y se fue la luz en Tegucigalpa' }).hate;
    expect(kitchen.flag).toBe(false);
    // The model scores it as hate; the missing target is what clears it.
    expect(kitchen.score).toBeGreaterThan(0.5);
    expect(kitchen.explanation[0]).toEqual({ feature: 'objetivo:ninguno', weight: -1 });
    expect(analyzer.analyze({ text: 'Fuera los migrantes invasores, que se vayan a su país esa plaga' }).hate.flag).toBe(true);
    // English (Belize) posts, lexicon only: the same rule.
    const school = analyzer.analyze({ text: 'Go back to school kids, the holidays are over in Belize City' }).hate;
    expect(school).toMatchObject({ flag: false });
    expect(school.explanation[0]).toEqual({ feature: 'objetivo:ninguno', weight: -1 });
    expect(analyzer.analyze({ text: 'Deport them all, these illegals are invading Belize' }).hate.flag).toBe(true);
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
