import type { ChartConfiguration } from 'chart.js';
import { bucketize, isPartial, rateOf, todayUtc, type Bucket } from '../charts/aggregate.js';
import { SENTIMENT_COLORS } from '../charts/palette.js';
import { csvDate } from '../charts/table.js';
import { lineChart, stackedBarChart } from '../charts/time-series.js';
import { formatNumber, formatPercent, formatShortDay, isSmallSample } from '../format.js';
import { i18n, sentimentName } from '../i18n/index.js';
import type { SeriesPoint } from '../queries.js';

/** Chart configurations built from /api/series points, shared by several views. */

/** Weekly buckets once the range is longer than two months: daily bars would be unreadable. */
export function isWeekly(points: readonly unknown[]): boolean {
  return points.length > 62;
}

/** What the chart says of an incomplete period, in the user's language. */
function partialMarks(buckets: readonly Pick<Bucket, 'partial'>[], weekly: boolean) {
  return { partial: buckets.map((b) => b.partial), partialNote: weekly ? i18n.t.chart.partialWeek : i18n.t.chart.partialDay };
}

export function volumeChart(points: SeriesPoint[]): ChartConfiguration<'line'> {
  const today = todayUtc();
  return lineChart({
    labels: points.map((p) => formatShortDay(p.bucket)),
    csvLabels: points.map((p) => csvDate(p.bucket)),
    series: [{ label: i18n.t.kpi.posts, data: points.map((p) => p.posts), fill: true }],
    format: formatNumber,
    ...partialMarks(points.map((p) => ({ partial: isPartial(p.bucket, 1, 1, today) })), false),
  });
}

export function sentimentChart(points: SeriesPoint[]): ChartConfiguration<'bar'> {
  const weekly = isWeekly(points);
  const buckets = bucketize(points, weekly);
  return stackedBarChart({
    labels: buckets.map((b) => formatShortDay(b.day)),
    csvLabels: buckets.map((b) => csvDate(b.day)),
    series: (['N', 'NEU', 'P'] as const).map((s) => ({ label: sentimentName(s), data: buckets.map((b) => b[s]), color: SENTIMENT_COLORS[s] })),
    format: formatNumber,
    ...partialMarks(buckets, weekly),
  });
}

/** Misogyny rate per bucket, one line per labelled series (e.g. per country). */
export function rateChart(seriesByLabel: { label: string; points: SeriesPoint[] }[], weekly: boolean): ChartConfiguration<'line'> {
  const bucketed = seriesByLabel.map((s) => ({ label: s.label, buckets: bucketize(s.points, weekly) }));
  const days = bucketed[0]?.buckets.map((b) => b.day) ?? [];
  return lineChart({
    labels: days.map((d) => formatShortDay(d)),
    csvLabels: days.map((d) => csvDate(d)),
    series: bucketed.map((s) => ({
      label: s.label,
      data: s.buckets.map((b) => rateOf(b.misogyny, b.analysed)),
      // A rate over a handful of posts swings wildly: dashed, with its n in the tooltip.
      notes: s.buckets.map((b) => (isSmallSample(b.analysed) ? i18n.t.kpi.smallSample(b.analysed) : null)),
    })),
    format: formatPercent,
    ...partialMarks(bucketed[0]?.buckets ?? [], weekly),
  });
}
