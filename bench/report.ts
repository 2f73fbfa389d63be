import { readFileSync, writeFileSync } from 'node:fs';

const LAST = new URL('./last.json', import.meta.url);

/**
 * Prints one figure as `name=value unit` and merges it into bench/last.json, so every benchmark
 * file reports the same way and the JSON keeps the latest value of each figure.
 */
export function reportFigure(name: string, value: number, unit: string): void {
  const rounded = Number.isInteger(value) ? value : Number(value.toFixed(value >= 100 ? 0 : 2));
  process.stdout.write(`${name}=${rounded} ${unit}\n`);
  let figures: Record<string, { value: number; unit: string; at: string }> = {};
  try {
    figures = JSON.parse(readFileSync(LAST, 'utf8')) as typeof figures;
  } catch {
    // first figure of a fresh checkout
  }
  figures[name] = { value: rounded, unit, at: new Date().toISOString() };
  writeFileSync(LAST, `${JSON.stringify(figures, null, 2)}\n`);
}

/** p-th percentile (0–100) of durations. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
