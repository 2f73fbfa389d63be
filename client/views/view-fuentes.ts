import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import '../elements/empty-state.js';
import { shared } from '../elements/styles.js';
import { formatDateTime, formatNumber } from '../format.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { api, type Source } from '../queries.js';
import { renderTask } from '../render.js';
import { can, type Role } from '../state/session.js';

/**
 * `<view-fuentes>`: each listening source with its status, last run, last error and coverage
 * gaps; admins can run one now.
 * @prop userRole - the signed-in role (the API lists sources to analysts and admins)
 */
export class ViewFuentes extends LitElement {
  static override properties = { userRole: { attribute: false }, queued: { state: true } };
  declare userRole: Role;
  declare queued: Set<string>;
  private readonly sources = new Task(this, { task: (_args, { signal }) => api.sources(signal), args: () => [] });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
    this.queued = new Set();
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-4); }
      .status { font-weight: 600; }
      .status.ok { color: var(--good); }
      .status.error, .status.offline { color: var(--bad); }
      td.err { max-width: 22rem; color: var(--bad); font-size: 0.8125rem; overflow-wrap: anywhere; }
      details summary { cursor: pointer; color: var(--link); }
      details ul { margin: 0.25rem 0 0; padding-left: 1rem; font-size: 0.8125rem; }
    `,
  ];

  override render() {
    const t = i18n.t.fuentes;
    return html`<div class="view-head"><h2>${t.title}</h2></div>
      ${renderTask(this.sources, (sources) =>
        sources.length === 0 ? html`<empty-state heading=${t.title}>${t.empty}</empty-state>` : html`<div class="panel table-wrap">${this.table(sources)}</div>`,
      )}`;
  }

  private table(sources: Source[]) {
    const t = i18n.t.fuentes;
    const admin = can(this.userRole, 'admin');
    return html`<table>
      <thead><tr>
        <th scope="col">${i18n.locale === 'es' ? 'Fuente' : 'Source'}</th><th scope="col">${t.status}</th><th scope="col">${t.every}</th>
        <th scope="col">${t.lastRun}</th><th scope="col">${t.lastSuccess}</th><th scope="col" class="num">${t.inserted}</th>
        <th scope="col">${t.errors}</th><th scope="col">${t.gaps}</th>${admin ? html`<th scope="col"><span class="sr-only">${t.runNow}</span></th>` : null}
      </tr></thead>
      <tbody>${sources.map((s) => {
        const last = s.runs[s.runs.length - 1];
        return html`<tr>
          <th scope="row">${s.name}<div class="muted small">${s.kind}${s.enabled ? '' : ` · ${t.statuses.paused}`}</div></th>
          <td><span class="status ${s.status}">${t.statuses[s.status] ?? s.status}</span></td>
          <td>${t.minutes(s.everyMinutes)}</td>
          <td>${s.lastRunAt ? formatDateTime(s.lastRunAt) : t.never}</td>
          <td>${s.lastSuccessAt ? formatDateTime(s.lastSuccessAt) : t.never}</td>
          <td class="num">${last ? formatNumber(last.inserted) : '—'}</td>
          <td class="err">${s.lastError ?? ''}</td>
          <td>${s.gaps.length === 0 ? '—' : html`<details><summary>${s.gaps.length}</summary><ul>${s.gaps.slice(-5).map((g) => html`<li>${formatDateTime(g.from)} – ${formatDateTime(g.to)}: ${g.reason}</li>`)}</ul></details>`}</td>
          ${admin ? html`<td><button type="button" ?disabled=${this.queued.has(s.id)} @click=${() => this.run(s.id)}>${this.queued.has(s.id) ? t.queued : t.runNow}</button></td>` : null}
        </tr>`;
      })}</tbody>
    </table>`;
  }

  private async run(id: string) {
    await api.runSource(id);
    this.queued = new Set([...this.queued, id]);
  }
}
customElements.define('view-fuentes', ViewFuentes);
declare global {
  interface HTMLElementTagNameMap {
    'view-fuentes': ViewFuentes;
  }
}
