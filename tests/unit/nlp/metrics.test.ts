import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import evalCommand from '../../../cli/commands/eval.js';
import { normalizeLabel } from '../../../nlp/eval/labels.js';
import { multiLabelReport, singleLabelReport } from '../../../nlp/eval/metrics.js';

describe('metrics', () => {
  it('computes precision, recall, F1 and the confusion matrix exactly', () => {
    const gold = ['P', 'P', 'P', 'N', 'N', 'NEU'];
    const pred = ['P', 'P', 'N', 'N', 'P', 'NEU'];
    const r = singleLabelReport(gold, pred, ['P', 'NEU', 'N']);
    expect(r.accuracy).toBeCloseTo(4 / 6, 10);
    expect(r.confusion).toEqual([
      [2, 0, 1],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(r.perClass.P).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 });
    expect(r.perClass.N).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.perClass.NEU).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 10);
  });

  it('computes multi-label micro-F1 and exact-set accuracy', () => {
    const r = multiLabelReport(
      [['robo'], ['robo', 'policia_justicia'], []],
      [['robo'], ['robo'], ['homicidios']],
      [],
    );
    // TP = 2, FP = 1, FN = 1
    expect(r.microPrecision).toBeCloseTo(2 / 3, 10);
    expect(r.microRecall).toBeCloseTo(2 / 3, 10);
    expect(r.microF1).toBeCloseTo(2 / 3, 10);
    expect(r.exactAccuracy).toBeCloseTo(1 / 3, 10);
  });

  it('normalises labels given as numbers, booleans or capitalised strings', () => {
    expect(normalizeLabel('misogyny', 1)).toBe('1');
    expect(normalizeLabel('misogyny', '1')).toBe('1');
    expect(normalizeLabel('hate', true)).toBe('1');
    expect(normalizeLabel('hate', 0)).toBe('0');
    expect(normalizeLabel('emotion', 'Fear')).toBe('fear');
    expect(normalizeLabel('sentiment', 'neu')).toBe('NEU');
    expect(normalizeLabel('misogyny-category', 'SEXUAL-VIOLENCE')).toBe('sexual-violence');
    expect(normalizeLabel('country', null)).toBe('null');
    expect(normalizeLabel('country', 'hn')).toBe('HN');
    expect(normalizeLabel('topics', '["robo"]')).toEqual(['robo']);
  });
});

describe('escucha eval', () => {
  async function run(args: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const code = await evalCommand.run(args, { stdout, stderr, env: {} });
    return { code, out, err };
  }

  it('prints the report and the summary line, skipping bad lines with line numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escucha-eval-'));
    const file = join(dir, 'tiny.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ text: 'Las mujeres a la cocina, feminazis histéricas', label: 1 }),
        '{not json',
        JSON.stringify({ text: 'Hoy cociné arroz con pollo para la familia', label: '0' }),
        JSON.stringify({ label: 1 }),
        JSON.stringify({ text: 'Callate zorra, eres una puta', label: true }),
      ].join('\n'),
    );
    const { code, out, err } = await run(['--task', 'misogyny', '--file', file]);
    expect(code).toBe(0);
    expect(err).toMatch(/línea 2/);
    expect(err).toMatch(/línea 4/);
    const lines = out.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^accuracy=\d\.\d{3} macroF1=\d\.\d{3} n=3$/);
    const report = JSON.parse(lines.slice(0, -1).join('\n')) as {
      n: number;
      confusion: number[][];
      postsPerSecond: number;
    };
    expect(report.n).toBe(3);
    expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('adds microF1 for topics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escucha-eval-'));
    const file = join(dir, 'topics.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ text: 'Me asaltaron en la parada del bus', label: ['robo'] }),
        JSON.stringify({ text: 'Me mataste de risa', label: [] }),
      ].join('\n'),
    );
    const { out } = await run(['--task', 'topics', '--file', file]);
    expect(out.trim().split('\n').at(-1)).toBe('accuracy=1.000 macroF1=1.000 microF1=1.000 n=2');
  });

  it('rejects unknown tasks', async () => {
    await expect(run(['--task', 'nope', '--file', 'x'])).rejects.toThrow(/--task/);
  });
});
