import { SMALL_SAMPLE } from '../../models/metrics.js';
import { formatCount, formatDay, formatNumber, formatPercent, percentChange, type BriefLocale } from './format.js';
import { countryName, topicPhrase } from './labels.js';
import type { BriefData, Finding, GroupChange } from './types.js';

/** Findings printed at most; the volume sentence always comes first. */
const MAX_FINDINGS = 5;
/** A group's change is worth a sentence only above this many posts in one of the two weeks… */
const MIN_GROUP_POSTS = 20;
/** …and when it moved at least this much (%). */
const MIN_GROUP_CHANGE = 20;
/**
 * Rates are compared only with this many analysed posts in each week (for net sentiment, polar
 * posts): the dashboard's small-sample bound, shared through models/metrics.ts.
 */
const MIN_ANALYSED = SMALL_SAMPLE;
const MIN_RATE_CHANGE_POINTS = 0.5;
/**
 * A rate is said to have risen or fallen only when the change is unlikely to be noise: a
 * two-proportion z statistic of at least this (one-sided 95 %, for a sentence that says which
 * way it went). 2 of 37 posts against 0 of 40 is 5.4 % against 0 %, but z ≈ 1.5: one or two
 * posts, not a trend.
 */
const MIN_RATE_CHANGE_Z = 1.645;
const MIN_SENTIMENT_CHANGE_POINTS = 10;

/** One row of the "largest changes" table: a topic, in a country or overall. */
export interface GroupChangeRow {
  topic: string;
  country: string | null;
  current: number;
  previous: number;
  /** % change; null when the topic was absent the week before. */
  change: number | null;
}

interface Candidate {
  score: number;
  finding: Finding;
}

/**
 * Three to five plain-language sentences about the week, each built from numbers printed
 * elsewhere in the brief (`figureRef` names where): the volume, the largest topic changes by
 * country, the misogyny rate and the country where it is highest, a rising narrative, alerts,
 * net sentiment and campaigns. Pure: the same data gives the same sentences.
 */
export function findings(data: BriefData, locale: BriefLocale = 'es'): Finding[] {
  const t = SENTENCES[locale];
  const candidates: Candidate[] = [
    ...largestChanges(data, 2).map((row) => ({ score: 2 + Math.abs(row.current - row.previous) / Math.sqrt(row.current + row.previous), finding: { text: t.groupChange(row), figureRef: 'tab1' as const } })),
    ...misogyny(data, locale),
    ...narrative(data, locale),
    ...alerts(data, locale),
    ...sentiment(data, locale),
    ...campaigns(data, locale),
  ];
  const ranked = candidates.sort((a, b) => b.score - a.score).map((c) => c.finding);
  const volume: Finding = { text: t.volume(data.kpis.current.posts, data.kpis.previous.posts), figureRef: 'kpi' };
  return [volume, ...ranked].slice(0, MAX_FINDINGS);
}

/**
 * Topics whose volume changed most against the week before, by country when the data has
 * countries (else overall): at least MIN_GROUP_POSTS posts in one week and MIN_GROUP_CHANGE %
 * of change, ranked by |Δ| / √(n₁ + n₀) (large and unlikely to be noise first), one row per topic.
 */
export function largestChanges(data: BriefData, limit: number): GroupChangeRow[] {
  const rows: GroupChangeRow[] = (data.countryTopics.length > 0 ? data.countryTopics : data.topics).map((group) => ({
    topic: group.value,
    country: 'country' in group ? (group as GroupChange & { country: string }).country : null,
    current: group.current.posts,
    previous: group.previous.posts,
    change: percentChange(group.current.posts, group.previous.posts),
  }));
  const ranked = rows
    .filter((row) => Math.max(row.current, row.previous) >= MIN_GROUP_POSTS && (row.change === null || Math.abs(row.change) >= MIN_GROUP_CHANGE))
    .sort((a, b) => strength(b) - strength(a) || a.topic.localeCompare(b.topic));
  const topics = new Set<string>();
  const chosen: GroupChangeRow[] = [];
  for (const row of ranked) {
    if (topics.has(row.topic)) continue;
    topics.add(row.topic);
    chosen.push(row);
    if (chosen.length === limit) break;
  }
  return chosen;
}

function strength(row: GroupChangeRow): number {
  return Math.abs(row.current - row.previous) / Math.sqrt(row.current + row.previous);
}

function misogyny(data: BriefData, locale: BriefLocale): Candidate[] {
  const t = SENTENCES[locale];
  const { current, previous } = data.kpis;
  const out: Candidate[] = [];
  if (current.analysed >= MIN_ANALYSED && previous.analysed >= MIN_ANALYSED) {
    const delta = current.misogynyRate - previous.misogynyRate;
    const moved = Math.abs(delta) >= MIN_RATE_CHANGE_POINTS;
    const significant = Math.abs(proportionZ(current.misogyny, current.analysed, previous.misogyny, previous.analysed)) >= MIN_RATE_CHANGE_Z;
    // A change of half a point or more that may well be noise is neither a rise nor "stable": no sentence.
    if (!moved || significant) {
      out.push({ score: moved ? 1.5 + Math.abs(delta) : 0.5, finding: { text: t.misogynyRate(current.misogynyRate, previous.misogynyRate, moved ? Math.sign(delta) : 0), figureRef: 'kpi' } });
    }
  }
  const countries = data.countries.filter((c) => c.value !== '' && c.current.analysed >= MIN_ANALYSED);
  if (countries.length >= 2) {
    const top = [...countries].sort((a, b) => b.current.misogynyRate - a.current.misogynyRate || a.value.localeCompare(b.value))[0]!;
    if (top.current.misogyny > 0) {
      out.push({ score: 1.4, finding: { text: t.misogynyCountry(countryName(top.value, locale), top.current.misogynyRate, top.current.misogyny, top.current.analysed), figureRef: 'fig4' } });
    }
  }
  return out;
}

/** Two-proportion z statistic of x₁/n₁ against x₀/n₀ (pooled); 0 when both are 0 % or 100 %. */
export function proportionZ(x1: number, n1: number, x0: number, n0: number): number {
  if (n1 === 0 || n0 === 0) return 0;
  const pooled = (x1 + x0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  return se === 0 ? 0 : (x1 / n1 - x0 / n0) / se;
}

function narrative(data: BriefData, locale: BriefLocale): Candidate[] {
  const top = data.narratives[0];
  if (!top) return [];
  return [{ score: 1.3 + (top.trend === null ? 0.5 : Math.min(1, top.trend / 200)), finding: { text: SENTENCES[locale].narrative(top.label, top.size, top.previous, top.trend), figureRef: 'narratives' } }];
}

function alerts(data: BriefData, locale: BriefLocale): Candidate[] {
  if (data.alerts.length === 0) return [];
  const high = data.alerts.filter((a) => a.severity === 'high').length;
  const first = data.alerts[0]!;
  return [{ score: high > 0 ? 5 : 1.6, finding: { text: SENTENCES[locale].alerts(data.alerts.length, high, first.rule, formatDay(first.bucket, locale)), figureRef: 'alerts' } }];
}

function sentiment(data: BriefData, locale: BriefLocale): Candidate[] {
  const { current, previous } = data.kpis;
  const polar = (k: typeof current) => k.sentiment.P + k.sentiment.N;
  if (polar(current) < MIN_ANALYSED || polar(previous) < MIN_ANALYSED) return [];
  const delta = current.netSentiment - previous.netSentiment;
  if (Math.abs(delta) < MIN_SENTIMENT_CHANGE_POINTS) return [];
  return [{ score: 1 + Math.abs(delta) / 20, finding: { text: SENTENCES[locale].sentiment(current.netSentiment, previous.netSentiment), figureRef: 'kpi' } }];
}

function campaigns(data: BriefData, locale: BriefLocale): Candidate[] {
  const top = [...data.campaigns].sort((a, b) => b.week.posts - a.week.posts)[0];
  if (!top || top.week.posts === 0) return [];
  return [{ score: 1.2, finding: { text: SENTENCES[locale].campaign(top.name, top.week.posts, top.week.potentialReach, top.week.interactions), figureRef: 'campaigns' } }];
}

const n = (value: number, locale: BriefLocale) => formatCount(value, locale);
const pct = (value: number, locale: BriefLocale) => formatPercent(value, locale);
const signed = (value: number, locale: BriefLocale) => (value < 0 ? `−${formatNumber(-value, locale, 0)}` : formatNumber(value, locale, 0));

const SENTENCES = {
  es: {
    volume: (current: number, previous: number) =>
      current === 0
        ? 'No se registraron publicaciones en el periodo: revise la cobertura de las fuentes.'
        : previous === 0
          ? `Se registraron ${n(current, 'es')} publicaciones; la semana anterior no hubo datos para comparar.`
          : current === previous
            ? `Se registraron ${n(current, 'es')} publicaciones, la misma cifra que la semana anterior.`
            : `Se registraron ${n(current, 'es')} publicaciones, ${pct(Math.abs(Math.round(percentChange(current, previous)!)), 'es')} ${current > previous ? 'más' : 'menos'} que la semana anterior (${n(previous, 'es')}).`,
    groupChange: (row: GroupChangeRow) => {
      const where = row.country === null ? '' : ` en ${countryName(row.country, 'es')}`;
      if (row.change === null) return `Aparecieron ${n(row.current, 'es')} publicaciones sobre ${topicPhrase(row.topic, 'es')}${where}, frente a ninguna la semana anterior.`;
      const verb = row.current > row.previous ? 'subieron' : 'bajaron';
      return `Las publicaciones sobre ${topicPhrase(row.topic, 'es')}${where} ${verb} ${pct(Math.abs(Math.round(row.change)), 'es')} respecto de la semana anterior (${n(row.current, 'es')} frente a ${n(row.previous, 'es')}).`;
    },
    misogynyRate: (current: number, previous: number, direction: number) =>
      direction === 0
        ? `La tasa de misoginia se mantuvo estable: ${pct(current, 'es')} de las publicaciones analizadas (${pct(previous, 'es')} la semana anterior).`
        : `La tasa de misoginia ${direction > 0 ? 'subió' : 'bajó'} a ${pct(current, 'es')} de las publicaciones analizadas, desde ${pct(previous, 'es')} la semana anterior.`,
    misogynyCountry: (country: string, rate: number, flagged: number, analysed: number) =>
      `${country} tuvo la tasa de misoginia más alta: ${pct(rate, 'es')} (${n(flagged, 'es')} de ${n(analysed, 'es')} publicaciones analizadas).`,
    narrative: (label: string, size: number, previous: number, trend: number | null) =>
      trend === null
        ? `Surge una narrativa nueva, «${label}», con ${n(size, 'es')} publicaciones en la muestra de la semana.`
        : `Crece la narrativa «${label}»: ${n(size, 'es')} publicaciones, ${pct(Math.round(trend), 'es')} más que la semana anterior (${n(previous, 'es')}).`,
    alerts: (count: number, high: number, rule: string, day: string) =>
      `Se ${count === 1 ? 'activó 1 alerta' : `activaron ${n(count, 'es')} alertas`}${high > 0 ? ` (${high} de severidad alta)` : ''}; la más grave: «${rule}», el ${day}.`,
    sentiment: (current: number, previous: number) =>
      `El sentimiento neto ${current < previous ? 'empeoró' : 'mejoró'} de ${signed(previous, 'es')} a ${signed(current, 'es')} puntos.`,
    campaign: (name: string, posts: number, reach: number, interactions: number) =>
      `La campaña «${name}» sumó ${n(posts, 'es')} publicaciones, con un alcance potencial de ${n(reach, 'es')} cuentas y ${n(interactions, 'es')} interacciones.`,
  },
  en: {
    volume: (current: number, previous: number) =>
      current === 0
        ? 'No posts were recorded in the period: check the coverage of the sources.'
        : previous === 0
          ? `${n(current, 'en')} posts were recorded; there is no data for the previous week to compare with.`
          : current === previous
            ? `${n(current, 'en')} posts were recorded, the same as the previous week.`
            : `${n(current, 'en')} posts were recorded, ${pct(Math.abs(Math.round(percentChange(current, previous)!)), 'en')} ${current > previous ? 'more' : 'fewer'} than the previous week (${n(previous, 'en')}).`,
    groupChange: (row: GroupChangeRow) => {
      const where = row.country === null ? '' : ` in ${countryName(row.country, 'en')}`;
      if (row.change === null) return `${n(row.current, 'en')} posts about ${topicPhrase(row.topic, 'en')}${where} appeared, against none the previous week.`;
      const verb = row.current > row.previous ? 'rose' : 'fell';
      return `Posts about ${topicPhrase(row.topic, 'en')}${where} ${verb} ${pct(Math.abs(Math.round(row.change)), 'en')} on the previous week (${n(row.current, 'en')} against ${n(row.previous, 'en')}).`;
    },
    misogynyRate: (current: number, previous: number, direction: number) =>
      direction === 0
        ? `The misogyny rate held steady at ${pct(current, 'en')} of analysed posts (${pct(previous, 'en')} the previous week).`
        : `The misogyny rate ${direction > 0 ? 'rose' : 'fell'} to ${pct(current, 'en')} of analysed posts, from ${pct(previous, 'en')} the previous week.`,
    misogynyCountry: (country: string, rate: number, flagged: number, analysed: number) =>
      `${country} had the highest misogyny rate: ${pct(rate, 'en')} (${n(flagged, 'en')} of ${n(analysed, 'en')} analysed posts).`,
    narrative: (label: string, size: number, previous: number, trend: number | null) =>
      trend === null
        ? `A new narrative emerged, “${label}”, with ${n(size, 'en')} posts in the week's sample.`
        : `The narrative “${label}” is growing: ${n(size, 'en')} posts, ${pct(Math.round(trend), 'en')} more than the previous week (${n(previous, 'en')}).`,
    alerts: (count: number, high: number, rule: string, day: string) =>
      `${count === 1 ? '1 alert' : `${n(count, 'en')} alerts`} fired${high > 0 ? ` (${high} high severity)` : ''}; the most severe: “${rule}”, on ${day}.`,
    sentiment: (current: number, previous: number) =>
      `Net sentiment ${current < previous ? 'worsened' : 'improved'} from ${signed(previous, 'en')} to ${signed(current, 'en')} points.`,
    campaign: (name: string, posts: number, reach: number, interactions: number) =>
      `The “${name}” campaign gathered ${n(posts, 'en')} posts, with a potential reach of ${n(reach, 'en')} accounts and ${n(interactions, 'en')} interactions.`,
  },
} satisfies Record<BriefLocale, Record<string, (...args: never[]) => string>>;
