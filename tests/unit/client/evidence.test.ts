import { describe, expect, test } from 'vitest';
import { readableEvidence, spellings } from '../../../client/evidence.js';

describe('readable evidence', () => {
  const text = 'Otra niña de 12 años asesinada en Santa Bárbara. ¿Hasta cuándo?';

  test('words are spelled as the post spells them', () => {
    expect(spellings('Santa Bárbara').get('barbara')).toBe('bárbara');
    expect(spellings(text).get('anos')).toBe('años');
    expect(readableEvidence('anos asesinada', text, 'es')).toBe('años asesinada');
    expect(readableEvidence('…nina…', text, 'es')).toBe('…niña…');
    // A word the post does not write with an accent stays as it is.
    expect(readableEvidence('anos', 'Tengo 20 anos', 'es')).toBe('anos');
  });

  test.each([
    ['léxico:neg (asesinada)', 'es', 'palabras negativas (asesinada)'],
    ['léxico:emo:fear (miedo)', 'es', 'léxico de miedo (miedo)'],
    ['rasgo:question', 'es', 'pregunta'],
    ['rasgo:question', 'en', 'question'],
    ['postura:basta de', 'en', 'stance: basta de'],
    ['intención:mujeres', 'es', 'intención: mujeres'],
  ] as const)('%s (%s) → %s', (feature, locale, shown) => expect(readableEvidence(feature, text, locale)).toBe(shown));
});
