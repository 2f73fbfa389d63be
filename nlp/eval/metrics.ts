/**
 * Classification metrics: accuracy, per-class precision/recall/F1, macro-F1, confusion matrix
 * (rows = gold, columns = predicted), and multi-label micro-F1 / exact-set accuracy.
 */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface SingleLabelReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  labels: string[];
  confusion: number[][];
}

export function singleLabelReport(
  gold: readonly string[],
  predicted: readonly string[],
  labelOrder: readonly string[],
): SingleLabelReport {
  const labels = [...labelOrder];
  for (const l of [...gold, ...predicted]) if (!labels.includes(l)) labels.push(l);
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    confusion[index.get(gold[i]!)!]![index.get(predicted[i]!)!]! += 1;
    if (gold[i] === predicted[i]) correct++;
  }
  const perClass: Record<string, ClassMetrics> = {};
  let f1Sum = 0;
  let counted = 0;
  labels.forEach((label, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[i]!, 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support };
    // Macro-F1 averages over classes present in gold or predictions.
    if (support > 0 || predictedCount > 0) {
      f1Sum += f1;
      counted++;
    }
  });
  return {
    n: gold.length,
    accuracy: gold.length > 0 ? correct / gold.length : 0,
    macroF1: counted > 0 ? f1Sum / counted : 0,
    perClass,
    labels,
    confusion,
  };
}

export interface MultiLabelReport {
  n: number;
  exactAccuracy: number;
  microF1: number;
  microPrecision: number;
  microRecall: number;
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
}

export function multiLabelReport(
  gold: readonly string[][],
  predicted: readonly string[][],
  labelOrder: readonly string[],
): MultiLabelReport {
  const labels = [...labelOrder];
  for (const set of [...gold, ...predicted])
    for (const l of set) if (!labels.includes(l)) labels.push(l);
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  let exact = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = new Set(gold[i]);
    const p = new Set(predicted[i]);
    let same = g.size === p.size;
    for (const l of p) {
      if (g.has(l)) tp.set(l, (tp.get(l) ?? 0) + 1);
      else {
        fp.set(l, (fp.get(l) ?? 0) + 1);
        same = false;
      }
    }
    for (const l of g) if (!p.has(l)) fn.set(l, (fn.get(l) ?? 0) + 1);
    if (same) exact++;
  }
  let TP = 0;
  let FP = 0;
  let FN = 0;
  const perClass: Record<string, ClassMetrics> = {};
  let f1Sum = 0;
  let counted = 0;
  for (const l of labels) {
    const a = tp.get(l) ?? 0;
    const b = fp.get(l) ?? 0;
    const c = fn.get(l) ?? 0;
    TP += a;
    FP += b;
    FN += c;
    const precision = a + b > 0 ? a / (a + b) : 0;
    const recall = a + c > 0 ? a / (a + c) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support: a + c };
    if (a + b + c > 0) {
      f1Sum += f1;
      counted++;
    }
  }
  const microPrecision = TP + FP > 0 ? TP / (TP + FP) : 0;
  const microRecall = TP + FN > 0 ? TP / (TP + FN) : 0;
  const microF1 =
    microPrecision + microRecall > 0
      ? (2 * microPrecision * microRecall) / (microPrecision + microRecall)
      : 0;
  return {
    n: gold.length,
    exactAccuracy: gold.length > 0 ? exact / gold.length : 0,
    microF1,
    microPrecision,
    microRecall,
    macroF1: counted > 0 ? f1Sum / counted : 0,
    perClass,
  };
}
