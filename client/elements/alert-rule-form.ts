import { platformName } from '../../models/platform-names.js';
import { html } from 'lit';
import { Checker, type FieldErrors } from '../forms.js';
import { countryName, i18n, topicName } from '../i18n/index.js';
import { api, type AlertRule, type AlertRuleInput, type Campaign } from '../queries.js';
import { COUNTRIES, PLATFORMS, TOPICS } from '../state/filter.js';
import { RecordDialog, type Choice } from './record-dialog.js';

/** models/alert.ts `AlertMetric`. */
export const ALERT_METRICS = ['posts', 'misogyny', 'hate', 'negative', 'fear'] as const;

export interface AlertRuleDraft {
  name: string;
  id: string;
  metric: string;
  country: string;
  platform: string;
  topic: string;
  campaign: string;
  granularity: string;
  threshold: string;
  minVolume: string;
  cooldownHours: string;
  webhookUrl: string;
  enabled: boolean;
}

export function alertRuleDraft(rule: AlertRule | null): AlertRuleDraft {
  return {
    name: rule?.name ?? '',
    id: rule?.id ?? '',
    metric: rule?.metric ?? 'posts',
    country: rule?.country ?? '',
    platform: rule?.platform ?? '',
    topic: rule?.topic ?? '',
    campaign: rule?.campaign ?? '',
    granularity: rule?.granularity ?? 'day',
    threshold: String(rule?.threshold ?? 3),
    minVolume: String(rule?.minVolume ?? 20),
    cooldownHours: String(rule?.cooldownHours ?? 24),
    webhookUrl: rule?.webhookUrl ?? '',
    enabled: rule?.enabled ?? true,
  };
}

/** The PUT body of an existing rule (every setting, no id or timestamps): for enable/disable. */
export function ruleEdit(rule: AlertRule): Omit<AlertRuleInput, 'id'> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...edit } = rule;
  return edit;
}

/** Mirrors models/alert.ts `AlertRuleInput` and the route's http(s) webhook check. */
export function alertRuleBody(draft: AlertRuleDraft): { errors: FieldErrors; body: AlertRuleInput } {
  const c = new Checker();
  const name = draft.name.trim();
  const webhookUrl = draft.webhookUrl.trim();
  const body: AlertRuleInput = {
    id: draft.id.trim(),
    name,
    metric: draft.metric as AlertRuleInput['metric'],
    country: (draft.country || null) as AlertRuleInput['country'],
    platform: (draft.platform || null) as AlertRuleInput['platform'],
    topic: draft.topic || null,
    campaign: draft.campaign || null,
    granularity: draft.granularity as 'hour' | 'day',
    threshold: c.number('threshold', draft.threshold, { min: 1, max: 20 }),
    minVolume: c.number('minVolume', draft.minVolume, { min: 1, integer: true }),
    cooldownHours: c.number('cooldownHours', draft.cooldownHours, { min: 0, max: 720, integer: true }),
    enabled: draft.enabled,
    webhookUrl: webhookUrl || null,
  };
  c.text('name', name, { min: 1, max: 200 });
  c.identifier('id', body.id);
  c.check('metric', (ALERT_METRICS as readonly string[]).includes(draft.metric), i18n.t.forms.errors.required);
  c.check('granularity', draft.granularity === 'hour' || draft.granularity === 'day', i18n.t.forms.errors.required);
  c.url('webhookUrl', webhookUrl);
  return { errors: c.errors, body };
}

/**
 * `<alert-rule-form>`: create or edit an alert rule in a modal dialog: what it watches (metric,
 * country, platform, topic, campaign, granularity), when it fires (threshold, minimum volume,
 * cool-down) and where it reports (webhook).
 * @prop campaigns - campaigns offered in the campaign select (loaded on open when not given)
 * @fires saved - `detail: AlertRule`
 */
export class AlertRuleForm extends RecordDialog<AlertRule, AlertRuleDraft> {
  static override properties = { ...RecordDialog.properties, campaigns: { attribute: false } };
  declare campaigns: Campaign[] | null;

  constructor() {
    super();
    this.campaigns = null;
  }

  override async open(rule: AlertRule | null = null): Promise<void> {
    if (this.campaigns === null) {
      api.campaigns().then(
        (campaigns) => (this.campaigns = campaigns),
        () => (this.campaigns = []),
      );
    }
    return super.open(rule);
  }

  protected toDraft(rule: AlertRule | null): AlertRuleDraft {
    return alertRuleDraft(rule);
  }

  protected heading(): string {
    return this.record ? i18n.t.forms.rule.edit : i18n.t.forms.rule.create;
  }

  protected renderFields() {
    const t = i18n.t.forms;
    const f = t.rule;
    const any: Choice = { value: '', label: `— ${t.any} —` };
    const campaigns: Choice[] = (this.campaigns ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (this.draft.campaign && !campaigns.some((c) => c.value === this.draft.campaign)) campaigns.push({ value: this.draft.campaign, label: this.draft.campaign });
    return html`<div class="row">
        ${this.input('name', f.name, { required: true, maxlength: 200 })}
        ${this.input('id', f.id, { required: true, disabled: this.record !== null, maxlength: 64, hint: t.idHint })}
      </div>
      <div class="row">
        ${this.select('metric', f.metric, ALERT_METRICS.map((m) => ({ value: m, label: i18n.t.labels.alertMetrics[m] ?? m })), { required: true })}
        ${this.select('granularity', f.granularity, ['day', 'hour'].map((g) => ({ value: g, label: f.granularities[g] ?? g })), { required: true })}
      </div>
      <div class="row">
        ${this.select('country', f.country, [any, ...COUNTRIES.map((code) => ({ value: code, label: countryName(code) }))])}
        ${this.select('platform', f.platform, [any, ...PLATFORMS.map((p) => ({ value: p, label: platformName(p, i18n.locale) }))])}
      </div>
      <div class="row">
        ${this.select('topic', f.topic, [any, ...TOPICS.map((id) => ({ value: id, label: topicName(id) }))])}
        ${this.select('campaign', f.campaign, [any, ...campaigns])}
      </div>
      <div class="row">
        ${this.input('threshold', f.threshold, { type: 'number', required: true, min: 1, max: 20, step: 'any', hint: f.thresholdHint })}
        ${this.input('minVolume', f.minVolume, { type: 'number', required: true, min: 1, step: '1', hint: f.minVolumeHint })}
        ${this.input('cooldownHours', f.cooldown, { type: 'number', required: true, min: 0, max: 720, step: '1', hint: f.cooldownHint })}
      </div>
      ${this.input('webhookUrl', f.webhook, { type: 'url', hint: f.webhookHint, placeholder: 'https://' })}
      ${this.checkbox('enabled', f.enabled)}`;
  }

  protected build() {
    return alertRuleBody(this.draft);
  }

  protected send(body: AlertRuleInput): Promise<AlertRule> {
    if (!this.record) return api.createAlertRule(body);
    const { id: _id, ...edit } = body;
    return api.updateAlertRule(this.record.id, edit);
  }
}
customElements.define('alert-rule-form', AlertRuleForm);
declare global {
  interface HTMLElementTagNameMap {
    'alert-rule-form': AlertRuleForm;
  }
}
