import type { Alert, AlertRule, AlertScope } from '../models/alert.js';
import { detectSpike, bucketStart } from './spikes.js';
import { alertMessage } from './alert-message.js';

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
    const figures = {
      bucket: new Date(bucketMs).toISOString(),
      severity: verdict.severity,
      observed: verdict.observed,
      expected: verdict.expected,
      score: verdict.score,
      scope: alertScope(rule),
    };
    alerts.push({
      id: `${rule.id}-${bucketMs}`,
      ruleId: rule.id,
      granularity: rule.granularity,
      ...figures,
      message: alertMessage(figures),
      createdAt,
      acknowledgedAt: null,
      delivered: false,
    });
    lastFired = bucketMs;
  }
  return alerts;
}

/** What an alert keeps of its rule to word itself later, as the rule was when it fired. */
export function alertScope(rule: AlertRule): AlertScope {
  const { metric, granularity, country, platform, topic, campaign } = rule;
  return { metric, granularity, country, platform, topic, campaign };
}
