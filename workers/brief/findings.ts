import { SMALL_SAMPLE } from '../../models/metrics.js';
import { formatCount, formatDay, formatNumber, formatPercent, percentChange, type BriefLocale } from './format.js';
import { countryName, topicPhrase } from './labels.js';
import type { BriefData, Finding, GroupChange } from './types.js';

/** Findings printed at most, strongest first. */
export const MAX_FINDINGS = 5;
/**
 * A count (the week's posts, a topic in a country) is said to have changed only when the larger
 * of the two weeks has at least this many posts: below it a swing of 8 against 23 is a handful of
 * posts, and a percentage of it reads as a trend it is not.
 */
export const MIN_VOLUME_POSTS = 30;
/** …and a topic × country change must also move at least this much (%), on top of being significant. */
export const MIN_GROUP_CHANGE = 20;
/**
 * Rates are compared only with this many analysed posts in each week (for net sentiment, polar
 * posts): the dashboard's small-sample bound, shared through models/metrics.ts.
 */
const MIN_ANALYSED = SMALL_SAMPLE;
const MIN_RATE_CHANGE_POINTS = 0.5;
/**
 * Every change is said only when it is unlikely to be noise: a z statistic of at least this
 * (one-sided 95 %, as each sentence says which way it went). Rates use the two-proportion test
 * (`proportionZ`): 2 of 37 posts against 0 of 40 is 5.4 % against 0 %, but z ≈ 1.5. Counts use
 * the Poisson test conditional on their sum (`countZ`): 60 posts against 58 is "3 % more", z ≈ 0.2.
 */
export const MIN_CHANGE_Z = 1.645;
const MIN_SENTIMENT_CHANGE_POINTS = 10;
/**
 * A narrative is a cluster of the week's sample: one with a handful of posts often groups
 * unrelated ones under a label of common words ("1 → 6 posts, +500 %"). It is a finding only with
 * this many posts this week…
 */
export const MIN_NARRATIVE_POSTS = 20;
/** …and, when it existed the week before, growth of at least this much (%) that passes the count test. */
export const MIN_NARRATIVE_GROWTH = 25;
/** A campaign's week is worth a sentence only with this many posts of its own (else it is in the table). */
export const MIN_CAMPAIGN_POSTS = MIN_VOLUME_POSTS;

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
  /** Strength, comparable across kinds: the change's z statistic (alerts: their severity). */
  score: number;
  finding: Finding;
}

/**
 * Up to MAX_FINDINGS plain-language sentences about the week, strongest first, each built from
 * numbers printed elsewhere in the brief (`figureRef` names where): the volume, the largest topic
 * changes by country, the misogyny rate and the country where it is significantly highest, a new
 * or growing narrative, alerts, net sentiment and a busy campaign. Each kind has a floor of size
 * and of significance (the constants above); a week where nothing passes gets one sentence saying
 * so, not padding. Pure: the same data gives the same sentences.
 */
export function findings(data: BriefData, locale: BriefLocale = 'es'): Finding[] {
  const t = SENTENCES[locale];
  const candidates: Candidate[] = [
    ...volume(data, locale),
    ...largestChanges(data, 2).map((row) => ({ score: Math.abs(countZ(row.current, row.previous)), finding: { text: t.groupChange(row), figureRef: 'tab1' as const } })),
    ...misogyny(data, locale),
    ...narrative(data, locale),
    ...alerts(data, locale),
    ...sentiment(data, locale),
    ...campaigns(data, locale),
  ];
  const ranked = candidates.sort((a, b) => b.score - a.score).map((c) => c.finding);
  if (ranked.length > 0) return ranked.slice(0, MAX_FINDINGS);
  const { posts: current } = data.kpis.current;
  const { posts: previous } = data.kpis.previous;
  return [{ text: current === 0 || previous === 0 ? t.volume(current, previous) : t.nothing(current, previous), figureRef: 'kpi' }];
}

/** The week's posts against the week before, when the change is large enough and unlikely to be noise. */
function volume(data: BriefData, locale: BriefLocale): Candidate[] {
  const { posts: current } = data.kpis.current;
  const { posts: previous } = data.kpis.previous;
  if (current === 0 || previous === 0 || Math.max(current, previous) < MIN_VOLUME_POSTS) return [];
  const z = countZ(current, previous);
  if (Math.abs(z) < MIN_CHANGE_Z) return [];
  return [{ score: Math.abs(z), finding: { text: SENTENCES[locale].volume(current, previous), figureRef: 'kpi' } }];
}

/**
 * z statistic of a count x₁ against x₀ (two Poisson counts over equal periods): conditional on
 * their sum, x₁ is binomial with p = ½ when the rate did not change, so z = (x₁ − x₀)/√(x₁ + x₀).
 */
export function countZ(x1: number, x0: number): number {
  return x1 + x0 === 0 ? 0 : (x1 - x0) / Math.sqrt(x1 + x0);
}

/**
 * Topics whose volume changed most against the week before, by country when the data has
 * countries (else overall): at least MIN_VOLUME_POSTS posts in the larger week, MIN_GROUP_CHANGE %
 * of change and a significant count test, ranked by |Δ| / √(n₁ + n₀), one row per topic.
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
    .filter(
      (row) =>
        Math.max(row.current, row.previous) >= MIN_VOLUME_POSTS &&
        (row.change === null || Math.abs(row.change) >= MIN_GROUP_CHANGE) &&
        Math.abs(countZ(row.current, row.previous)) >= MIN_CHANGE_Z,
    )
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
  return Math.abs(countZ(row.current, row.previous));
}

function misogyny(data: BriefData, locale: BriefLocale): Candidate[] {
  const t = SENTENCES[locale];
  const { current, previous } = data.kpis;
  const out: Candidate[] = [];
  if (current.analysed >= MIN_ANALYSED && previous.analysed >= MIN_ANALYSED) {
    const delta = current.misogynyRate - previous.misogynyRate;
    const z = proportionZ(current.misogyny, current.analysed, previous.misogyny, previous.analysed);
    // A stable rate, or a move that may well be noise, is not a finding.
    if (Math.abs(delta) >= MIN_RATE_CHANGE_POINTS && Math.abs(z) >= MIN_CHANGE_Z) {
      out.push({ score: Math.abs(z), finding: { text: t.misogynyRate(current.misogynyRate, previous.misogynyRate, Math.sign(delta)), figureRef: 'kpi' } });
    }
  }
  // The country with the highest rate, when it is significantly above the rest of the scope
  // (5 of 65 posts, 7.7 %, against 4 % elsewhere is not).
  const countries = data.countries.filter((c) => c.value !== '' && c.current.analysed >= MIN_ANALYSED);
  if (countries.length >= 2) {
    const top = [...countries].sort((a, b) => b.current.misogynyRate - a.current.misogynyRate || a.value.localeCompare(b.value))[0]!;
    const rest = countries.filter((c) => c !== top);
    const restFlagged = rest.reduce((sum, c) => sum + c.current.misogyny, 0);
    const restAnalysed = rest.reduce((sum, c) => sum + c.current.analysed, 0);
    const z = proportionZ(top.current.misogyny, top.current.analysed, restFlagged, restAnalysed);
    if (top.current.misogyny > 0 && z >= MIN_CHANGE_Z) {
      out.push({ score: z, finding: { text: t.misogynyCountry(countryName(top.value, locale), top.current.misogynyRate, top.current.misogyny, top.current.analysed), figureRef: 'fig4' } });
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

/** The strongest new or growing narrative with enough posts (new ones: z of their size against 0). */
function narrative(data: BriefData, locale: BriefLocale): Candidate[] {
  const passing = data.narratives
    .filter((n) => n.size >= MIN_NARRATIVE_POSTS)
    .filter((n) => n.trend === null || n.previous === 0 || (n.trend >= MIN_NARRATIVE_GROWTH && countZ(n.size, n.previous) >= MIN_CHANGE_Z))
    .map((n) => ({ n, z: countZ(n.size, n.previous) }))
    .sort((a, b) => b.z - a.z);
  const top = passing[0];
  if (!top) return [];
  const trend = top.n.previous === 0 ? null : top.n.trend;
  return [{ score: top.z, finding: { text: SENTENCES[locale].narrative(top.n.label, top.n.size, top.n.previous, trend), figureRef: 'narratives' } }];
}

function alerts(data: BriefData, locale: BriefLocale): Candidate[] {
  if (data.alerts.length === 0) return [];
  const high = data.alerts.filter((a) => a.severity === 'high').length;
  const first = data.alerts[0]!;
  // An alert is already a significant deviation (the alert engine's test); a severe one leads.
  return [{ score: high > 0 ? 100 : MIN_CHANGE_Z + 0.5, finding: { text: SENTENCES[locale].alerts(data.alerts.length, high, first.rule, formatDay(first.bucket, locale)), figureRef: 'alerts' } }];
}

/**
 * Net sentiment, when it moved MIN_SENTIMENT_CHANGE_POINTS or more on enough polar posts and the
 * move passes the proportion test on the positive share of polar posts (net = 2p − 1, × 100).
 */
function sentiment(data: BriefData, locale: BriefLocale): Candidate[] {
  const { current, previous } = data.kpis;
  const polar = (k: typeof current) => k.sentiment.P + k.sentiment.N;
  if (polar(current) < MIN_ANALYSED || polar(previous) < MIN_ANALYSED) return [];
  const delta = current.netSentiment - previous.netSentiment;
  if (Math.abs(delta) < MIN_SENTIMENT_CHANGE_POINTS) return [];
  const z = proportionZ(current.sentiment.P, polar(current), previous.sentiment.P, polar(previous));
  if (Math.abs(z) < MIN_CHANGE_Z) return [];
  return [{ score: Math.abs(z), finding: { text: SENTENCES[locale].sentiment(current.netSentiment, previous.netSentiment), figureRef: 'kpi' } }];
}

/** The busiest campaign, with enough posts of its own; its week is context, so it ranks last. */
function campaigns(data: BriefData, locale: BriefLocale): Candidate[] {
  const top = [...data.campaigns].sort((a, b) => b.week.posts - a.week.posts)[0];
  if (!top || top.week.posts < MIN_CAMPAIGN_POSTS) return [];
  return [{ score: 0, finding: { text: SENTENCES[locale].campaign(top.name, top.week.posts, top.week.potentialReach, top.week.interactions), figureRef: 'campaigns' } }];
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
    nothing: (current: number, previous: number) =>
      `Ningún cambio de la semana es lo bastante grande y claro para destacarlo (${n(current, 'es')} publicaciones, ${n(previous, 'es')} la semana anterior).`,
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
    nothing: (current: number, previous: number) =>
      `No change this week is large and clear enough to highlight (${n(current, 'en')} posts, ${n(previous, 'en')} the previous week).`,
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
