import type { Emotion } from '../../models/enrichment.js';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import '../elements/empty-state.js';
import '../elements/post-card.js';
import { shared } from '../elements/styles.js';
import { formatNumber } from '../format.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { api, type LabelQuery, type PostSummary } from '../queries.js';
import { renderTask } from '../render.js';
import { AppStateController } from '../state/app-state.js';
import type { Role } from '../state/session.js';

const LABEL_KEYS = ['sentiment', 'emotion', 'misogyny', 'hate'] as const;
/** The emotions in the order analysts look for them: fear first (perceived insecurity). */
const EMOTIONS = ['fear', 'anger', 'sadness', 'disgust', 'joy', 'surprise', 'others'] as const satisfies readonly Emotion[];

/**
 * `<view-explorar>`: post search with the global filter, words (URL `q`) and the labels of the
 * analysis (URL `sentiment`, `emotion`, `misogyny`, `hate`), newest first with
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
    task: async ([f, q, labels], { signal }) => {
      const page = await api.search(f, q, null, signal, 20, labels);
      this.extra = [];
      this.next = page.next;
      return page.posts;
    },
    args: () => [this.state.filter, this.state.state.params.get('q') ?? '', this.labels()] as const,
    // The label query is rebuilt each render: compare its content, not its identity.
    argsEqual: (a, b) => a[0] === b[0] && a[1] === b[1] && JSON.stringify(a[2]) === JSON.stringify(b[2]),
  });

  /** The analysis labels asked for in the URL (shareable like the words). */
  private labels(): LabelQuery {
    const out: LabelQuery = {};
    for (const key of LABEL_KEYS) {
      const value = this.state.state.params.get(key);
      if (value) out[key] = value;
    }
    return out;
  }

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
      .labels { display: flex; gap: var(--space-3); flex-wrap: wrap; }
      .labels .field { display: grid; gap: 0.25rem; font-size: 0.875rem; }
      .list { display: grid; gap: var(--space-3); }
      .more { justify-self: center; }
    `,
  ];

  override render() {
    const t = i18n.t.explorar;
    const lt = i18n.t.labels;
    const q = this.state.state.params.get('q') ?? '';
    return html`<div class="view-head">
        <h2>${t.title}</h2>
        <a class="button" href=${api.searchCsvHref(this.state.filter, q, this.labels())} download>${t.export}</a>
      </div>
      <form role="search" @submit=${this.submit}>
        <div class="field">
          <label for="q">${t.search}</label>
          <input id="q" name="q" type="search" .value=${q} aria-describedby="q-hint" maxlength="200" />
        </div>
        <button class="primary" type="submit">${t.submit}</button>
        <p id="q-hint" class="muted small" style="flex-basis:100%">${t.searchHint}</p>
      </form>
      <div class="labels" role="group" aria-label=${t.labelsGroup}>
        ${this.labelSelect('sentiment', t.setSentiment, (['N', 'NEU', 'P'] as const).map((v) => [v, lt.sentiment[v] ?? v]))}
        ${this.labelSelect('emotion', t.emotion, EMOTIONS.map((v) => [v, lt.emotions[v] ?? v]))}
        ${this.labelSelect('misogyny', lt.misogyny, [['true', t.flagged], ['false', t.notFlagged]])}
        ${this.labelSelect('hate', lt.hate, [['true', t.flagged], ['false', t.notFlagged]])}
      </div>
      ${renderTask(this.results, (posts) => {
        const all = [...posts, ...this.extra];
        if (all.length === 0) return html`<empty-state heading=${t.results}>${t.none}</empty-state>`;
        return html`<p class="muted small" role="status">${t.shown(formatNumber(all.length), this.next !== null)}</p>
          <div class="list" aria-label=${t.results}>
            ${all.map((p) => html`<post-card .post=${p} .userRole=${this.userRole}></post-card>`)}
          </div>
          ${this.next ? html`<button class="more" type="button" ?disabled=${this.loadingMore} @click=${this.loadMore}>${this.loadingMore ? i18n.t.app.loading : t.more}</button>` : null}`;
      })}`;
  }

  /** A select of one label: "any" or one value, kept in the URL. */
  private labelSelect(key: (typeof LABEL_KEYS)[number], label: string, options: [string, string][]) {
    const current = this.state.state.params.get(key) ?? '';
    return html`<label class="field">
      <span>${label}</span>
      <select name=${key} @change=${(e: Event) => this.state.state.setParam(key, (e.target as HTMLSelectElement).value || null)}>
        <option value="" ?selected=${current === ''}>${i18n.t.explorar.anyLabel}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${current === value}>${text}</option>`)}
      </select>
    </label>`;
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
      const page = await api.search(this.state.filter, this.state.state.params.get('q') ?? '', this.next, undefined, 20, this.labels());
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
