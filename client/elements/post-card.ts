import type { Emotion } from '../../models/enrichment.js';
import { EMOTIONS, SENTIMENTS } from '../../models/labels.js';
import { platformName } from '../../models/platform-names.js';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { evidenceRows } from '../evidence.js';
import { formatDateTime, formatNumber } from '../format.js';
import { categoryName, countryName, i18n, LocaleController, sentimentName, topicName } from '../i18n/index.js';
import { api, type PostSummary, type StoredPost } from '../queries.js';
import { renderTask } from '../render.js';
import { can, type Role } from '../state/session.js';
import { shared } from './styles.js';

type Evidence = { feature: string; weight: number }[];

/**
 * `<post-card>`: one post with its labels; "Por qué" opens the analysers' explanation (the
 * evidence terms and their weights, from GET /api/posts/:id). Analysts correct the sentiment
 * or the misogyny label in one click, and hate or emotion in the detail (POST /api/annotations).
 * @prop post - the post as listed by search
 * @prop userRole - the signed-in role; corrections need `analyst`
 * @fires annotated - `detail: { postId, labels }` after a correction is saved
 * @csspart text - the post's text
 */
export class PostCard extends LitElement {
  static override properties = {
    post: { attribute: false },
    userRole: { attribute: false },
    open: { state: true },
    saving: { state: true },
    status: { state: true },
  };
  declare post: PostSummary | null;
  declare userRole: Role;
  declare open: boolean;
  declare saving: boolean;
  declare status: string;
  private readonly detail = new Task(this, {
    task: ([id, open], { signal }) => (open && id ? api.post(id, signal) : Promise.resolve(null)),
    args: () => [this.post?.id, this.open] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.post = null;
    this.userRole = 'viewer';
    this.open = false;
    this.saving = false;
    this.status = '';
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      article { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: var(--space-3) var(--space-4); display: grid; gap: var(--space-2); }
      .meta { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; font-size: 0.8125rem; color: var(--muted); }
      .author { color: var(--ink); font-weight: 600; }
      .text { font-size: 0.9375rem; line-height: 1.5; white-space: pre-wrap; overflow-wrap: anywhere; }
      .labels, .actions { display: flex; flex-wrap: wrap; gap: var(--space-2); align-items: center; }
      .actions { border-top: 1px solid var(--border); padding-top: var(--space-2); }
      .seg { display: inline-flex; border: 1px solid var(--border-strong); border-radius: 6px; overflow: hidden; }
      .seg button { border: 0; border-radius: 0; min-height: 2rem; padding: 0.25rem 0.625rem; font-size: 0.8125rem; }
      .seg button + button { border-left: 1px solid var(--border-strong); }
      .seg button[aria-pressed='true'] { background: var(--primary); color: #fff; }
      .actions > button { min-height: 2rem; padding: 0.25rem 0.625rem; font-size: 0.8125rem; }
      .status { font-size: 0.8125rem; color: var(--good); font-weight: 600; }
      .why { display: grid; gap: var(--space-3); grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); background: var(--bg); border-radius: 6px; padding: var(--space-3); }
      .why h4 { font-size: 0.8125rem; margin-bottom: 0.25rem; }
      .why table { font-size: 0.8125rem; }
      .why td, .why th { padding: 0.125rem 0.375rem; border: 0; }
      .bar { display: inline-block; height: 0.5rem; border-radius: 2px; background: var(--primary); vertical-align: middle; margin-right: 0.25rem; }
      .bar.neg { background: var(--good); }
    `,
  ];

  override render() {
    const p = this.post;
    if (!p) return nothing;
    const t = i18n.t;
    const analyst = can(this.userRole, 'analyst');
    return html`<article>
      <div class="meta">
        <span class="author">${p.author.handle ? `@${p.author.handle}` : p.author.id.slice(0, 12)}</span>
        <span>${platformName(p.platform, i18n.locale)}</span>
        <span>${formatDateTime(p.createdAt)}</span>
        ${p.country ? html`<span>${countryName(p.country)}</span>` : null}
        <span>${formatNumber(p.interactions)} ${p.interactions === 1 ? t.kpi.interaction : t.kpi.interactions.toLowerCase()}</span>
        ${p.url ? html`<a href=${p.url} target="_blank" rel="noopener noreferrer">${t.explorar.open}</a>` : null}
      </div>
      <p class="text" part="text">${p.text}</p>
      <div class="labels">
        <span class="chip ${p.sentiment}">${sentimentName(p.sentiment)}</span>
        ${p.misogyny ? html`<span class="chip flag">${t.labels.misogyny}</span>` : null}
      </div>
      <div class="actions">
        <button type="button" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => (this.open = !this.open)}>${t.explorar.why}</button>
        ${analyst
          ? html`<span class="seg" role="group" aria-label=${`${t.explorar.correct}: ${t.explorar.setSentiment}`}>
                ${SENTIMENTS.map((s) => html`<button type="button" aria-pressed=${p.sentiment === s ? 'true' : 'false'} ?disabled=${this.saving} @click=${() => this.correct({ sentiment: s })}>${sentimentName(s)}</button>`)}
              </span>
              <button type="button" ?disabled=${this.saving} @click=${() => this.correct({ misogyny: !p.misogyny })}>
                ${p.misogyny ? t.explorar.unmarkMisogyny : t.explorar.markMisogyny}
              </button>`
          : null}
        <span class="status" role="status" aria-live="polite">${this.status}</span>
      </div>
      ${this.open ? renderTask(this.detail, (d) => (d ? this.renderWhy(d.post) : nothing), { compact: true }) : null}
    </article>`;
  }

  private renderWhy(post: StoredPost) {
    const e = post.enrichment;
    const t = i18n.t;
    if (!e) return html`<p class="muted small">—</p>`;
    // Each label's strongest evidence, readable: no character n-grams or function words, internal
    // names in the reader's language, duplicates merged, strongest first (client/evidence.ts).
    const block = (title: string, all: Evidence) => {
      const evidence = evidenceRows(all, post.text, i18n.locale);
      return html`<div>
      <h4>${title}</h4>
      ${evidence.length === 0
        ? html`<p class="muted small">—</p>`
        : html`<table>
            <thead><tr><th scope="col">${t.explorar.evidence}</th><th scope="col" class="num">${t.explorar.weight}</th></tr></thead>
            <tbody>${evidence.map((ev) => html`<tr><td>${ev.label}</td><td class="num"><span class="bar ${ev.weight < 0 ? 'neg' : ''}" style="width:${Math.min(48, Math.abs(ev.weight) * 24)}px"></span>${ev.weight.toFixed(2)}</td></tr>`)}</tbody>
          </table>`}
    </div>`;
    };
    return html`<div class="why" aria-label=${t.explorar.detail}>
      ${block(`${t.explorar.setSentiment}: ${sentimentName(e.sentiment.label)}`, e.sentiment.explanation)}
      ${block(`${t.labels.misogyny}: ${e.misogyny.flag ? categoryName(e.misogyny.category ?? '') || '✓' : e.misogyny.intention === 'reporting' ? `✗ · ${t.labels.reportsSexism}` : '✗'} (${e.misogyny.score.toFixed(2)})`, e.misogyny.explanation)}
      ${block(`${t.labels.hate}: ${e.hate.flag ? '✓' : '✗'} (${e.hate.score.toFixed(2)})`, e.hate.explanation)}
      ${e.topics.slice(0, 3).map((topic) => block(`${t.filter.topic}: ${topicName(topic.id)}`, topic.explanation))}
      ${e.places.slice(0, 1).map((place) => block(`${countryName(place.country)}${place.admin1 ? ` · ${place.admin1}` : ''}`, place.explanation))}
      ${block(`${t.explorar.emotion}: ${t.labels.emotions[e.emotions.label] ?? e.emotions.label}`, e.emotions.explanation)}
    </div>
    ${can(this.userRole, 'analyst') ? this.renderMoreCorrections(e) : null}`;
  }

  /** Corrections the card's buttons do not offer: hate and emotion (in the detail, beside their evidence). */
  private renderMoreCorrections(e: NonNullable<StoredPost['enrichment']>) {
    const t = i18n.t;
    return html`<div class="actions more" role="group" aria-label=${t.explorar.correct}>
      <button type="button" ?disabled=${this.saving} @click=${() => this.correct({ hate: !e.hate.flag })}>
        ${e.hate.flag ? t.explorar.unmarkHate : t.explorar.markHate}
      </button>
      <label class="small">${t.explorar.setEmotion}
        <select ?disabled=${this.saving} @change=${(ev: Event) => this.correct({ emotion: (ev.target as HTMLSelectElement).value as Emotion })}>
          ${EMOTIONS.map((em) => html`<option value=${em} ?selected=${e.emotions.label === em}>${t.labels.emotions[em] ?? em}</option>`)}
        </select>
      </label>
    </div>`;
  }

  private async correct(labels: { sentiment?: 'P' | 'NEU' | 'N'; misogyny?: boolean; hate?: boolean; emotion?: Emotion }) {
    const post = this.post;
    if (!post) return;
    this.saving = true;
    this.status = '';
    try {
      await api.annotate({ postId: post.id, ...labels });
      // The card shows sentiment and misogyny; the detail (reloaded below) shows the rest.
      const { sentiment, misogyny } = labels;
      this.post = { ...post, ...(sentiment ? { sentiment } : {}), ...(misogyny !== undefined ? { misogyny } : {}) };
      this.status = i18n.t.explorar.corrected;
      if (this.open) this.detail.run();
      this.dispatchEvent(new CustomEvent('annotated', { detail: { postId: post.id, labels }, bubbles: true, composed: true }));
    } catch (error) {
      this.status = (error as Error).message;
    } finally {
      this.saving = false;
    }
  }
}
customElements.define('post-card', PostCard);
declare global {
  interface HTMLElementTagNameMap {
    'post-card': PostCard;
  }
}
