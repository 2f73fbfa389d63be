import { SMALL_SAMPLE } from '../../models/metrics.js';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { MIN_DAILY_RATE_POSTS } from '../../analytics/impact.js';
import { GREY, hatch, INK, renderChart, type ChartSize } from './charts.js';
import { formatAxisDay, formatCount, formatNumber, formatPercent, type BriefLocale } from './format.js';
import { countryName, topicLabel } from './labels.js';
import type { BriefData } from './types.js';

/** The brief's figures as PNGs, each with its size in points. */
export interface BriefFigures {
  volume: Png;
  sentiment: Png;
  topics: Png | null;
  misogyny: Png | null;
  campaignReach: Png | null;
  campaignInteractions: Png | null;
}

export interface Png extends ChartSize {
  png: Buffer;
}

const TOPICS_SHOWN = 8;
const MIN_COUNTRY_ANALYSED = 1;

const LEGEND = {
  es: { thisWeek: 'Esta semana', previousWeek: 'Semana anterior' },
  en: { thisWeek: 'This week', previousWeek: 'Previous week' },
};

/** Draws every figure of the brief; a figure without data is null (the layout says so). */
export async function drawFigures(data: BriefData, locale: BriefLocale, half: number, full = half): Promise<BriefFigures> {
  const misogyny = await misogynyFigure(data, locale, half);
  // Without a country comparison (one country), the topics figure takes the whole width.
  const [volume, sentiment, topics, campaignReach, campaignInteractions] = await Promise.all([
    volumeFigure(data, locale, { width: half, height: 195 }),
    sentimentFigure(data, locale, { width: half, height: 195 }),
    topicFigure(data, locale, misogyny ? half : full),
    campaignFigure(data, locale, half, 'potentialReach'),
    campaignFigure(data, locale, half, 'interactions'),
  ]);
  return { volume, sentiment, topics, misogyny, campaignReach, campaignInteractions };
}

const axisDays = (data: BriefData, locale: BriefLocale) => data.days.map((d) => formatAxisDay(d.bucket.slice(0, 10), locale));
const legend = { position: 'bottom' as const, labels: { boxWidth: 14, boxHeight: 7, padding: 8 } };
const grid = { color: '#e5e7eb' };
const dayTicks = { maxRotation: 0, autoSkip: false, font: { size: 7 } };

async function volumeFigure(data: BriefData, locale: BriefLocale, size: ChartSize): Promise<Png> {
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: axisDays(data, locale),
      datasets: [
        { label: LEGEND[locale].thisWeek, data: data.days.map((d) => d.posts), backgroundColor: INK, categoryPercentage: 0.8, barPercentage: 0.9 },
        { label: LEGEND[locale].previousWeek, data: data.previousDays.map((d) => d.posts), backgroundColor: hatch(), borderColor: GREY, borderWidth: 0.8, categoryPercentage: 0.8, barPercentage: 0.9 },
      ],
    },
    options: { plugins: { legend }, scales: { x: { grid: { display: false }, ticks: dayTicks }, y: { beginAtZero: true, grace: '12%', grid, ticks: { maxTicksLimit: 5, precision: 0 } } } },
  };
  return png(await renderChart(config, size, [{ dataset: 0, text: (i) => formatCount(data.days[i]?.posts ?? 0, locale) }]), size);
}

/**
 * The y axis of the net-sentiment chart: ±50 unless the data goes further, never beyond ±100,
 * on round ticks (Chart.js honours min/max exactly; grace would overshoot them).
 */
export function sentimentAxis(values: (number | null)[]): { min: number; max: number; ticks: { stepSize: number } } {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const low = Math.min(-50, ...known);
  const high = Math.max(50, ...known);
  const edge = (v: number) => (Math.abs(v) <= 50 ? 50 : Math.min(100, Math.ceil((Math.abs(v) * 1.1) / 25) * 25));
  const min = -edge(low);
  const max = edge(high);
  return { min, max, ticks: { stepSize: max - min > 100 ? 50 : 25 } };
}

/** How one day of the net-sentiment chart is drawn. */
export interface SentimentPoint {
  /** Net sentiment, null where no point is drawn. */
  value: number | null;
  /**
   * `none`: no positive or negative post ("s/d" under the column); `omitted`: fewer than
   * MIN_DAILY_RATE_POSTS (a ±100 on one or two posts is no reading); `small`: fewer than
   * SMALL_SAMPLE, drawn hollow with dashed segments and no value label; `ok`: a solid point.
   */
  kind: 'none' | 'omitted' | 'small' | 'ok';
}

export function sentimentPoints(days: { sentiment: { P: number; N: number }; netSentiment: number }[]): SentimentPoint[] {
  return days.map((day) => {
    const polar = day.sentiment.P + day.sentiment.N;
    if (polar === 0) return { value: null, kind: 'none' };
    if (polar < MIN_DAILY_RATE_POSTS) return { value: null, kind: 'omitted' };
    return { value: day.netSentiment, kind: polar < SMALL_SAMPLE ? 'small' : 'ok' };
  });
}

const NO_DATA_MARK = { es: 's/d', en: 'n/a' };
const NO_DATA_WEEK = { es: 'Sin datos: ninguna publicación positiva o negativa', en: 'No data: no positive or negative post' };

async function sentimentFigure(data: BriefData, locale: BriefLocale, size: ChartSize): Promise<Png> {
  const now = sentimentPoints(data.days);
  const before = sentimentPoints(data.previousDays);
  const empty = now.every((p) => p.value === null) && before.every((p) => p.value === null);
  const SENTIMENT_AXIS = sentimentAxis([...now, ...before].map((p) => p.value));
  // A segment touching a small-sample day is dashed; missing days are gaps, never joined.
  const dashed = (points: SentimentPoint[]) => (ctx: { p0DataIndex: number; p1DataIndex: number }) =>
    points[ctx.p0DataIndex]?.kind === 'small' || points[ctx.p1DataIndex]?.kind === 'small' ? [3, 2] : undefined;
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      labels: axisDays(data, locale),
      datasets: [
        {
          label: LEGEND[locale].thisWeek,
          data: now.map((p) => p.value),
          borderColor: INK,
          backgroundColor: INK,
          pointBackgroundColor: now.map((p) => (p.kind === 'small' ? '#ffffff' : INK)),
          pointBorderColor: INK,
          pointBorderWidth: 1.1,
          borderWidth: 1.6,
          pointRadius: 2.6,
          pointStyle: 'circle',
          spanGaps: false,
          segment: { borderDash: dashed(now) },
        },
        { label: LEGEND[locale].previousWeek, data: before.map((p) => p.value), borderColor: GREY, backgroundColor: '#ffffff', borderWidth: 1.1, borderDash: [3, 2], pointRadius: 2.4, pointStyle: 'rect', spanGaps: false },
      ],
    },
    options: {
      plugins: { legend },
      scales: {
        x: { grid: { display: false }, offset: true, ticks: dayTicks },
        // Net sentiment lives in [−100, 100] (the caption says so): grace must not push the axis
        // past it (a day at −100 drew an axis to −200). Without data the 0 line is not stressed:
        // it read as a week of flat sentiment.
        y: { ...SENTIMENT_AXIS, grid: { color: (c) => (c.tick.value === 0 && !empty ? '#6b7280' : '#e5e7eb') } },
      },
    },
    plugins: [noDataMarks(now, locale, empty)],
  };
  // Values only on solid points; the label pass drops any that would overlap another.
  const labels = (i: number) => {
    const p = now[i]!;
    return p.kind === 'ok' && p.value !== null ? formatNumber(Math.round(p.value), locale) : '';
  };
  return png(await renderChart(config, size, [{ dataset: 0, text: labels }], { paddingTop: 12 }), size);
}

/** "s/d" under the days of this week without a positive or negative post; a sentence when the whole chart is empty. */
function noDataMarks(points: SentimentPoint[], locale: BriefLocale, empty: boolean): Plugin {
  return {
    id: 'noDataMarks',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const x = chart.scales.x!;
      ctx.save();
      ctx.fillStyle = GREY;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      if (empty) {
        ctx.font = '7.5px "DejaVu Sans"';
        const mid = (chartArea.top + chartArea.bottom) / 2;
        ctx.fillStyle = '#ffffff';
        const text = NO_DATA_WEEK[locale];
        const width = ctx.measureText(text).width;
        ctx.fillRect((chartArea.left + chartArea.right) / 2 - width / 2 - 4, mid - 7, width + 8, 14);
        ctx.fillStyle = GREY;
        ctx.fillText(text, (chartArea.left + chartArea.right) / 2, mid);
      } else {
        ctx.font = '6.5px "DejaVu Sans"';
        points.forEach((p, i) => {
          if (p.kind === 'none') ctx.fillText(NO_DATA_MARK[locale], x.getPixelForValue(i), chartArea.bottom - 6);
        });
      }
      ctx.restore();
    },
  };
}

/** Share of the week's posts on each topic (a post may have several): one ink, values on the bars. */
async function topicFigure(data: BriefData, locale: BriefLocale, width: number): Promise<Png | null> {
  const total = data.kpis.current.posts;
  const rows = data.topics.filter((t) => t.current.posts > 0).slice(0, TOPICS_SHOWN);
  if (total === 0 || rows.length === 0) return null;
  const share = rows.map((t) => (t.current.posts / total) * 100);
  const size = { width, height: 28 + rows.length * 17 };
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels: rows.map((t) => topicLabel(t.value, locale)), datasets: [{ data: share, backgroundColor: INK, barPercentage: 0.75, categoryPercentage: 0.9 }] },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, grace: '55%', grid, ticks: { maxTicksLimit: 4, callback: (v) => formatPercent(Number(v), locale, 0) } }, y: { grid: { display: false } } },
    },
  };
  const label = (i: number) => `${formatPercent(share[i]!, locale, 0)} (${formatCount(rows[i]!.current.posts, locale)})`;
  return png(await renderChart(config, size, [{ dataset: 0, text: label }]), size);
}

/** Misogyny rate by country, this week (ink, labelled "rate · flagged/analysed") and the week before (hatched). */
async function misogynyFigure(data: BriefData, locale: BriefLocale, width: number): Promise<Png | null> {
  const rows = data.countries
    .filter((c) => c.value !== '' && c.current.analysed >= MIN_COUNTRY_ANALYSED)
    .sort((a, b) => b.current.misogynyRate - a.current.misogynyRate || a.value.localeCompare(b.value));
  // One country is a single bar: its rate is already a headline KPI.
  if (rows.length < 2) return null;
  const size = { width, height: 40 + rows.length * 22 };
  const top = Math.max(...rows.flatMap((c) => [c.current.misogynyRate, c.previous.misogynyRate]), 1);
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: rows.map((c) => countryName(c.value, locale)),
      datasets: [
        { label: LEGEND[locale].thisWeek, data: rows.map((c) => c.current.misogynyRate), backgroundColor: INK, barPercentage: 0.9, categoryPercentage: 0.8 },
        { label: LEGEND[locale].previousWeek, data: rows.map((c) => c.previous.misogynyRate), backgroundColor: hatch(), borderColor: GREY, borderWidth: 0.8, barPercentage: 0.9, categoryPercentage: 0.8 },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend },
      scales: { x: { beginAtZero: true, max: niceCeiling(top * 1.7), grid, ticks: { maxTicksLimit: 4, callback: (v) => formatPercent(Number(v), locale, 0) } }, y: { grid: { display: false } } },
    },
  };
  const small = (n: number) => (n < SMALL_SAMPLE ? '*' : '');
  const label = (i: number) => `${formatPercent(rows[i]!.current.misogynyRate, locale, 1)} · ${formatCount(rows[i]!.current.misogyny, locale)}/${formatCount(rows[i]!.current.analysed, locale)}${small(rows[i]!.current.analysed)}`;
  return png(await renderChart(config, size, [{ dataset: 0, text: label }]), size);
}

async function campaignFigure(data: BriefData, locale: BriefLocale, width: number, metric: 'potentialReach' | 'interactions'): Promise<Png | null> {
  if (data.campaigns.length === 0) return null;
  const size = { width, height: 30 + data.campaigns.length * (data.campaigns.some((c) => c.name.length > LABEL_LINE) ? 30 : 24) };
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: data.campaigns.map((c) => campaignLabel(c.name)),
      datasets: [{ data: data.campaigns.map((c) => c.week[metric]), backgroundColor: INK, barPercentage: 0.7 }],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, grace: '35%', grid, ticks: { maxTicksLimit: 4, callback: (v) => formatCount(Number(v), locale) } }, y: { grid: { display: false } } },
    },
  };
  return png(await renderChart(config, size, [{ dataset: 0, text: (i) => formatCount(data.campaigns[i]!.week[metric], locale) }]), size);
}

/** 1, 2, 5 × 10ⁿ at or above `value`, so the axis ends on a round number past the labels. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value)!;
  return step * power;
}

/** Characters a line of a campaign's axis label holds at the chart's size. */
const LABEL_LINE = 20;

/**
 * A campaign's name on the axis: whole, wrapped on two lines at word boundaries ("Vidas libres" /
 * "de violencia"); only a name longer than two lines is shortened, and the table under the
 * figures gives every name in full.
 */
export function campaignLabel(name: string, max = LABEL_LINE): string | string[] {
  if (name.length <= max) return name;
  const words = name.split(/\s+/);
  let first = '';
  while (words.length > 0 && (first === '' || `${first} ${words[0]}`.length <= max)) first = first === '' ? words.shift()! : `${first} ${words.shift()!}`;
  let second = words.join(' ');
  if (first.length > max) {
    second = `${first.slice(max - 1)}${second ? ` ${second}` : ''}`;
    first = `${first.slice(0, max - 1)}-`;
  }
  if (second.length > max) second = `${second.slice(0, max - 1)}…`;
  return second ? [first, second] : first;
}

function png(buffer: Buffer, size: ChartSize): Png {
  return { png: buffer, ...size };
}
