import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Enrichment } from '../../../models/enrichment.js';
import { loadAnalyzer } from '../../../nlp/analyze.js';
import { DEFAULT_LEXICONS_DIR, DEFAULT_WEIGHTS_DIR } from '../../../nlp/resources.js';
import { predictTask } from '../../../nlp/predict.js';
import { sharedAnalyzer, sharedResources } from './helpers/shared.js';

interface Row {
  task: 'sentiment' | 'emotion' | 'misogyny' | 'hate';
  text: string;
  label: string | number;
}
const rows = readFileSync(new URL('../../fixtures/nlp/handwritten.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);

describe('trained weights', () => {
  const chance = { sentiment: 1 / 3, emotion: 1 / 7, misogyny: 0.5, hate: 0.5 };
  for (const task of ['sentiment', 'emotion', 'misogyny', 'hate'] as const) {
    it(`${task}: predicts hand-written posts well above chance`, () => {
      const res = sharedResources();
      const mine = rows.filter((r) => r.task === task);
      const correct = mine.filter(
        (r) => predictTask(res, task, { text: r.text }) === String(r.label),
      ).length;
      expect(correct / mine.length).toBeGreaterThan(chance[task] + 0.25);
    });
  }

  it('produces a valid Enrichment with explanations for every label', async () => {
    const a = await sharedAnalyzer();
    const r = a.analyze({
      text: 'Las mujeres no saben nada, a la cocina 😡 #Honduras',
      authorLocation: 'Tegucigalpa',
    });
    const parsed = Enrichment.parse({ ...r, enrichedAt: new Date().toISOString() });
    expect(parsed.language.code).toBe('es');
    expect(parsed.misogyny.flag).toBe(true);
    expect(parsed.misogyny.category).not.toBeNull();
    for (const label of [parsed.sentiment, parsed.emotions, parsed.misogyny])
      expect(label.explanation.length).toBeGreaterThan(0);
    expect(parsed.sentiment.score).toBeGreaterThanOrEqual(-1);
  });

  it('gives English posts lexicon analysis and other languages neutral labels', async () => {
    const a = await sharedAnalyzer();
    const en = a.analyze({
      text: 'I am so scared and afraid, the violence is terrible and nobody is safe',
    });
    expect(en.language.code).toBe('en');
    expect(en.sentiment.label).toBe('N');
    expect(en.emotions.label).toBe('fear');
    const pt = a.analyze({ text: 'Eu não gosto nada disso, é muito triste para todos nós' });
    expect(pt.language.code).toBe('other');
    expect(pt.sentiment).toMatchObject({ label: 'NEU', score: 0 });
    expect(pt.topics).toEqual([]);
    expect(pt.misogyny.flag).toBe(false);
  });

  it('changes version when a lexicon changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escucha-lex-'));
    cpSync(DEFAULT_LEXICONS_DIR, dir, { recursive: true });
    const base = await loadAnalyzer({ lexiconsDir: dir, weightsDir: DEFAULT_WEIGHTS_DIR });
    const slang = JSON.parse(readFileSync(join(dir, 'text/slang.json'), 'utf8')) as {
      terms: unknown[];
    };
    slang.terms.push({ term: 'chivísimo', gloss: 'muy bueno', countries: ['SV'] });
    writeFileSync(join(dir, 'text/slang.json'), JSON.stringify(slang));
    const changed = await loadAnalyzer({ lexiconsDir: dir, weightsDir: DEFAULT_WEIGHTS_DIR });
    expect(changed.version).not.toBe(base.version);
    expect(base.version).toBe((await sharedAnalyzer()).version);
  });
});
