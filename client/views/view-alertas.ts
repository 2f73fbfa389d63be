import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import '../elements/alert-list.js';
import '../elements/alert-rule-form.js';
import { ruleEdit, type AlertRuleForm } from '../elements/alert-rule-form.js';
import '../elements/empty-state.js';
import { shared } from '../elements/styles.js';
import { confirmRemoveRow, runAction, srName } from '../elements/row-actions.js';
import { countryName, i18n, LocaleController, topicName } from '../i18n/index.js';
import { api, type AlertRule } from '../queries.js';
import { renderTask } from '../render.js';
import { can, type Role } from '../state/session.js';

/**
 * `<view-alertas>`: recent alerts (analysts mark them reviewed) and, for analysts, the rules
 * that raise them: create and edit (`<alert-rule-form>`), enable/disable, delete (confirmed).
 * @prop userRole - the signed-in role
 */
export class ViewAlertas extends LitElement {
  static override properties = { userRole: { attribute: false }, confirming: { state: true }, notice: { state: true }, failure: { state: true } };
  declare userRole: Role;
  /** The rule whose deletion awaits confirmation. */
  declare confirming: string | null;
  declare notice: string;
  declare failure: string;
  private readonly alerts = new Task(this, { task: (_args, { signal }) => api.alerts(signal, 100), args: () => [] });
  private readonly rules = new Task(this, {
    task: ([role], { signal }) => (can(role, 'analyst') ? api.alertRules(signal) : Promise.resolve(null)),
    args: () => [this.userRole] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
    this.confirming = null;
    this.notice = '';
    this.failure = '';
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-5); }
      section { display: grid; gap: var(--space-3); }
      .section-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--space-2); }
      .row-actions { display: flex; flex-wrap: wrap; gap: 0.375rem; align-items: center; }
      .row-actions button { min-height: 2rem; padding: 0.25rem 0.625rem; }
      button.danger { color: var(--bad); border-color: var(--bad); }
      .failure { color: var(--bad); font-size: 0.875rem; }
      .failure:empty, .notice:empty { display: none; }
      tr.off th, tr.off td { color: var(--muted); }
    `,
  ];

  override render() {
    const t = i18n.t.alertas;
    return html`<div class="view-head"><h2>${t.title}</h2></div>
      <section aria-labelledby="recent-h">
        <h3 id="recent-h">${t.recent}</h3>
        ${renderTask(this.alerts, (alerts) =>
          alerts.length === 0
            ? html`<empty-state heading=${t.recent}>${t.empty}</empty-state>`
            : html`<alert-list .alerts=${alerts} ?can-acknowledge=${can(this.userRole, 'analyst')} @acknowledge=${this.acknowledge}></alert-list>`,
        )}
      </section>
      ${can(this.userRole, 'analyst')
        ? html`<section aria-labelledby="rules-h">
            <div class="section-head">
              <h3 id="rules-h">${t.rules}</h3>
              <button type="button" class="primary" id="new-rule" @click=${() => this.form?.open(null)}><span aria-hidden="true">+</span> ${i18n.t.forms.rule.create}</button>
            </div>
            <p class="notice small" role="status">${this.notice}</p>
            <p class="failure" role="alert">${this.failure}</p>
            <alert-rule-form @saved=${this.onSaved}></alert-rule-form>
            ${renderTask(this.rules, (rules) =>
              !rules || rules.length === 0
                ? html`<empty-state heading=${t.rules}>${t.noRules}</empty-state>`
                : html`<div class="panel table-wrap"><table>
                    <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.metric}</th><th scope="col">${i18n.t.filter.label}</th><th scope="col" class="num" title=${t.thresholdHelp}>${t.threshold} <span aria-hidden="true">ⓘ</span><span class="sr-only">${t.thresholdHelp}</span></th><th scope="col">${t.enabled}</th><th scope="col">${i18n.t.forms.actions}</th></tr></thead>
                    <tbody>${rules.map(
                      (r) => html`<tr class=${r.enabled ? '' : 'off'}>
                        <th scope="row">${r.name}</th>
                        <td>${i18n.t.labels.alertMetrics[r.metric] ?? r.metric} · ${(i18n.t.forms.rule.granularities[r.granularity] ?? r.granularity).toLowerCase()}</td>
                        <td>${[r.country && countryName(r.country), r.platform, r.topic && topicName(r.topic), r.campaign].filter(Boolean).join(' · ') || '—'}</td>
                        <td class="num">${r.threshold}</td>
                        <td><span aria-hidden="true">${r.enabled ? '✓' : '—'}</span><span class="sr-only">${r.enabled ? i18n.t.forms.yes : i18n.t.forms.no}</span></td>
                        <td>${this.actions(r)}</td>
                      </tr>`,
                    )}</tbody>
                  </table></div>`,
            )}
          </section>`
        : null}`;
  }

  private actions(rule: AlertRule) {
    const f = i18n.t.forms;
    if (this.confirming === rule.id) return confirmRemoveRow(rule, () => void this.deleteRule(rule), () => void this.askRemove(null));
    const named = srName(rule.name);
    return html`<div class="row-actions">
      <button type="button" data-edit=${rule.id} @click=${() => this.form?.open(rule)}>${f.edit}${named}</button>
      <button type="button" data-toggle=${rule.id} @click=${() => this.toggle(rule)}>${rule.enabled ? f.rule.disable : f.rule.enable}${named}</button>
      <button type="button" class="danger" data-remove=${rule.id} @click=${() => this.askRemove(rule.id)}>${f.remove}${named}</button>
    </div>`;
  }

  private get form(): AlertRuleForm | null {
    return this.renderRoot.querySelector('alert-rule-form');
  }

  private async askRemove(id: string | null) {
    this.confirming = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(id ? `button[data-confirm="${id}"]` : '#new-rule')?.focus();
  }

  private onSaved(event: CustomEvent<AlertRule>) {
    this.failure = '';
    this.notice = i18n.t.forms.saved(event.detail.name);
    this.rules.run();
  }

  private async toggle(rule: AlertRule) {
    await this.act(() => api.updateAlertRule(rule.id, { ...ruleEdit(rule), enabled: !rule.enabled }), (rule.enabled ? i18n.t.forms.rule.turnedOff : i18n.t.forms.rule.turnedOn)(rule.name));
  }

  private async deleteRule(rule: AlertRule) {
    this.confirming = null;
    await this.act(() => api.deleteAlertRule(rule.id), i18n.t.forms.removed(rule.name));
    this.renderRoot.querySelector<HTMLElement>('#new-rule')?.focus();
  }

  private act(action: () => Promise<unknown>, done: string) {
    return runAction(this, action, done, () => this.rules.run());
  }

  private async acknowledge(event: CustomEvent<string>) {
    await api.acknowledge(event.detail);
    this.alerts.run();
  }
}
customElements.define('view-alertas', ViewAlertas);
declare global {
  interface HTMLElementTagNameMap {
    'view-alertas': ViewAlertas;
  }
}
