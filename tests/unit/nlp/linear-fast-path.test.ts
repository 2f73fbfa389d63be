/**
 * The inference shortcuts of nlp/model/linear.ts must not change results: the paired int16
 * loads give the same logits as the plain loop, and a released accumulator lent to the next
 * post starts from zero.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featurizePrepared } from '../../../nlp/featurize.js';
import { hashFeature } from '../../../nlp/features/hash.js';
import {
  buildTable,
  Matches,
  predict,
  type FeatureTable,
  type LinearModelFile,
} from '../../../nlp/model/linear.js';
import { prepare } from '../../../nlp/text/normalize.js';
import { sharedResources } from './helpers/shared.js';

const texts = readFileSync(new URL('../../fixtures/nlp/handwritten.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);

function logitsOf(table: FeatureTable, text: string): { logits: number[]; rows: number[] } {
  const res = sharedResources();
  const matches = new Matches(table);
  featurizePrepared(
    prepare(text, res.bundle.text),
    res.bundle,
    matches.sink,
    undefined,
    res.extract,
  );
  const logits = [...matches.logits];
  const { rows, count } = matches.explained();
  const out = { logits, rows: Array.from({ length: count }, (_, i) => rows[i]!) };
  matches.release();
  return out;
}

describe('linear model fast paths', () => {
  it('paired weight loads give bit-identical logits and evidence', () => {
    const table = sharedResources().table;
    expect(table.pairs).not.toBeNull();
    const plain: FeatureTable = { ...table, pairs: null, spareAcc: null, spareHits: null };
    for (const text of texts) expect(logitsOf(table, text)).toEqual(logitsOf(plain, text));
  });

  it('pads an odd column count so the paired loads still apply', () => {
    const features = ['w:uno', 'w:dos', 'c:tre'];
    const file = (task: string, labels: string[], binary: boolean): LinearModelFile => {
      const columns = binary ? 1 : labels.length;
      const ints = Int16Array.from({ length: features.length * columns }, (_, i) => i * 997 - 4000);
      return {
        format: 1,
        task,
        labels,
        binary,
        extract: { minCharN: 3, maxCharN: 5 },
        bias: new Array<number>(columns).fill(0.1),
        scale: 0.001,
        features,
        weights: Buffer.from(ints.buffer).toString('base64'),
        meta: {},
      };
    };
    // 1 + 3 + 1 columns: odd.
    const { table, models } = buildTable([
      file('hate', ['0', '1'], true),
      file('sentiment', ['N', 'NEU', 'P'], false),
      file('misogyny', ['0', '1'], true),
    ]);
    expect(table.stride).toBe(6);
    expect(table.pairs).not.toBeNull();
    const plain: FeatureTable = { ...table, pairs: null, spareAcc: null, spareHits: null };
    const run = (t: FeatureTable) => {
      const m = new Matches(t);
      for (const [i, name] of features.entries()) m.sink(hashFeature(name), 0.3 + i);
      return models.map((model) => predict(model, t, m).logits);
    };
    expect(run(table)).toEqual(run(plain));
  });

  it('a released accumulator starts the next post from zero', () => {
    const table = sharedResources().table;
    const first = logitsOf(table, texts[0]!);
    logitsOf(table, texts[1]!);
    expect(logitsOf(table, texts[0]!)).toEqual(first);
  });
});
