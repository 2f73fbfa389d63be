import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import '../elements/campaign-form.js';
import type { CampaignForm } from '../elements/campaign-form.js';
import '../elements/campaign-summary.js';
import '../elements/empty-state.js';
import { shared } from '../elements/styles.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { api, type Campaign } from '../queries.js';
import { renderTask } from '../render.js';
import { AppStateController } from '../state/app-state.js';
import { can, type Role } from '../state/session.js';

/**
 * `<view-campanas>`: pick a campaign (URL `c`) and optionally a second one to compare side by
 * side (URL `vs`). Campaign figures cover the campaign's own dates, not the global filter.
 * Analysts create campaigns and edit the selected one (`<campaign-form>`).
 * @prop userRole - the signed-in role
 */
export class ViewCampanas extends LitElement {
  static override properties = { userRole: { attribute: false }, rematching: { state: true } };
  declare userRole: Role;
  /** The campaign just saved, whose days' posts the server is matching again (said while it is shown). */
  declare rematching: { id: string; name: string } | null;
  private readonly state = new AppStateController(this);
  /** Newest first: the campaign most likely being watched leads. */
  private readonly campaigns = new Task(this, {
    task: async (_args, { signal }) => (await api.campaigns(signal)).sort((a, b) => b.startDate.localeCompare(a.startDate)),
    args: () => [],
  });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
    this.rematching = null;
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-4); }
      .title { display: grid; gap: 0.25rem; }
      .pickers { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: flex-end; }
      .pickers label { display: grid; gap: 0.25rem; }
      .compare { display: grid; gap: var(--space-5); grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); align-items: start; }
      .compare > campaign-summary { min-width: 0; }
      .compare > campaign-summary + campaign-summary { border-left: 1px solid var(--border); padding-left: var(--space-5); }
      @media (max-width: 1100px) { .compare > campaign-summary + campaign-summary { border-left: 0; padding-left: 0; border-top: 1px solid var(--border); padding-top: var(--space-5); } }
    `,
  ];

  override render() {
    const t = i18n.t.campanas;
    const editor = can(this.userRole, 'analyst');
    return html`<div class="view-head">
        <div class="title">
          <h2>${t.title}</h2>
          <p class="period-note" id="period-note">${t.periodNote}</p>
        </div>
        ${editor ? html`<button type="button" class="primary" id="new-campaign" @click=${() => this.form?.open(null)}><span aria-hidden="true">+</span> ${i18n.t.forms.campaign.create}</button>` : null}
      </div>
      ${editor ? html`<campaign-form @saved=${this.onSaved}></campaign-form>` : null}
      ${this.rematching && this.state.state.params.get('c') === this.rematching.id ? html`<p class="notice" role="status">${t.rematching(this.rematching.name)}</p>` : null}
      ${renderTask(this.campaigns, (campaigns) => {
        if (campaigns.length === 0) return html`<empty-state heading=${t.title}>${t.empty}</empty-state>`;
        const params = this.state.state.params;
        const selected = campaigns.find((c) => c.id === params.get('c')) ?? campaigns[0]!;
        const other = campaigns.find((c) => c.id === params.get('vs') && c.id !== selected.id) ?? null;
        return html`<div class="pickers">
            <label>${t.pick}
              <select id="campaign" @change=${(e: Event) => this.state.state.setParam('c', (e.target as HTMLSelectElement).value)}>
                ${campaigns.map((c) => html`<option value=${c.id} ?selected=${c.id === selected.id}>${c.name}</option>`)}
              </select>
            </label>
            <label>${t.compare}
              <select id="compare" @change=${(e: Event) => this.state.state.setParam('vs', (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${other === null}>— ${t.none} —</option>
                ${campaigns.filter((c) => c.id !== selected.id).map((c) => html`<option value=${c.id} ?selected=${c.id === other?.id}>${c.name}</option>`)}
              </select>
            </label>
            ${editor ? html`<button type="button" id="edit-campaign" @click=${() => this.form?.open(selected)}>${i18n.t.forms.edit}<span class="sr-only">: ${selected.name}</span></button>` : null}
          </div>
          <div class=${other ? 'compare' : ''}>
            <campaign-summary .campaign=${selected} ?compact=${other !== null}></campaign-summary>
            ${other ? html`<campaign-summary .campaign=${other} compact></campaign-summary>` : null}
          </div>`;
      })}`;
  }

  private get form(): CampaignForm | null {
    return this.renderRoot.querySelector('campaign-form');
  }

  /** Lists the saved campaign and selects it. */
  private onSaved(event: CustomEvent<Campaign>) {
    // The server analyses the campaign's days again (server/routes/campaigns.ts): say so.
    this.rematching = { id: event.detail.id, name: event.detail.name };
    this.state.state.setParam('c', event.detail.id);
    this.campaigns.run();
  }
}
customElements.define('view-campanas', ViewCampanas);
declare global {
  interface HTMLElementTagNameMap {
    'view-campanas': ViewCampanas;
  }
}
