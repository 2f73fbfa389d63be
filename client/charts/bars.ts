import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { colorAt, GRID } from './palette.js';

export interface BarInput {
  labels: string[];
  /** One or more series; a single series draws one bar per label. */
  series: { label: string; data: number[]; color?: string }[];
  format: (value: number) => string;
  /** Horizontal bars read better for long category names (topics, countries). */
  horizontal?: boolean;
  /** Colour each bar of a single series by its own colour (e.g. sentiment). */
  colors?: string[];
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
  const categoryAxis = { grid: { display: false }, ticks: { autoSkip: false } };
  return {
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
          },
        },
      },
    },
  };
}

/** Height in px that gives each of `n` horizontal bars room for its label. */
export function barHeight(n: number): number {
  return Math.max(160, Math.min(520, 40 + n * 30));
}
