import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import '../elements/empty-state.js';
import { shared } from '../elements/styles.js';
import { formatBytes, formatDateTime, formatDay } from '../format.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { api } from '../queries.js';
import { renderTask } from '../render.js';
import { can, type Role } from '../state/session.js';

const POLL_MS = 2_000;
const POLLS = 15;

/**
 * `<view-informes>`: weekly PDF briefs: list and download (everyone), generate (analysts; the
 * job is queued, so the list is polled until the new brief appears).
 * @prop userRole - the signed-in role
 */
export class ViewInformes extends LitElement {
  static override properties = { userRole: { attribute: false }, message: { state: true }, busy: { state: true } };
  declare userRole: Role;
  declare message: string;
  declare busy: boolean;
  private readonly briefs = new Task(this, { task: (_args, { signal }) => api.briefs(signal), args: () => [] });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
    this.message = '';
    this.busy = false;
  }

  static override styles = [shared, css`:host { display: grid; gap: var(--space-4); } .bar { display: flex; gap: var(--space-3); align-items: center; flex-wrap: wrap; }`];

  override render() {
    const t = i18n.t.informes;
    return html`<div class="view-head"><h2>${t.title}</h2><p>${t.intro}</p></div>
      ${can(this.userRole, 'analyst')
        ? html`<div class="bar">
            <button class="primary" type="button" ?disabled=${this.busy} @click=${this.generate}>${this.busy ? t.generating : t.generate}</button>
            <span role="status" aria-live="polite" class="muted small">${this.message}</span>
          </div>`
        : null}
      ${renderTask(this.briefs, (briefs) =>
        briefs.length === 0
          ? html`<empty-state heading=${t.title}>${t.empty}</empty-state>`
          : html`<div class="panel table-wrap"><table>
              <thead><tr><th scope="col">${t.week}</th><th scope="col">${t.period}</th><th scope="col">${i18n.t.app.language}</th><th scope="col">${t.created}</th><th scope="col" class="num">${t.size}</th><th scope="col"><span class="sr-only">${t.download}</span></th></tr></thead>
              <tbody>${briefs.map(
                (b) => html`<tr>
                  <th scope="row">${b.week}</th>
                  <td>${formatDay(b.from)} – ${formatDay(b.to)}</td>
                  <td>${b.locale.toUpperCase()}</td>
                  <td>${formatDateTime(b.createdAt)}</td>
                  <td class="num">${formatBytes(b.bytes)}</td>
                  <td><a class="button" href=${api.briefHref(b.id)} download>${t.download}</a></td>
                </tr>`,
              )}</tbody>
            </table></div>`,
      )}`;
  }

  private async generate() {
    const t = i18n.t.informes;
    this.busy = true;
    this.message = '';
    try {
      const before = (this.briefs.value ?? []).length;
      await api.generateBrief();
      this.message = t.queued;
      for (let i = 0; i < POLLS; i++) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const briefs = await api.briefs();
        if (briefs.length > before) break;
      }
      this.briefs.run();
    } catch (error) {
      this.message = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('view-informes', ViewInformes);
declare global {
  interface HTMLElementTagNameMap {
    'view-informes': ViewInformes;
  }
}
