import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import '../elements/empty-state.js';
import '../elements/post-card.js';
import { shared } from '../elements/styles.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { api, type PostSummary } from '../queries.js';
import { renderTask } from '../render.js';
import { AppStateController } from '../state/app-state.js';
import type { Role } from '../state/session.js';

/**
 * `<view-explorar>`: post search with the global filter and words (URL `q`), newest first with
 * "load more"; each post shows its labels and why, and analysts correct labels in one click.
 * @prop userRole - the signed-in role
 */
export class ViewExplorar extends LitElement {
  static override properties = { userRole: { attribute: false }, extra: { state: true }, next: { state: true }, loadingMore: { state: true } };
  declare userRole: Role;
  declare extra: PostSummary[];
  declare next: string | null;
  declare loadingMore: boolean;
  private readonly state = new AppStateController(this);
  private readonly results = new Task(this, {
    task: async ([f, q], { signal }) => {
      const page = await api.search(f, q, null, signal);
      this.extra = [];
      this.next = page.next;
      return page.posts;
    },
    args: () => [this.state.filter, this.state.state.params.get('q') ?? ''] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
    this.extra = [];
    this.next = null;
    this.loadingMore = false;
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-4); }
      form { display: flex; gap: var(--space-2); flex-wrap: wrap; align-items: flex-end; }
      form .field { display: grid; gap: 0.25rem; flex: 1 1 20rem; }
      input[type='search'] { width: 100%; }
      .list { display: grid; gap: var(--space-3); }
      .more { justify-self: center; }
    `,
  ];

  override render() {
    const t = i18n.t.explorar;
    const q = this.state.state.params.get('q') ?? '';
    return html`<div class="view-head">
        <h2>${t.title}</h2>
        <a class="button" href=${api.searchCsvHref(this.state.filter, q)} download>${t.export}</a>
      </div>
      <form role="search" @submit=${this.submit}>
        <div class="field">
          <label for="q">${t.search}</label>
          <input id="q" name="q" type="search" .value=${q} aria-describedby="q-hint" maxlength="200" />
        </div>
        <button class="primary" type="submit">${t.submit}</button>
        <p id="q-hint" class="muted small" style="flex-basis:100%">${t.searchHint}</p>
      </form>
      ${renderTask(this.results, (posts) => {
        const all = [...posts, ...this.extra];
        if (all.length === 0) return html`<empty-state heading=${t.results}>${t.none}</empty-state>`;
        return html`<div class="list" aria-label=${t.results}>
            ${all.map((p) => html`<post-card .post=${p} .userRole=${this.userRole}></post-card>`)}
          </div>
          ${this.next ? html`<button class="more" type="button" ?disabled=${this.loadingMore} @click=${this.loadMore}>${this.loadingMore ? i18n.t.app.loading : t.more}</button>` : null}`;
      })}`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    this.state.state.setParam('q', q || null);
  }

  private async loadMore() {
    if (!this.next) return;
    this.loadingMore = true;
    try {
      const page = await api.search(this.state.filter, this.state.state.params.get('q') ?? '', this.next);
      this.extra = [...this.extra, ...page.posts];
      this.next = page.next;
    } finally {
      this.loadingMore = false;
    }
  }
}
customElements.define('view-explorar', ViewExplorar);
declare global {
  interface HTMLElementTagNameMap {
    'view-explorar': ViewExplorar;
  }
}
