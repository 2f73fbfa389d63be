import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../../nlp/analyze.js';
import { loadOnnxScorer } from '../../../nlp/onnx.js';
import { writeTinyModel } from './helpers/tiny-onnx.js';

describe('ONNX transformer path', () => {
  const root = mkdtempSync(join(tmpdir(), 'escucha-onnx-'));
  const sentimentDir = join(root, 'tiny-sentiment');
  writeTinyModel(sentimentDir, {
    labels: ['P', 'NEU', 'N'],
    positive: ['feliz', 'contenta'],
    negative: ['triste', 'horrible'],
  });
  const hateDir = join(root, 'tiny-hate');
  writeTinyModel(hateDir, {
    labels: ['0', '1'],
    positive: ['gracias'],
    negative: ['escoria', 'plaga'],
  });

  it('scores texts with a local model and maps labels by name', async () => {
    const scorer = await loadOnnxScorer('sentiment', sentimentDir, ['P', 'NEU', 'N']);
    const [happy, sad] = await scorer.score(['estoy feliz', 'qué día tan triste']);
    expect(happy![0]).toBeGreaterThan(0.5);
    expect(sad![2]).toBeGreaterThan(0.5);
    expect(happy!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('is combined with the linear model in analyzeBatch', async () => {
    const base = await loadAnalyzer();
    const withOnnx = await loadAnalyzer({ onnx: { sentiment: sentimentDir, hate: hateDir } });
    expect(withOnnx.version).toContain('+onnx');
    const inputs = [
      { text: 'hoy estoy feliz y contenta' },
      { text: 'mañana hay reunión de vecinos' },
      { text: 'These people are vermin' },
    ];
    const [a, b] = [await base.analyzeBatch(inputs), await withOnnx.analyzeBatch(inputs)];
    expect(b[0]!.sentiment.label).toBe('P');
    // Blending moves the probabilities of Spanish posts only.
    expect(b[0]!.sentiment.confidence).not.toBe(a[0]!.sentiment.confidence);
    expect(b[1]!.hate.score).not.toBe(a[1]!.hate.score);
    expect(b[2]).toEqual({ ...a[2]!, version: withOnnx.version });
    // analyze() stays synchronous and linear-only.
    expect(withOnnx.analyze(inputs[0]!).sentiment.confidence).toBe(a[0]!.sentiment.confidence);
  });
});
