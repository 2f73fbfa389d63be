/**
 * Training corpora per task (files in the datasets directory, see /work/shared/datasets/README.md)
 * and the deterministic held-out split: a row is held out when FNV(file:id) mod 1000 < 150.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashFeature } from '../features/hash.js';

export type TaskName =
  'sentiment' | 'emotion' | 'misogyny' | 'misogyny-category' | 'hate' | 'misogyny-intention';
export const TASKS: readonly TaskName[] = [
  'sentiment',
  'emotion',
  'misogyny',
  'misogyny-category',
  'hate',
  'misogyny-intention',
];

export interface Example {
  id: string;
  source: string;
  text: string;
  label: string;
  /** Optional per-example weight (auxiliary corpora get less). */
  weight: number;
  heldOut: boolean;
  /** False for auxiliary corpora that are not part of the evaluation distribution. */
  evaluated?: boolean;
  /** The source's weight before a per-row weight (cross-validation scores rows of weight 1). */
  sourceWeight?: number;
  /**
   * One share of a soft-labelled row (see SourceSpec.soft): the row's hard label (only the part
   * carrying it is scored in cross-validation) and the share, normalised over the row's parts
   * (the part's weight in document and NB counts, so the row counts once).
   */
  hardLabel?: string;
  share?: number;
}

export interface SourceSpec {
  file: string;
  /** Returns the task label, or null to skip the row. */
  label: (row: Record<string, unknown>) => string | null;
  weight?: number;
  /** Included in the held-out evaluation set (the distribution we tune for). */
  evaluate: boolean;
  /**
   * Soft labels for training rows: (label, share) pairs. Each pair becomes one example
   * weighted by its share (soft-label cross-entropy); held-out rows keep the hard label.
   */
  soft?: (row: Record<string, unknown>) => Array<[string, number]> | null;
  /** Per-row training weight (multiplies `weight`; held-out rows are unaffected). */
  rowWeight?: (row: Record<string, unknown>) => number;
  /** Held-out rows failing this are dropped (they would only be used for training). */
  evaluateIf?: (row: Record<string, unknown>) => boolean;
}

export const HELD_OUT_PER_MILLE = 150;

export function isHeldOut(source: string, id: string): boolean {
  return hashFeature(`${source}:${id}`) % 1000 < HELD_OUT_PER_MILLE;
}

const binary = (row: Record<string, unknown>) => {
  const v = row.label;
  return v === 1 || v === '1' || v === true
    ? '1'
    : v === 0 || v === '0' || v === false
      ? '0'
      : null;
};

const EXIST23_CATEGORY: Record<string, string> = {
  'IDEOLOGICAL-INEQUALITY': 'ideological-inequality',
  'STEREOTYPING-DOMINANCE': 'stereotyping-dominance',
  OBJECTIFICATION: 'objectification',
  'SEXUAL-VIOLENCE': 'sexual-violence',
  'MISOGYNY-NON-SEXUAL-VIOLENCE': 'misogyny-non-sexual-violence',
  NO: 'non-sexist',
};

/** EXIST 2023 task 1 soft votes (share of the six annotators who said YES). */
const exist23Soft = (row: Record<string, unknown>): Array<[string, number]> | null => {
  const soft = row.task1_sexism_soft as Record<string, number> | undefined;
  const yes = soft?.YES;
  if (typeof yes !== 'number' || !Number.isFinite(yes)) return null;
  return [
    ['1', yes],
    ['0', 1 - yes],
  ];
};

/**
 * EXIST 2023 annotator agreement as a training weight: 6/6 → 1, 5/6 → (1 + a) / 2, 4/6 → a
 * (a = `floor`), so ambiguous majority labels count less.
 */
const exist23Agreement =
  (floor: number) =>
  (row: Record<string, unknown>): number => {
    const yes = (row.task1_sexism_soft as Record<string, number> | undefined)?.YES;
    if (typeof yes !== 'number') return 1;
    const margin = Math.abs(2 * yes - 1); // 1, 2/3 or 1/3
    return floor + ((1 - floor) * (margin - 1 / 3)) / (2 / 3);
  };

/** EXIST 2023 task 3: the category with the highest soft vote (ties → hard label order). */
const exist23Category = (row: Record<string, unknown>) => {
  if (binary(row) === '0') return 'non-sexist';
  const soft = row.task3_category_soft as Record<string, number> | undefined;
  if (!soft) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const [key, score] of Object.entries(soft)) {
    if (key === 'NO') continue;
    if (score > bestScore) {
      best = key;
      bestScore = score;
    }
  }
  return best ? (EXIST23_CATEGORY[best] ?? null) : null;
};

/**
 * EXIST 2023 soft category target: the task-1 NO share on non-sexist, the YES share spread over
 * the categories in proportion to their task-3 votes (annotators may name several).
 */
const exist23CategorySoft = (row: Record<string, unknown>): Array<[string, number]> | null => {
  const yes = (row.task1_sexism_soft as Record<string, number> | undefined)?.YES;
  const cats = row.task3_category_soft as Record<string, number> | undefined;
  if (typeof yes !== 'number' || !cats) return null;
  const pairs = Object.entries(cats).flatMap(([k, v]) =>
    k !== 'NO' && EXIST23_CATEGORY[k] && v > 0
      ? [[EXIST23_CATEGORY[k]!, v] as [string, number]]
      : [],
  );
  const total = pairs.reduce((n, [, v]) => n + v, 0);
  if (total <= 0) return [['non-sexist', 1]];
  return [
    ['non-sexist', 1 - yes],
    ...pairs.map(([l, v]) => [l, (yes * v) / total] as [string, number]),
  ];
};

const INTENTIONS: Record<string, string> = {
  DIRECT: 'direct',
  REPORTED: 'reported',
  JUDGEMENTAL: 'judgemental',
};

/** EXIST 2023 task 2 soft votes over the three intentions of a sexist row (NO share dropped). */
const intentionShares = (row: Record<string, unknown>): Array<[string, number]> | null => {
  if (binary(row) !== '1') return null;
  const soft = row.task2_intention_soft as Record<string, number> | undefined;
  if (!soft) return null;
  const pairs = Object.entries(INTENTIONS).map(
    ([key, label]) => [label, soft[key] ?? 0] as [string, number],
  );
  const total = pairs.reduce((n, [, v]) => n + v, 0);
  return total > 0 ? pairs.map(([l, v]) => [l, v / total]) : null;
};

/**
 * EXIST 2023 task 2 on sexist rows: the hard label (DIRECT / REPORTED / JUDGEMENTAL); rows
 * without a majority only with `variant.nomajority` (their highest soft vote). The binary
 * variant asks "direct sexism, or reported / judged (criticised) sexism?".
 */
const intentionLabel =
  (variant: Record<string, string>) =>
  (row: Record<string, unknown>): string | null => {
    if (binary(row) !== '1') return null;
    let label = INTENTIONS[String(row.task2_intention_hard)] ?? null;
    if (!label && variant.nomajority) {
      const shares = intentionShares(row);
      if (shares) label = [...shares].sort((a, b) => b[1] - a[1])[0]![0];
    }
    if (!label) return null;
    return variant.binary ? (label === 'direct' ? 'direct' : 'not-direct') : label;
  };

export interface TaskSpec {
  labels: string[];
  binary: boolean;
  sources: SourceSpec[];
}

export function taskSpec(task: TaskName, variant: Record<string, string> = {}): TaskSpec {
  switch (task) {
    case 'sentiment':
      return {
        labels: ['P', 'NEU', 'N'],
        binary: false,
        sources: [
          { file: 'sentiment_tass2020_train.jsonl', label: (r) => String(r.label), evaluate: true },
          {
            file: 'sentiment_intertass_extra.jsonl',
            label: (r) =>
              r.label === 'NONE' ? (variant.none === 'neu' ? 'NEU' : null) : String(r.label),
            weight: Number(variant.extraWeight ?? 1),
            evaluate: false,
          },
        ],
      };
    case 'emotion':
      return {
        labels: ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'others'],
        binary: false,
        sources: [
          {
            file: 'emotion_emoevent_train.jsonl',
            label: (r) => String(r.label).toLowerCase(),
            evaluate: true,
          },
        ],
      };
    case 'misogyny':
      return {
        labels: ['0', '1'],
        binary: true,
        sources: [
          {
            file: 'misogyny_exist2021_train_es.jsonl',
            label: binary,
            weight: Number(variant.exist21 ?? 1),
            evaluate: true,
          },
          {
            file: 'misogyny_exist2023_train_es.jsonl',
            label: binary,
            weight: Number(variant.exist23 ?? 1),
            evaluate: true,
            soft: variant.soft ? exist23Soft : undefined,
            rowWeight: variant.agreement ? exist23Agreement(Number(variant.agreement)) : undefined,
          },
          {
            file: 'misogyny_exist2023_dev_es.jsonl',
            label: binary,
            weight: Number(variant.exist23 ?? 1),
            evaluate: true,
            soft: variant.soft ? exist23Soft : undefined,
            rowWeight: variant.agreement ? exist23Agreement(Number(variant.agreement)) : undefined,
          },
          {
            file: 'misogyny_metwo_es.jsonl',
            label: binary,
            weight: Number(variant.metwo ?? 1),
            evaluate: false,
          },
          ...(variant.twitch
            ? [
                {
                  file: 'misogyny_twitch_chat_es.jsonl',
                  label: binary,
                  weight: Number(variant.twitch),
                  evaluate: false,
                },
              ]
            : []),
        ],
      };
    case 'misogyny-category':
      return {
        labels: [
          'non-sexist',
          'ideological-inequality',
          'stereotyping-dominance',
          'objectification',
          'sexual-violence',
          'misogyny-non-sexual-violence',
        ],
        binary: false,
        sources: [
          {
            file: 'misogyny_exist2021_train_es.jsonl',
            label: (r) => (r.category ? String(r.category) : null),
            evaluate: true,
          },
          {
            file: 'misogyny_exist2023_train_es.jsonl',
            label: exist23Category,
            weight: Number(variant.exist23 ?? 1),
            evaluate: false,
            soft: variant.catsoft ? exist23CategorySoft : undefined,
          },
          {
            file: 'misogyny_exist2023_dev_es.jsonl',
            label: exist23Category,
            weight: Number(variant.exist23 ?? 1),
            evaluate: false,
            soft: variant.catsoft ? exist23CategorySoft : undefined,
          },
        ],
      };
    case 'misogyny-intention': {
      const label = intentionLabel(variant);
      const soft = variant.soft
        ? (row: Record<string, unknown>) => {
            const shares = intentionShares(row);
            if (!shares || !variant.binary) return shares;
            const direct = shares.find(([l]) => l === 'direct')![1];
            return [
              ['not-direct', 1 - direct],
              ['direct', direct],
            ] as Array<[string, number]>;
          }
        : undefined;
      return {
        labels: variant.binary ? ['not-direct', 'direct'] : ['direct', 'reported', 'judgemental'],
        binary: Boolean(variant.binary),
        sources: ['misogyny_exist2023_train_es.jsonl', 'misogyny_exist2023_dev_es.jsonl'].map(
          (file) => ({
            file,
            label,
            evaluate: true,
            soft,
            evaluateIf: (row: Record<string, unknown>) =>
              String(row.task2_intention_hard) in INTENTIONS,
          }),
        ),
      };
    }
    case 'hate':
      return {
        labels: ['0', '1'],
        binary: true,
        sources: [
          { file: 'hate_hateval2019_es_train_dev.jsonl', label: binary, evaluate: true },
          {
            file: 'hate_haternet_es.jsonl',
            label: binary,
            weight: Number(variant.haternet ?? 1),
            evaluate: false,
          },
          ...(variant.exist
            ? [
                {
                  file: 'misogyny_exist2021_train_es.jsonl',
                  label: binary,
                  weight: Number(variant.exist),
                  evaluate: false,
                },
              ]
            : []),
        ],
      };
  }
}

export function loadExamples(
  dir: string,
  spec: TaskSpec,
  warn: (message: string) => void = () => {},
): Example[] {
  const out: Example[] = [];
  for (const source of spec.sources) {
    if (source.weight === 0) continue;
    const path = join(dir, source.file);
    if (!existsSync(path)) {
      warn(`falta ${path}; se omite`);
      continue;
    }
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        warn(`${source.file}:${i + 1}: JSON inválido`);
        return;
      }
      const text = typeof row.text === 'string' ? row.text : '';
      const label = source.label(row);
      if (!text.trim() || label === null || !spec.labels.includes(label)) return;
      const id = String(row.id ?? i);
      const heldOut = source.evaluate && isHeldOut(source.file, id);
      if (heldOut && source.evaluateIf && !source.evaluateIf(row)) return;
      const soft = !heldOut && source.soft ? source.soft(row) : null;
      if (soft) {
        const parts = soft.filter(([l, share]) => share > 0.01 && spec.labels.includes(l));
        const total = parts.reduce((n, [, share]) => n + share, 0);
        for (const [l, share] of parts)
          out.push({
            id,
            source: source.file,
            text,
            label: l,
            weight: (source.weight ?? 1) * share,
            sourceWeight: source.weight ?? 1,
            heldOut,
            evaluated: source.evaluate,
            hardLabel: label,
            share: share / total,
          });
        return;
      }
      out.push({
        id,
        source: source.file,
        text,
        label,
        weight: (source.weight ?? 1) * (!heldOut && source.rowWeight ? source.rowWeight(row) : 1),
        sourceWeight: source.weight ?? 1,
        heldOut,
        evaluated: source.evaluate,
      });
    });
  }
  return out;
}
