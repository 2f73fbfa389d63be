import { describe, expect, it } from 'vitest';
import { ANALYST_EVIDENCE, applyCorrection } from '../../../models/corrections.js';
import { makeEnrichment } from '../../support/factories.js';

describe('applyCorrection', () => {
  const base = makeEnrichment({
    sentiment: 'N',
    misogyny: true,
    topics: ['femicidio'],
    country: 'GT',
  });

  it('makes corrected labels certain and explains them first, keeping the rest', () => {
    const next = applyCorrection(base, {
      sentiment: 'P',
      misogyny: false,
      topics: ['prevencion', 'prevencion'],
      country: 'SV',
    });
    expect(next.sentiment).toMatchObject({
      label: 'P',
      score: 1,
      confidence: 1,
      explanation: [ANALYST_EVIDENCE],
    });
    expect(next.misogyny).toMatchObject({ flag: false, score: 0, category: null, intention: null });
    expect(next.topics).toEqual([{ id: 'prevencion', score: 1, explanation: [ANALYST_EVIDENCE] }]);
    expect(next.places.map((p) => p.country)).toEqual(['SV', 'GT']);
    expect(next.emotions).toEqual(base.emotions);
    expect(next.version).toBe(base.version);
    expect(base.sentiment.label).toBe('N'); // the input is not mutated
  });

  it('a misogyny category implies the flag; a null country clears places', () => {
    const next = applyCorrection(makeEnrichment(), {
      misogynyCategory: 'objectification',
      country: null,
      emotion: 'fear',
      hate: true,
    });
    expect(next.misogyny).toMatchObject({ flag: true, category: 'objectification' });
    expect(next.places).toEqual([]);
    expect(next.emotions.label).toBe('fear');
    expect(next.emotions.scores.fear).toBe(1);
    expect(next.hate.flag).toBe(true);
  });

  it('does not repeat the analyst evidence on a second correction', () => {
    const twice = applyCorrection(applyCorrection(base, { hate: true }), { hate: false });
    expect(
      twice.hate.explanation.filter((e) => e.feature === ANALYST_EVIDENCE.feature),
    ).toHaveLength(1);
  });
});
