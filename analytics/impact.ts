import type { ImpactEstimate, ImpactMetric } from '../models/analytics.js';
import { MIN_DAYS_EACH_SIDE, segmentedRegression, type ItsResult } from './its.js';

const METRIC_UNITS: Record<ImpactMetric, 'points' | 'posts'> = {
  misogynyRate: 'points',
  hateRate: 'points',
  netSentiment: 'points',
  topicShare: 'points',
  posts: 'posts',
};

/** The impact sentence's words, in Spanish and in English (the Belize edition). */
const WORDS = {
  es: {
    metric: {
      misogynyRate: 'la tasa de misoginia',
      hateRate: 'la tasa de discurso de odio',
      netSentiment: 'el sentimiento neto',
      topicShare: 'la proporción del tema',
      posts: 'el volumen diario de publicaciones',
    } satisfies Record<ImpactMetric, string>,
    tooShort: (name: string, before: number, after: number) =>
      `No hay datos suficientes para estimar el efecto sobre ${name}: hacen falta al menos ` +
      `${MIN_DAYS_EACH_SIDE} días con datos antes y después del lanzamiento (hay ${before} antes y ${after} después).`,
    units: { points: 'puntos', posts: 'publicaciones al día' },
    interval: (low: string, high: string) => `(IC 95 %: ${low} a ${high})`,
    verb: (down: boolean) => (down ? 'bajó' : 'subió'),
    unchanged: (name: string, interval: string) =>
      `Tras el lanzamiento, ${name} no cambió ${interval}; no hay evidencia de un efecto.`,
    changed: (name: string, verb: string, size: string, interval: string, sure: boolean) =>
      `Tras el lanzamiento, ${name} ${verb} ${size} ${interval}; ` +
      (sure
        ? 'es poco probable que sea casualidad, aunque otros hechos del mismo momento también pueden explicarlo.'
        : 'no hay evidencia suficiente para atribuirlo a la campaña, el cambio podría ser casualidad.'),
  },
  en: {
    metric: {
      misogynyRate: 'the misogyny rate',
      hateRate: 'the hate speech rate',
      netSentiment: 'net sentiment',
      topicShare: "the topic's share",
      posts: 'daily posts',
    } satisfies Record<ImpactMetric, string>,
    tooShort: (name: string, before: number, after: number) =>
      `Not enough data to estimate the effect on ${name}: it needs at least ` +
      `${MIN_DAYS_EACH_SIDE} days with data before and after the launch (there are ${before} before and ${after} after).`,
    units: { points: 'points', posts: 'posts a day' },
    interval: (low: string, high: string) => `(95 % CI: ${low} to ${high})`,
    verb: (down: boolean) => (down ? 'fell' : 'rose'),
    unchanged: (name: string, interval: string) =>
      `After the launch, ${name} did not change ${interval}; there is no evidence of an effect.`,
    changed: (name: string, verb: string, size: string, interval: string, sure: boolean) =>
      `After the launch, ${name} ${verb} by ${size} ${interval}; ` +
      (sure
        ? 'this is unlikely to be chance, though other events at the same time may also explain it.'
        : 'there is not enough evidence to attribute it to the campaign; the change could be chance.'),
  },
};

/**
 * A number as Central American Spanish writes it (es-419: decimal point, as the dashboard and
 * the brief do) with a true minus sign.
 */
export function formatEs(value: number, digits = 1): string {
  const text = Math.abs(value).toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/**
 * The estimate in one plain sentence (Spanish, or English): direction and size of the change
 * in level, its 95 % interval, and how sure we are (interval excludes 0 → "es poco probable
 * que sea casualidad"; otherwise "no hay evidencia suficiente"). Short series say so.
 */
export function impactSentence(
  metric: ImpactMetric,
  result: Pick<ItsResult, 'levelChange' | 'ci95'> | null,
  n: { before: number; after: number },
  locale: 'es' | 'en' = 'es',
): string {
  const words = WORDS[locale];
  const name = words.metric[metric];
  if (!result) return words.tooShort(name, n.before, n.after);
  const change = result.levelChange;
  const [low, high] = result.ci95;
  const interval = words.interval(formatEs(low), formatEs(high));
  if (Math.abs(change) < 0.05) return words.unchanged(name, interval);
  const size = `${formatEs(Math.abs(change))} ${words.units[METRIC_UNITS[metric]]}`;
  return words.changed(name, words.verb(change < 0), size, interval, low > 0 || high < 0);
}

/** An estimate's sentence in another language (the estimate keeps what the sentence needs). */
export function impactSummary(estimate: ImpactEstimate, locale: 'es' | 'en'): string {
  const result =
    estimate.levelChange === null || estimate.ci95 === null
      ? null
      : { levelChange: estimate.levelChange, ci95: estimate.ci95 };
  return impactSentence(estimate.metric, result, estimate.n, locale);
}

/**
 * Fewest posts a day needs for its rate to count in an impact estimate: with one or two posts a
 * day a rate jumps between 0 and 100 %, and a regression over such days reports large, "sure"
 * changes that are noise (a Belize-only brief read −50 points from ~10 posts a week).
 */
export const MIN_DAILY_RATE_POSTS = 5;

/**
 * The daily value of an impact metric, null where it is undefined (no denominator) or, for a
 * rate, rests on fewer than MIN_DAILY_RATE_POSTS posts.
 */
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
      return day.analysed < MIN_DAILY_RATE_POSTS ? null : (day.misogyny / day.analysed) * 100;
    case 'hateRate':
      return day.analysed < MIN_DAILY_RATE_POSTS ? null : (day.hate / day.analysed) * 100;
    case 'netSentiment': {
      const polar = day.sentiment.P + day.sentiment.N;
      return polar < MIN_DAILY_RATE_POSTS ? null : ((day.sentiment.P - day.sentiment.N) / polar) * 100;
    }
    case 'topicShare':
      return day.posts < MIN_DAILY_RATE_POSTS ? null : (topicPosts / day.posts) * 100;
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
