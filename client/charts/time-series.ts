import type { ChartConfiguration } from 'chart.js';
import { colorAt, GRID, withAlpha } from './palette.js';
import { withTableHints } from './table.js';

/** One line (or stacked bar series) of a time chart. */
export interface Series {
  label: string;
  data: (number | null)[];
  color?: string;
  /** Fill the area under the line (a single-series volume chart). */
  fill?: boolean;
  dashed?: boolean;
  /**
   * Per point, a caveat ("muestra pequeña (n = 2)") or null: the line is dashed into and out of
   * such a point and the tooltip shows the caveat after its value.
   */
  notes?: (string | null)[];
}

export interface TimeChartInput {
  /** Already-formatted x labels, one per point ("2 nov"). */
  labels: string[];
  /**
   * The same points as the CSV download writes them, ISO 8601 (`csvDate`: "2026-11-02"): the
   * short labels have no year and cannot be sorted.
   */
  csvLabels?: string[];
  series: Series[];
  /** Formats y ticks and tooltips. */
  format: (value: number) => string;
  /** Index of the label to mark (a campaign launch), with its caption. */
  marker?: { index: number; label: string } | null;
  /** Fixed y range, e.g. [-100, 100] for net sentiment. */
  yRange?: [number, number];
  /**
   * Per point: the period is incomplete (a week cut by the range, today still filling). Lines
   * are dashed into such a point, bars are lighter, and the tooltip adds `partialNote`.
   */
  partial?: boolean[];
  partialNote?: string;
}

function yAxis(input: TimeChartInput, stacked = false) {
  return {
    stacked,
    beginAtZero: input.yRange === undefined,
    min: input.yRange?.[0],
    max: input.yRange?.[1],
    grid: { color: GRID },
    border: { display: false },
    ticks: { callback: (value: number | string) => input.format(Number(value)), maxTicksLimit: 6 },
  };
}

const xAxis = (stacked = false) => ({
  stacked,
  grid: { display: false },
  ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 16 },
});

function tooltip(input: TimeChartInput) {
  return {
    mode: 'index' as const,
    intersect: false,
    callbacks: {
      label: (item: { dataset: { label?: string }; datasetIndex: number; dataIndex: number; parsed: { y: number | null } }) => {
        const note = input.series[item.datasetIndex]?.notes?.[item.dataIndex];
        const value = item.parsed.y === null ? '—' : input.format(item.parsed.y);
        return `${item.dataset.label ?? ''}: ${value}${note ? ` · ${note}` : ''}`;
      },
      footer: (items: { dataIndex: number }[]) =>
        items[0] && input.partial?.[items[0].dataIndex] ? (input.partialNote ?? '') : '',
    },
  };
}

/** Dashes the line segments that touch an incomplete period or a point with a caveat. */
function partialSegments(input: TimeChartInput, series: Series) {
  const partial = input.partial ?? [];
  const notes = series.notes ?? [];
  if (!partial.some(Boolean) && !notes.some(Boolean)) return undefined;
  const weak = (i: number) => Boolean(partial[i] || notes[i]);
  return {
    borderDash: (ctx: { p0DataIndex: number; p1DataIndex: number }) =>
      weak(ctx.p1DataIndex) || weak(ctx.p0DataIndex) ? [4, 4] : undefined,
  };
}

/** A line chart over days: volume, rates, one line per country or topic. */
export function lineChart(input: TimeChartInput): ChartConfiguration<'line'> {
  const single = input.series.length === 1;
  return withTableHints<ChartConfiguration<'line'>>({
    type: 'line',
    data: {
      labels: input.labels,
      datasets: input.series.map((s, i) => {
        const color = s.color ?? colorAt(i);
        return {
          label: s.label,
          data: s.data,
          borderColor: color,
          backgroundColor: s.fill ? withAlpha(color, 0.14) : color,
          fill: s.fill ? 'origin' : false,
          borderWidth: 2,
          borderDash: s.dashed ? [6, 4] : [],
          pointRadius: input.labels.length > 45 ? 0 : 2,
          pointHoverRadius: 4,
          tension: 0.25,
          spanGaps: true,
          segment: partialSegments(input, s),
        };
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: xAxis(), y: yAxis(input) },
      plugins: {
        legend: { display: !single, position: 'bottom', labels: { boxWidth: 12, boxHeight: 12, usePointStyle: true } },
        tooltip: tooltip(input),
        launchMarker: { index: input.marker?.index ?? null, label: input.marker?.label ?? '' },
      },
    },
  }, { csvLabels: input.csvLabels });
}

/** Stacked bars over days: sentiment (P / NEU / N) or categories per day. */
export function stackedBarChart(input: TimeChartInput): ChartConfiguration<'bar'> {
  return withTableHints<ChartConfiguration<'bar'>>({
    type: 'bar',
    data: {
      labels: input.labels,
      datasets: input.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        backgroundColor: input.partial?.some(Boolean)
          ? input.labels.map((_, k) => withAlpha(s.color ?? colorAt(i), input.partial?.[k] ? 0.45 : 1))
          : (s.color ?? colorAt(i)),
        borderWidth: 0,
        barPercentage: 0.9,
        categoryPercentage: 0.9,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: xAxis(true), y: yAxis(input, true) },
      plugins: {
        legend: { display: true, position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: tooltip(input),
        launchMarker: { index: input.marker?.index ?? null, label: input.marker?.label ?? '' },
      },
    },
  }, { csvLabels: input.csvLabels });
}
