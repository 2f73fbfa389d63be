import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFeature } from '../../../nlp/features/hash.js';
import { buildTable, Matches, predict, type LinearModelFile } from '../../../nlp/model/linear.js';
import { loadExamples, taskSpec } from '../../../nlp/train/data.js';
import { DEFAULT_FIT, fitLinear, type SparseDoc } from '../../../nlp/train/fit.js';

function docsOf(words: string[][], names: Map<number, string>): SparseDoc[] {
  return words.map((ws) => {
    const hashes = ws.map((w) => {
      const h = hashFeature(`w:${w}`);
      names.set(h, `w:${w}`);
      return h;
    });
    return { hashes, values: ws.map(() => 1) };
  });
}

function logitOf(model: LinearModelFile, words: string[]): number {
  const { table, models } = buildTable([model]);
  const m = new Matches(table, { explain: false });
  for (const w of words) m.sink(hashFeature(`w:${w}`), 1);
  return predict(models[0]!, table, m).logits[0]!;
}

describe('training', () => {
  it('folds a stacked prior model into the weights (features only the prior has seen count)', () => {
    const names = new Map<number, string>();
    // The prior learns that "malo" is positive (1) and "bueno" negative (0).
    const priorWords = [
      ['malo', 'pesimo'],
      ['malo', 'y'],
      ['pesimo', 'z'],
      ['bueno', 'genial'],
      ['bueno', 'y'],
      ['genial', 'z'],
    ];
    const opts = { ...DEFAULT_FIT, minDf: 1, l2: 1e-3 };
    const prior = fitLinear(
      'prior',
      ['0', '1'],
      true,
      {
        docs: docsOf(priorWords, names),
        labels: Int32Array.from([1, 1, 1, 0, 0, 0]),
        weights: new Float64Array(6).fill(1),
        classes: 2,
      },
      names,
      opts,
    );
    // The target task agrees with the prior on words it shares ("peor" / "mejor" co-occur with
    // the prior's words), but never sees "malo" / "bueno" alone.
    const targetWords = [
      ['peor', 'malo'],
      ['peor', 'malo'],
      ['mejor', 'bueno'],
      ['mejor', 'bueno'],
    ];
    const input = {
      docs: docsOf(targetWords, names),
      labels: Int32Array.from([1, 1, 0, 0]),
      weights: new Float64Array(4).fill(1),
      classes: 2,
    };
    const plain = fitLinear('t', ['0', '1'], true, input, names, opts);
    const stacked = fitLinear('t', ['0', '1'], true, input, names, { ...opts, priors: [prior] });
    expect(Number.isFinite(stacked.bias[0]!)).toBe(true);
    // "pesimo" / "genial" never occur in the target data: only the folded prior knows them.
    expect(plain.features).not.toContain('w:pesimo');
    expect(stacked.features).toContain('w:pesimo');
    expect(logitOf(stacked, ['pesimo'])).toBeGreaterThan(logitOf(stacked, ['genial']) + 0.1);
    expect(logitOf(plain, ['pesimo'])).toBeCloseTo(logitOf(plain, ['genial']), 6);
    expect(stacked.meta.options).toMatchObject({ priors: ['prior'] });
    expect(plain.meta.options).toMatchObject({ priors: undefined });
  });

  it('reads EXIST 2023 intentions on sexist rows and keeps unlabelled ones out of the held-out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escucha-intention-'));
    const rows = Array.from({ length: 200 }, (_, i) => ({
      id: String(i),
      text: `texto ${i}`,
      label: i % 5 === 0 ? 0 : 1,
      task2_intention_hard:
        i % 5 === 0 ? 'NO' : ['DIRECT', 'REPORTED', 'JUDGEMENTAL', 'None'][i % 4],
      task2_intention_soft: { DIRECT: 0.5, REPORTED: 0.3, JUDGEMENTAL: 0, NO: 0.2 },
    }));
    writeFileSync(
      join(dir, 'misogyny_exist2023_train_es.jsonl'),
      rows.map((r) => JSON.stringify(r)).join('\n'),
    );
    const three = loadExamples(dir, taskSpec('misogyny-intention'));
    expect(new Set(three.map((e) => e.label))).toEqual(
      new Set(['direct', 'reported', 'judgemental']),
    );
    expect(three.every((e) => Number(e.id) % 5 !== 0)).toBe(true);
    const spec = taskSpec('misogyny-intention', { binary: '1', soft: '1', nomajority: '1' });
    expect(spec.labels).toEqual(['not-direct', 'direct']);
    const soft = loadExamples(dir, spec);
    const held = soft.filter((e) => e.heldOut);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((e) => rows[Number(e.id)]!.task2_intention_hard !== 'None')).toBe(true);
    // A training row without a majority becomes two weighted examples (direct 0.5 / 0.8).
    const split = soft.filter((e) => !e.heldOut && e.id === soft.find((x) => !x.heldOut)!.id);
    expect(split.map((e) => e.label).sort()).toEqual(['direct', 'not-direct']);
    expect(split.find((e) => e.label === 'direct')!.weight).toBeCloseTo(0.625, 6);
  });
});
