import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { colorAt, GRID } from './palette.js';
import { withTableHints } from './table.js';

export interface BarInput {
  labels: string[];
  /** One or more series; a single series draws one bar per label. */
  series: { label: string; data: number[]; color?: string }[];
  format: (value: number) => string;
  /** Horizontal bars read better for long category names (topics, countries). */
  horizontal?: boolean;
  /** Colour each bar of a single series by its own colour (e.g. sentiment). */
  colors?: string[];
  /** Extra tooltip lines for a category (e.g. an emerging term's signal strength). */
  footer?: (index: number) => string;
  /** The table's and CSV's first column: what the labels are ("Hashtag", "País"). */
  labelColumn?: string;
}

/** Category labels longer than this wrap onto a second line (narrow charts use `NARROW_CHARS`). */
export const LABEL_CHARS = 26;
export const NARROW_CHARS = 14;
/** Below this chart width (px) labels get the narrow budget: a phone. */
export const NARROW_WIDTH = 480;

/**
 * A category label as lines that fit `max` characters: wrapped at spaces onto at most two
 * lines, the rest cut with "…" (the tooltip keeps the full label). "Percepción de inseguridad"
 * at 14 → ["Percepción de", "inseguridad"].
 */
export function wrapLabel(label: string, max: number): string | string[] {
  if (label.length <= max) return label;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  const cut = (text: string) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
  if (lines.length <= 2) return lines.map(cut);
  return [cut(lines[0]!), cut(`${lines.slice(1).join(' ')}`)];
}

/** A ranked bar chart: topic share, posts per country, categories. */
export function barChart(input: BarInput): ChartConfiguration<'bar'> {
  const horizontal = input.horizontal ?? true;
  const valueAxis = {
    beginAtZero: true,
    grid: { color: GRID },
    border: { display: false },
    ticks: { callback: (value: number | string) => input.format(Number(value)), maxTicksLimit: 6 },
  };
  const categoryAxis = {
    grid: { display: false },
    ticks: {
      autoSkip: false,
      // Long names wrap (and at phone width are cut, the tooltip showing them whole) instead of
      // running off the canvas' edge.
      callback(this: { chart?: { width?: number } }, _value: number | string, index: number) {
        const label = String(input.labels[index] ?? '');
        if (!horizontal) return label;
        const narrow = (this?.chart?.width ?? Infinity) < NARROW_WIDTH;
        return wrapLabel(label, narrow ? NARROW_CHARS : LABEL_CHARS);
      },
    },
  };
  return withTableHints<ChartConfiguration<'bar'>>({
    type: 'bar',
    data: {
      labels: input.labels,
      datasets: input.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        backgroundColor: input.series.length === 1 && input.colors ? input.colors : (s.color ?? colorAt(i)),
        borderWidth: 0,
        borderRadius: 3,
        maxBarThickness: 28,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: input.series.length > 1, position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) =>
              `${item.dataset.label ?? ''}: ${input.format((horizontal ? item.parsed.x : item.parsed.y) ?? 0)}`,
            footer: (items: TooltipItem<'bar'>[]) => (input.footer && items[0] ? input.footer(items[0].dataIndex) : ''),
          },
        },
      },
    },
  }, { labelColumn: input.labelColumn });
}

/** Height in px that gives each of `n` horizontal bars room for its label. */
export function barHeight(n: number): number {
  return Math.max(160, Math.min(520, 40 + n * 30));
}
