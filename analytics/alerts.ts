import type { Alert, AlertRule } from '../models/alert.js';
import { detectSpike, bucketStart, type SpikeVerdict } from './spikes.js';
import { formatEs } from './impact.js';
import { countryName } from '../models/countries.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The counts of one series point an alert metric reads (a subset of the port's SeriesPoint). */
export interface AlertPoint {
  bucket: string;
  posts: number;
  misogyny: number;
  hate: number;
  sentiment: { N: number };
  emotions: { fear: number };
}

const METRIC_VALUE: Record<AlertRule['metric'], (p: AlertPoint) => number> = {
  posts: (p) => p.posts,
  misogyny: (p) => p.misogyny,
  hate: (p) => p.hate,
  negative: (p) => p.sentiment.N,
  fear: (p) => p.emotions.fear,
};

const METRIC_LABEL: Record<AlertRule['metric'], string> = {
  posts: 'publicaciones',
  misogyny: 'publicaciones misóginas',
  hate: 'publicaciones con discurso de odio',
  negative: 'publicaciones negativas',
  fear: 'publicaciones que expresan miedo',
};

/** The day range of history a rule needs: 28 days (hourly) or 8 weeks (daily) before now. */
export function historyRange(
  rule: Pick<AlertRule, 'granularity'>,
  now: number,
): { from: string; to: string } {
  const back = rule.granularity === 'hour' ? 29 * DAY : 57 * DAY;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(now - back), to: day(now) };
}

/**
 * The buckets a run evaluates: the last complete one and the current one (a partial bucket can
 * only grow, so if it already spikes the spike is real — early warning).
 */
export function candidateBuckets(rule: Pick<AlertRule, 'granularity'>, now: number): number[] {
  const current = bucketStart(now, rule.granularity);
  return [current - (rule.granularity === 'hour' ? HOUR : DAY), current];
}

/**
 * New alerts of one rule at `now`: a spike in a candidate bucket, not within the rule's
 * cool-down after its previous alert (so a lasting spike alerts once).
 */
export function evaluateRule(
  rule: AlertRule,
  series: readonly AlertPoint[],
  now: number,
  previous: readonly Pick<Alert, 'ruleId' | 'bucket'>[],
): Alert[] {
  const values = series.map((p) => ({
    bucketMs: Date.parse(p.bucket),
    value: METRIC_VALUE[rule.metric](p),
  }));
  let lastFired = Math.max(
    -Infinity,
    ...previous.filter((a) => a.ruleId === rule.id).map((a) => Date.parse(a.bucket)),
  );
  const alerts: Alert[] = [];
  for (const bucketMs of candidateBuckets(rule, now)) {
    if (bucketMs === lastFired) continue;
    if (bucketMs < lastFired + rule.cooldownHours * HOUR) continue;
    const verdict = detectSpike(values, bucketMs, rule);
    if (!verdict.fired) continue;
    const createdAt = new Date(now).toISOString();
    alerts.push({
      id: `${rule.id}-${bucketMs}`,
      ruleId: rule.id,
      bucket: new Date(bucketMs).toISOString(),
      granularity: rule.granularity,
      severity: verdict.severity,
      observed: verdict.observed,
      expected: verdict.expected,
      score: verdict.score,
      message: alertMessage(rule, verdict),
      createdAt,
      acknowledgedAt: null,
      delivered: false,
    });
    lastFired = bucketMs;
  }
  return alerts;
}

const SEVERITY = { low: 'Aviso', medium: 'Alerta', high: 'Alerta grave' } as const;

/** "Alerta grave: pico de publicaciones misóginas en Honduras, tema desapariciones: 48 en la hora del 28/11 a las 14:00 UTC, cuando lo habitual es 12 (8,0 veces la variación normal)." */
export function alertMessage(
  rule: Pick<AlertRule, 'metric' | 'granularity' | 'country' | 'platform' | 'topic' | 'campaign'>,
  verdict: SpikeVerdict,
): string {
  const scope = [
    rule.country ? `en ${countryName(rule.country)}` : null,
    rule.platform ? `en ${rule.platform}` : null,
    rule.topic ? `tema ${rule.topic.replaceAll('_', ' ')}` : null,
    rule.campaign ? `campaña ${rule.campaign}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const d = new Date(verdict.bucketMs);
  const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  const when =
    rule.granularity === 'hour'
      ? `en la hora del ${date} a las ${String(d.getUTCHours()).padStart(2, '0')}:00 UTC`
      : `el día ${date}`;
  return (
    `${SEVERITY[verdict.severity]}: pico de ${METRIC_LABEL[rule.metric]}${scope ? ` ${scope}` : ''}: ` +
    `${verdict.observed} ${when}, cuando lo habitual es ${formatEs(verdict.expected, 0)} ` +
    `(${formatEs(verdict.score)} veces la variación normal).`
  );
}
