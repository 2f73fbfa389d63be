import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import '../elements/empty-state.js';
import '../elements/source-form.js';
import { sourceEdit, type SourceForm } from '../elements/source-form.js';
import { shared } from '../elements/styles.js';
import { breakPoints, formatDateTime, formatNumber } from '../format.js';
import { confirmRemoveRow, runAction, srName } from '../elements/row-actions.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { api, type Source } from '../queries.js';
import { renderTask } from '../render.js';
import { can, type Role } from '../state/session.js';

/** A text whose lines may break at spaces and after the punctuation of host names and URLs. */
export function breakable(text: string) {
  return breakPoints(text).map((piece, i) => (i === 0 ? piece : html`<wbr>${piece}`));
}

/**
 * `<view-fuentes>`: each listening source with its status, last run, last error and coverage
 * gaps; admins add one (`<source-form>`), run it now, pause or resume it and delete it (confirmed).
 * @prop userRole - the signed-in role (the API lists sources to analysts and admins)
 */
export class ViewFuentes extends LitElement {
  static override properties = {
    userRole: { attribute: false },
    queued: { state: true },
    confirming: { state: true },
    notice: { state: true },
    failure: { state: true },
  };
  declare userRole: Role;
  declare queued: Set<string>;
  /** The source whose deletion awaits confirmation. */
  declare confirming: string | null;
  declare notice: string;
  declare failure: string;
  private readonly sources = new Task(this, { task: (_args, { signal }) => api.sources(signal), args: () => [] });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
    this.queued = new Set();
    this.confirming = null;
    this.notice = '';
    this.failure = '';
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-4); }
      .status { font-weight: 600; }
      .status.ok { color: var(--good); }
      .status.error, .status.offline { color: var(--bad); }
      /* The error column: wide enough for a sentence, wrapping at spaces and at the punctuation of
         host names (<wbr>, breakPoints); breaking inside a word is the last resort only. */
      th.err, td.err { min-width: 15rem; max-width: 24rem; }
      td.err { color: var(--bad); font-size: 0.8125rem; line-height: 1.4; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
      details summary { cursor: pointer; color: var(--link); }
      details ul { margin: 0.25rem 0 0; padding-left: 1rem; font-size: 0.8125rem; }
      .row-actions { display: flex; flex-wrap: wrap; gap: 0.375rem; align-items: center; }
      .row-actions button { min-height: 2rem; padding: 0.25rem 0.625rem; white-space: nowrap; }
      button.danger { color: var(--bad); border-color: var(--bad); }
      .failure { color: var(--bad); font-size: 0.875rem; }
      .failure:empty, .notice:empty { display: none; }
    `,
  ];

  override render() {
    const t = i18n.t.fuentes;
    const admin = can(this.userRole, 'admin');
    return html`<div class="view-head">
        <h2>${t.title}</h2>
        ${admin ? html`<button type="button" class="primary" id="new-source" @click=${() => this.form?.open(null)}><span aria-hidden="true">+</span> ${i18n.t.forms.source.create}</button>` : null}
      </div>
      ${admin
        ? html`<source-form @saved=${this.onSaved}></source-form>
            <p class="notice small" role="status">${this.notice}</p>
            <p class="failure" role="alert">${this.failure}</p>`
        : null}
      ${renderTask(this.sources, (sources) =>
        sources.length === 0 ? html`<empty-state heading=${t.title}>${t.empty}</empty-state>` : html`<div class="panel table-wrap">${this.table(sources)}</div>`,
      )}`;
  }

  private table(sources: Source[]) {
    const t = i18n.t.fuentes;
    const admin = can(this.userRole, 'admin');
    return html`<table>
      <thead><tr>
        <th scope="col">${t.source}</th><th scope="col">${t.status}</th><th scope="col">${t.every}</th>
        <th scope="col">${t.lastRun}</th><th scope="col">${t.lastSuccess}</th><th scope="col" class="num">${t.inserted}</th>
        <th scope="col" class="err">${t.errors}</th><th scope="col">${t.gaps}</th>${admin ? html`<th scope="col">${i18n.t.forms.actions}</th>` : null}
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
          <td class="err">${s.lastError ? breakable(s.lastError) : '—'}</td>
          <td>${s.gaps.length === 0 ? '—' : html`<details><summary>${s.gaps.length}</summary><ul>${s.gaps.slice(-5).map((g) => html`<li>${formatDateTime(g.from)} – ${formatDateTime(g.to)}: ${g.reason}</li>`)}</ul></details>`}</td>
          ${admin ? html`<td>${this.actions(s)}</td>` : null}
        </tr>`;
      })}</tbody>
    </table>`;
  }

  private actions(source: Source) {
    const t = i18n.t.fuentes;
    const f = i18n.t.forms;
    if (this.confirming === source.id) return confirmRemoveRow(source, () => void this.deleteSource(source), () => void this.askRemove(null));
    const named = srName(source.name);
    return html`<div class="row-actions">
      <button type="button" ?disabled=${this.queued.has(source.id)} @click=${() => this.run(source.id)}>${this.queued.has(source.id) ? t.queued : t.runNow}${named}</button>
      <button type="button" data-toggle=${source.id} @click=${() => this.toggle(source)}>${source.enabled ? f.source.pause : f.source.resume}${named}</button>
      <button type="button" class="danger" data-remove=${source.id} @click=${() => this.askRemove(source.id)}>${f.remove}${named}</button>
    </div>`;
  }

  private get form(): SourceForm | null {
    return this.renderRoot.querySelector('source-form');
  }

  private async askRemove(id: string | null) {
    this.confirming = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(id ? `button[data-confirm="${id}"]` : '#new-source')?.focus();
  }

  private onSaved(event: CustomEvent<Source>) {
    this.failure = '';
    this.notice = i18n.t.forms.saved(event.detail.name);
    this.sources.run();
  }

  private toggle(source: Source) {
    const f = i18n.t.forms.source;
    return this.act(() => api.updateSource(source.id, sourceEdit(source, { enabled: !source.enabled })), (source.enabled ? f.paused : f.resumed)(source.name));
  }

  private async deleteSource(source: Source) {
    this.confirming = null;
    await this.act(() => api.deleteSource(source.id), i18n.t.forms.removed(source.name));
    this.renderRoot.querySelector<HTMLElement>('#new-source')?.focus();
  }

  private act(action: () => Promise<unknown>, done: string) {
    return runAction(this, action, done, () => this.sources.run());
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
