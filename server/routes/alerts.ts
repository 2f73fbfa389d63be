import { z } from 'zod';
import { Alert, AlertRule, AlertRuleInput } from '../../models/alert.js';
import type { RouteDeps } from '../deps.js';
import { alertText } from '../../analytics/alert-message.js';
import { valueLabel } from '../csv-values.js';
import { ResourceConflictError, ResourceNotFoundError } from '../errors.js';
import { defineRoute, NO_CONTENT, type Route } from '../registry.js';
import { checkOutboundUrl, IdParam, SlugParam } from './schemas.js';

/**
 * Webhooks only over http(s) (no file:, data: or other schemes for the alert processor to
 * fetch) and, unless the deployment allows internal receivers, only to public addresses.
 */
function webhookCheck(allowPrivate: boolean) {
  return (rule: { webhookUrl?: string | null }, ctx: z.RefinementCtx) => {
    if (rule.webhookUrl && !/^https?:\/\//i.test(rule.webhookUrl)) {
      ctx.addIssue({
        code: 'custom',
        message: 'webhookUrl must be an http(s) URL',
        path: ['webhookUrl'],
        input: rule.webhookUrl,
      });
      return;
    }
    checkOutboundUrl(rule.webhookUrl, 'webhookUrl', ['webhookUrl'], allowPrivate, ctx);
  };
}

const RULE = { es: 'la regla de alerta', en: 'alert rule' };
/** Alerts are looked up among the newest this many (the store lists, it does not get by id). */
const ALERT_WINDOW = 5_000;

/** Alerts (everyone signed in reads them; analysts acknowledge) and alert rules (analysts). */
export function alertRoutes({ store, config }: RouteDeps): Route[] {
  const check = webhookCheck(config.allowPrivateWebhooks);
  const NewRule = AlertRuleInput.superRefine(check);
  const RuleEdit = AlertRuleInput.omit({ id: true }).superRefine(check);
  async function loadRule(id: string): Promise<AlertRule> {
    const rule = (await store.alerts.listRules()).find((r) => r.id === id);
    if (!rule) throw new ResourceNotFoundError(RULE, id);
    return rule;
  }
  const tag = 'alerts';
  return [
    defineRoute({
      tag,
      access: 'viewer',
      method: 'get',
      path: '/alerts',
      summary: 'Alerts, newest first',
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: z.array(Alert),
      handler: ({ query }) => store.alerts.list(query.limit),
      table: (rows, { locale }) => ({
        name: 'alertas',
        columns: [
          'id',
          'ruleId',
          'bucket',
          'severity',
          'observed',
          'expected',
          'score',
          'message',
          'acknowledgedAt',
        ],
        rows: rows.map((a) => [
          a.id,
          a.ruleId,
          a.bucket,
          valueLabel('severity', a.severity, locale),
          a.observed,
          a.expected,
          a.score,
          alertText(a, locale),
          a.acknowledgedAt,
        ]),
      }),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'post',
      path: '/alerts/:id/acknowledge',
      summary: 'Acknowledge an alert',
      params: IdParam,
      response: Alert,
      async handler({ params }) {
        const alert = (await store.alerts.list(ALERT_WINDOW)).find((a) => a.id === params.id);
        if (!alert) throw new ResourceNotFoundError({ es: 'la alerta', en: 'alert' }, params.id);
        const acknowledged = {
          ...alert,
          acknowledgedAt: alert.acknowledgedAt ?? new Date().toISOString(),
        };
        await store.alerts.update(acknowledged);
        return acknowledged;
      },
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'get',
      path: '/alert-rules',
      summary: 'List alert rules',
      response: z.array(AlertRule),
      handler: () => store.alerts.listRules(),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'get',
      path: '/alert-rules/:id',
      summary: 'One alert rule',
      params: SlugParam,
      response: AlertRule,
      handler: ({ params }) => loadRule(params.id),
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'post',
      path: '/alert-rules',
      status: 201,
      summary: 'Create an alert rule',
      body: NewRule,
      response: AlertRule,
      async handler({ body }) {
        if ((await store.alerts.listRules()).some((r) => r.id === body.id)) {
          throw new ResourceConflictError({
            es: `Ya existe la regla "${body.id}".`,
            en: `Rule "${body.id}" already exists.`,
          });
        }
        const now = new Date().toISOString();
        const rule = { ...body, createdAt: now, updatedAt: now };
        await store.alerts.saveRule(rule);
        return rule;
      },
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'put',
      path: '/alert-rules/:id',
      summary: 'Replace an alert rule',
      params: SlugParam,
      body: RuleEdit,
      response: AlertRule,
      async handler({ params, body }) {
        const existing = await loadRule(params.id);
        const rule = {
          ...body,
          id: existing.id,
          createdAt: existing.createdAt,
          updatedAt: new Date().toISOString(),
        };
        await store.alerts.saveRule(rule);
        return rule;
      },
    }),
    defineRoute({
      tag,
      access: 'analyst',
      method: 'delete',
      path: '/alert-rules/:id',
      summary: 'Delete an alert rule',
      params: SlugParam,
      async handler({ params }) {
        if (!(await store.alerts.deleteRule(params.id)))
          throw new ResourceNotFoundError(RULE, params.id);
        return NO_CONTENT;
      },
    }),
  ];
}
