import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { barChart, barHeight } from '../charts/bars.js';
import '../elements/chart-panel.js';
import '../elements/post-card.js';
import { shared } from '../elements/styles.js';
import { wordOf } from '../evidence.js';
import { formatNumber, formatPercent, isSmallSample } from '../format.js';
import { categoryName, countryName, i18n, LocaleController } from '../i18n/index.js';
import { api, type PostSummary } from '../queries.js';
import { renderTask } from '../render.js';
import { AppStateController } from '../state/app-state.js';
import { COUNTRIES, rangeDays, type Filter } from '../state/filter.js';
import type { Role } from '../state/session.js';
import { rateChart } from './series-charts.js';

/** Flagged posts whose explanations feed the terms chart; the first SHOWN are shown. */
const SAMPLES = 20;
const SHOWN = 6;

// wordOf lives with the other evidence helpers (client/evidence.ts), re-exported for its tests.
export { wordOf };

/**
 * The words that weighed for a label across posts: in how many posts each word (wordOf) had a
 * positive weight, counted once per post; the larger total weight breaks ties. Top `limit`.
 */
export function weighingWords(
  explanations: readonly (readonly { feature: string; weight: number }[])[],
  limit: number,
): [string, number][] {
  const counts = new Map<string, { posts: number; weight: number }>();
  for (const explanation of explanations) {
    const seen = new Set<string>();
    for (const ev of explanation) {
      const term = wordOf(ev.feature);
      if (!term || ev.weight <= 0) continue;
      const c = counts.get(term) ?? { posts: 0, weight: 0 };
      if (!seen.has(term)) c.posts++;
      c.weight += ev.weight;
      seen.add(term);
      counts.set(term, c);
    }
  }
  return [...counts]
    .sort((a, b) => b[1].posts - a[1].posts || b[1].weight - a[1].weight)
    .slice(0, limit)
    .map(([term, c]) => [term, c.posts]);
}

/** The newest posts flagged as misogynistic under the filter. */
async function flaggedSample(filter: Filter, signal: AbortSignal): Promise<PostSummary[]> {
  return (await api.search(filter, '', null, signal, SAMPLES, { misogyny: 'true' })).posts;
}

/**
 * `<view-violencia>`: the misogyny and hate monitor. Misogyny rate over time by country, rate
 * by country, flagged posts by EXIST category, the terms that weighed most in the flagged posts
 * of the sample, and the sample posts behind a content warning.
 * @prop userRole - the signed-in role (analysts can correct labels on the samples)
 */
export class ViewViolencia extends LitElement {
  static override properties = { userRole: { attribute: false }, revealed: { state: true } };
  declare userRole: Role;
  declare revealed: boolean;
  private readonly state = new AppStateController(this);
  private readonly overTime = new Task(this, {
    task: async ([f], { signal }) => {
      const countries = f.country.length > 0 ? f.country : [...COUNTRIES];
      const series = await Promise.all(countries.map((c) => api.series({ ...f, country: [c] }, signal)));
      return countries.map((c, i) => ({ label: countryName(c), points: series[i]! })).filter((s) => s.points.some((p) => p.analysed > 0));
    },
    args: () => [this.state.filter],
  });
  private readonly byCountry = new Task(this, { task: ([f], { signal }) => api.breakdown(f, 'country', signal), args: () => [this.state.filter] });
  private readonly byCategory = new Task(this, { task: ([f], { signal }) => api.breakdown(f, 'misogynyCategory', signal), args: () => [this.state.filter] });
  private readonly sample = new Task(this, {
    task: async ([f], { signal }) => {
      const posts = await flaggedSample(f, signal);
      const details = await Promise.all(posts.map((p) => api.post(p.id, signal).catch(() => null)));
      const terms = weighingWords(details.map((d) => d?.post.enrichment?.misogyny.explanation ?? []), 12);
      return { posts, terms };
    },
    args: () => [this.state.filter],
  });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
    this.revealed = false;
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-5); }
      .warning { display: grid; gap: var(--space-3); border: 1px solid #e6b3b0; border-left: 4px solid var(--bad); background: #fff7f6; padding: var(--space-4); border-radius: var(--radius); }
      .warning p { font-weight: 500; }
      .warning button { justify-self: start; }
      .posts { display: grid; gap: var(--space-3); }
    `,
  ];

  override render() {
    const t = i18n.t;
    const v = t.violencia;
    const weekly = rangeDays(this.state.filter) > 21;
    return html`<div class="view-head"><h2>${v.title}</h2><p>${v.intro}</p></div>
      ${renderTask(this.overTime, (series) =>
        html`<chart-panel heading=${v.rateOverTime} description=${weekly ? v.weeklyRate : ''} .config=${rateChart(series, weekly)} .height=${300} ?empty=${series.length === 0}></chart-panel>`,
      )}
      <div class="grid-2">
        ${renderTask(this.byCountry, (rows) => {
          // A country with no analysed post has no rate (not a 0 % bar).
          const known = rows.filter((r) => r.value !== '' && r.analysed > 0);
          return html`<chart-panel heading=${v.byCountry} description=${known.some((r) => isSmallSample(r.analysed)) ? `* ${t.kpi.smallSampleNote}` : ''} .height=${barHeight(known.length)} ?empty=${known.length === 0}
            .config=${barChart({ labels: known.map((r) => (isSmallSample(r.analysed) ? `${countryName(r.value)} (n = ${r.analysed})*` : countryName(r.value))), labelColumn: t.forms.rule.country, series: [{ label: t.kpi.misogynyRate, data: known.map((r) => r.misogynyRate) }], format: formatPercent })}></chart-panel>`;
        })}
        ${renderTask(this.byCategory, (rows) =>
          html`<chart-panel heading=${v.byCategory} .height=${barHeight(rows.length)} ?empty=${rows.length === 0}
            .config=${barChart({ labels: rows.map((r) => categoryName(r.value)), series: [{ label: t.kpi.posts, data: rows.map((r) => r.posts) }], format: formatNumber, colors: rows.map(() => '#a3214a') })}></chart-panel>`,
        )}
      </div>
      ${renderTask(this.sample, ({ posts, terms }) => html`
        <chart-panel heading=${v.topTerms} description=${v.topTermsHelp(posts.length)} .height=${barHeight(terms.length)} ?empty=${terms.length === 0}
          .config=${barChart({ labels: terms.map(([term]) => term), labelColumn: t.narrativas.term, series: [{ label: v.topTermsPosts, data: terms.map(([, n]) => n) }], format: (n) => formatNumber(n) })}></chart-panel>
        <section class="warning" aria-labelledby="samples-h">
          <h3 id="samples-h">${v.samples}</h3>
          <p>${v.warning}</p>
          <button type="button" aria-expanded=${this.revealed ? 'true' : 'false'} aria-controls="samples" @click=${() => (this.revealed = !this.revealed)}>${this.revealed ? v.hide : v.reveal}</button>
          <div id="samples" class="posts" ?hidden=${!this.revealed}>
            ${this.revealed ? (posts.length === 0 ? html`<p class="muted small">${t.chart.noData}</p>` : posts.slice(0, SHOWN).map((p) => html`<post-card .post=${p} .userRole=${this.userRole}></post-card>`)) : null}
          </div>
        </section>`)}`;
  }
}
customElements.define('view-violencia', ViewViolencia);
declare global {
  interface HTMLElementTagNameMap {
    'view-violencia': ViewViolencia;
  }
}
