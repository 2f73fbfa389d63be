import type { ImpactEstimate, ImpactMetric } from '../models/analytics.js';
import { MIN_DAYS_EACH_SIDE, segmentedRegression, type ItsResult } from './its.js';

const METRIC_NAMES: Record<ImpactMetric, { name: string; unit: 'points' | 'posts' }> = {
  misogynyRate: { name: 'la tasa de misoginia', unit: 'points' },
  hateRate: { name: 'la tasa de discurso de odio', unit: 'points' },
  netSentiment: { name: 'el sentimiento neto', unit: 'points' },
  topicShare: { name: 'la proporción del tema', unit: 'points' },
  posts: { name: 'el volumen diario de publicaciones', unit: 'posts' },
};

/** "2,1" with a Spanish decimal comma and a true minus sign. */
/**
 * A number as Central American Spanish writes it (es-419: decimal point, as the dashboard and
 * the brief do) with a true minus sign.
 */
export function formatEs(value: number, digits = 1): string {
  const text = Math.abs(value).toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/**
 * The estimate in one plain-Spanish sentence: direction and size of the change in level, its
 * 95 % interval, and how sure we are (interval excludes 0 → "es poco probable que sea
 * casualidad"; otherwise "no hay evidencia suficiente"). Short series say so.
 */
export function impactSentence(
  metric: ImpactMetric,
  result: ItsResult | null,
  n: { before: number; after: number },
): string {
  const { name, unit } = METRIC_NAMES[metric];
  if (!result) {
    return (
      `No hay datos suficientes para estimar el efecto sobre ${name}: hacen falta al menos ` +
      `${MIN_DAYS_EACH_SIDE} días con datos antes y después del lanzamiento (hay ${n.before} antes y ${n.after} después).`
    );
  }
  const change = result.levelChange;
  const units = unit === 'points' ? 'puntos' : 'publicaciones al día';
  const [low, high] = result.ci95;
  const interval = `(IC 95 %: ${formatEs(low)} a ${formatEs(high)})`;
  const verb = change < 0 ? 'bajó' : 'subió';
  const sure = low > 0 || high < 0;
  if (Math.abs(change) < 0.05) {
    return `Tras el lanzamiento, ${name} no cambió ${interval}; no hay evidencia de un efecto.`;
  }
  return sure
    ? `Tras el lanzamiento, ${name} ${verb} ${formatEs(Math.abs(change))} ${units} ${interval}; es poco probable que sea casualidad.`
    : `Tras el lanzamiento, ${name} ${verb} ${formatEs(Math.abs(change))} ${units} ${interval}; no hay evidencia suficiente para atribuirlo a la campaña, el cambio podría ser casualidad.`;
}

/** The daily value of an impact metric, null where it is undefined (no denominator). */
export function impactValue(
  metric: ImpactMetric,
  day: {
    posts: number;
    analysed: number;
    misogyny: number;
    hate: number;
    sentiment: { P: number; N: number };
  },
  topicPosts = 0,
): number | null {
  switch (metric) {
    case 'posts':
      return day.posts;
    case 'misogynyRate':
      return day.analysed === 0 ? null : (day.misogyny / day.analysed) * 100;
    case 'hateRate':
      return day.analysed === 0 ? null : (day.hate / day.analysed) * 100;
    case 'netSentiment': {
      const polar = day.sentiment.P + day.sentiment.N;
      return polar === 0 ? null : ((day.sentiment.P - day.sentiment.N) / polar) * 100;
    }
    case 'topicShare':
      return day.posts === 0 ? null : (topicPosts / day.posts) * 100;
  }
}

const DAY = 86_400_000;
const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The ITS estimate from daily values around a launch. Days after the last day that has any
 * value are dropped (the future, or a feed that stopped), so they don't read as "no change".
 */
export function impactEstimateOf(
  campaignId: string,
  metric: ImpactMetric,
  launchDate: string,
  days: readonly { day: string; value: number | null }[],
): ImpactEstimate {
  let last = days.length - 1;
  while (
    last >= 0 &&
    (days[last]!.value === null || (metric === 'posts' && days[last]!.value === 0))
  )
    last--;
  const used = days.slice(0, last + 1);
  const launch = Date.parse(`${launchDate}T00:00:00Z`);
  const points = used.flatMap((d) =>
    d.value === null
      ? []
      : [{ t: Math.round((Date.parse(`${d.day}T00:00:00Z`) - launch) / DAY), y: d.value }],
  );
  const n = {
    before: points.filter((p) => p.t < 0).length,
    after: points.filter((p) => p.t >= 0).length,
  };
  const result = segmentedRegression(points);
  return {
    campaignId,
    metric,
    launchDate,
    days: used.map((d) => ({ day: d.day, value: d.value === null ? null : round2(d.value) })),
    levelChange: result ? round2(result.levelChange) : null,
    trendChange: result ? round2(result.trendChange) : null,
    ci95: result ? [round2(result.ci95[0]), round2(result.ci95[1])] : null,
    pValue: result ? Math.round(result.pValue * 10_000) / 10_000 : null,
    n,
    summary: impactSentence(metric, result, n),
  };
}
