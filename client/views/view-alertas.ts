import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import '../elements/alert-list.js';
import '../elements/empty-state.js';
import { shared } from '../elements/styles.js';
import { countryName, i18n, LocaleController, topicName } from '../i18n/index.js';
import { api } from '../queries.js';
import { renderTask } from '../render.js';
import { can, type Role } from '../state/session.js';

/**
 * `<view-alertas>`: recent alerts (analysts mark them reviewed) and, for analysts, the rules
 * that raise them.
 * @prop userRole - the signed-in role
 */
export class ViewAlertas extends LitElement {
  static override properties = { userRole: { attribute: false } };
  declare userRole: Role;
  private readonly alerts = new Task(this, { task: (_args, { signal }) => api.alerts(signal, 100), args: () => [] });
  private readonly rules = new Task(this, {
    task: ([role], { signal }) => (can(role, 'analyst') ? api.alertRules(signal) : Promise.resolve(null)),
    args: () => [this.userRole] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
  }

  static override styles = [shared, css`:host { display: grid; gap: var(--space-5); } section { display: grid; gap: var(--space-3); }`];

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
            <h3 id="rules-h">${t.rules}</h3>
            ${renderTask(this.rules, (rules) =>
              !rules || rules.length === 0
                ? html`<empty-state heading=${t.rules}>${t.noRules}</empty-state>`
                : html`<div class="panel table-wrap"><table>
                    <thead><tr><th scope="col">${i18n.locale === 'es' ? 'Nombre' : 'Name'}</th><th scope="col">${t.metric}</th><th scope="col">${i18n.t.filter.label}</th><th scope="col" class="num">${t.threshold}</th><th scope="col">${t.enabled}</th></tr></thead>
                    <tbody>${rules.map(
                      (r) => html`<tr>
                        <th scope="row">${r.name}</th>
                        <td>${i18n.t.labels.alertMetrics[r.metric] ?? r.metric} · ${r.granularity}</td>
                        <td>${[r.country && countryName(r.country), r.platform, r.topic && topicName(r.topic), r.campaign].filter(Boolean).join(' · ') || '—'}</td>
                        <td class="num">${r.threshold}</td>
                        <td>${r.enabled ? '✓' : '—'}</td>
                      </tr>`,
                    )}</tbody>
                  </table></div>`,
            )}
          </section>`
        : null}`;
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
