/**
 * Single-task predictions for `escucha eval`: the Spanish model path is forced for the
 * classification tasks (benchmarks are Spanish), topics and country use the full analysis.
 */
import { analyzeWith } from './analyze.js';
import { featurizePrepared } from './featurize.js';
import { Matches, predict } from './model/linear.js';
import type { Resources } from './resources.js';
import { prepare } from './text/normalize.js';
import type { EvalTask } from './eval/labels.js';

export interface EvalInput {
  text: string;
  hashtags?: string[];
  location?: string | null;
}

export function predictTask(res: Resources, task: EvalTask, input: EvalInput): string | string[] {
  if (task === 'topics' || task === 'country') {
    const analysis = analyzeWith(res, res.version, {
      text: input.text,
      hashtags: input.hashtags,
      authorLocation: input.location ?? null,
    });
    if (task === 'topics') return analysis.topics.map((t) => t.id);
    return analysis.places[0]?.country ?? 'null';
  }
  const matches = new Matches(res.table, { explain: false });
  featurizePrepared(prepare(input.text, res.bundle.text), res.bundle, matches.sink);
  const probsOf = (name: 'sentiment' | 'emotion' | 'misogyny' | 'misogyny-category' | 'hate') => {
    const model = res.models[name];
    if (!model)
      throw Object.assign(
        new Error(`faltan los pesos de ${name} (ejecute escucha train --task ${name})`),
        { code: 'ESCUCHA_NO_WEIGHTS' },
      );
    return { model, probs: predict(model, res.table, matches).probs };
  };
  switch (task) {
    case 'misogyny':
    case 'hate': {
      const { model, probs } = probsOf(task);
      return probs[1]! >= model.threshold ? '1' : '0';
    }
    case 'misogyny-category': {
      const { model, probs } = probsOf('misogyny-category');
      return model.labels[argmax(probs)]!;
    }
    default: {
      const { model, probs } = probsOf(task);
      return model.labels[argmax(probs)]!;
    }
  }
}

function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
