import { evaluateRule, historyRange } from '../../analytics/alerts.js';
import { BlockedAddressError, postJson } from '../../app/outbound.js';
import type { Alert, AlertRule } from '../../models/alert.js';
import { PostFilter } from '../../models/filter.js';
import type { Processor } from '../jobs.js';

const WEBHOOK_TIMEOUT_MS = 5_000;
/** Alerts read back to apply cool-downs and retry webhook deliveries. */
const RECENT_ALERTS = 1_000;

/**
 * Evaluates every enabled alert rule on the fresh rollups (queued by `aggregate`): a spike of
 * the rule's series against its seasonal baseline (analytics/spikes.ts) is stored once per
 * rule and bucket (the store de-duplicates), respecting the rule's cool-down, then POSTed to
 * the rule's webhook if it has one. Undelivered alerts are retried on the next run.
 */
export const alert: Processor<'alert'> = async (_data, { store, logger, config }) => {
  // Off unless the deployment says its receivers are internal (ESCUCHA_ALLOW_PRIVATE_WEBHOOKS).
  const allowPrivate = config?.allowPrivateWebhooks === true;
  const rules = (await store.alerts.listRules()).filter((rule) => rule.enabled);
  if (rules.length === 0) return { status: 'skipped', detail: { reason: 'no enabled rules' } };
  const now = Date.now();
  const recent = await store.alerts.list(RECENT_ALERTS);
  let fired = 0;
  for (const rule of rules) {
    const filter = PostFilter.parse({
      ...historyRange(rule, now),
      country: rule.country ?? [],
      platform: rule.platform ?? [],
      topic: rule.topic ?? [],
      campaign: rule.campaign ?? [],
    });
    const series = await store.analytics.series(filter, rule.granularity);
    for (const candidate of evaluateRule(rule, series, now, recent)) {
      if (!(await store.alerts.insert(candidate))) continue;
      fired++;
      recent.unshift(candidate);
      logger.info(
        { rule: rule.id, bucket: candidate.bucket, score: candidate.score },
        'alert fired',
      );
    }
  }
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  let delivered = 0;
  for (const item of recent) {
    const rule = byId.get(item.ruleId);
    if (item.delivered || !rule?.webhookUrl) continue;
    if (await deliver(item, rule, allowPrivate, logger)) {
      await store.alerts.update({ ...item, delivered: true });
      delivered++;
    }
  }
  return { status: 'success', detail: { rules: rules.length, fired, delivered } };
};

/**
 * POSTs an alert as JSON to the rule's webhook; false (logged) on failure or timeout. Redirects
 * are not followed, and unless `allowPrivate` the webhook's host must resolve only to public
 * addresses (checked on the connection, so a rule saved before the API checked, or a name whose
 * DNS now points inside the network, cannot reach internal services).
 */
async function deliver(
  item: Alert,
  rule: AlertRule,
  allowPrivate: boolean,
  logger: { warn: (obj: object, msg: string) => void },
): Promise<boolean> {
  try {
    const status = await postJson(
      rule.webhookUrl!,
      { alert: item, rule: { id: rule.id, name: rule.name } },
      { timeoutMs: WEBHOOK_TIMEOUT_MS, allowPrivate },
    );
    if (status >= 200 && status < 300) return true;
    logger.warn({ rule: rule.id, status }, 'alert webhook refused');
  } catch (error) {
    if (error instanceof BlockedAddressError) {
      logger.warn(
        { rule: rule.id, host: error.host, address: error.address, target: error.target },
        'alert webhook blocked: it points to a non-public address (ESCUCHA_ALLOW_PRIVATE_WEBHOOKS=true allows internal receivers)',
      );
    } else {
      logger.warn({ rule: rule.id, err: error }, 'alert webhook failed');
    }
  }
  return false;
}
