/**
 * Optional transformer scores through @huggingface/transformers (ONNX Runtime), from a LOCAL
 * model directory per task (config.json with id2label, tokenizer.json, tokenizer_config.json,
 * onnx/model.onnx). Remote downloads are disabled. Scores are mapped to the task's labels by
 * name (case-insensitive; LABEL_i falls back to position).
 */
import { basename, dirname } from 'node:path';

export type OnnxTask = 'sentiment' | 'emotion' | 'misogyny' | 'hate';

export interface OnnxScorer {
  task: OnnxTask;
  /** Probabilities aligned to `labels`, one array per text. */
  score(texts: string[]): Promise<number[][]>;
}

type Classifier = (texts: string[], options: { top_k: number | null }) => Promise<unknown>;

export async function loadOnnxScorer(
  task: OnnxTask,
  dir: string,
  labels: readonly string[],
): Promise<OnnxScorer> {
  const transformers = await import('@huggingface/transformers');
  const { env, pipeline } = transformers;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dirname(dir.replace(/\/+$/, ''));
  const classifier = (await pipeline('text-classification', basename(dir.replace(/\/+$/, '')), {
    dtype: 'fp32',
  })) as unknown as Classifier;
  const lower = labels.map((l) => l.toLowerCase());
  const align = (out: Array<{ label: string; score: number }>): number[] => {
    const probs = new Array<number>(labels.length).fill(0);
    for (const { label, score } of out) {
      let i = lower.indexOf(label.toLowerCase());
      const m = /^label_(\d+)$/i.exec(label);
      if (i < 0 && m) i = Number(m[1]);
      if (i >= 0 && i < probs.length) probs[i] = score;
    }
    const z = probs.reduce((a, b) => a + b, 0);
    return z > 0 ? probs.map((p) => p / z) : probs.map(() => 1 / labels.length);
  };
  return {
    task,
    async score(texts) {
      if (texts.length === 0) return [];
      const out = (await classifier(texts, { top_k: null })) as unknown;
      const rows = (
        texts.length === 1 && Array.isArray(out) && !Array.isArray(out[0]) ? [out] : out
      ) as Array<Array<{ label: string; score: number }>>;
      return rows.map(align);
    },
  };
}
