import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { bucketize } from '../charts/aggregate.js';
import { barChart, barHeight } from '../charts/bars.js';
import { csvDate } from '../charts/table.js';
import { lineChart } from '../charts/time-series.js';
import '../elements/chart-panel.js';
import '../elements/empty-state.js';
import { shared } from '../elements/styles.js';
import { formatNumber, formatPercent, formatShortDay, formatSignedPercent } from '../format.js';
import { i18n, LocaleController, topicName } from '../i18n/index.js';
import { api, type EmergingTerm } from '../queries.js';
import { renderTask } from '../render.js';
import { addDays } from '../state/filter.js';
import { AppStateController } from '../state/app-state.js';
import type { Role } from '../state/session.js';
import { isWeekly } from './series-charts.js';

const TREND_TOPICS = 5;

/** G² above which a rise is unlikely to be chance (p < 0.001, one degree of freedom). */
const SIGNIFICANT = 10.83;

/** An emerging term's score in plain words: G² < 10.83 weak, then clear, strong (≥ 30), very strong (≥ 100). */
export function strengthOf(score: number): 'weak' | 'clear' | 'strong' | 'veryStrong' {
  if (score >= 100) return 'veryStrong';
  if (score >= 30) return 'strong';
  if (score >= SIGNIFICANT) return 'clear';
  return 'weak';
}

/** Emerging terms strongest signal first (G² descending; more posts, then the name, break ties). */
export function byStrength<T extends Pick<EmergingTerm, 'score' | 'count' | 'value'>>(terms: readonly T[]): T[] {
  return [...terms].sort((a, b) => b.score - a.score || b.count - a.count || a.value.localeCompare(b.value));
}

/** Explorar's search for a narrative: its two leading terms, which its posts share. */
export function postsOf(terms: readonly string[]): URLSearchParams {
  return new URLSearchParams({ q: terms.slice(0, 2).join(' ') });
}

/** Days before the range that emerging terms compare with (the API's default baseline). */
const BASELINE_DAYS = 28;

/**
 * `<view-narrativas>`: what is being said. The five largest topics over time, emerging terms
 * against the previous four weeks, and narrative clusters with sample posts.
 * @prop userRole - the signed-in role
 */
export class ViewNarrativas extends LitElement {
  static override properties = { userRole: { attribute: false } };
  declare userRole: Role;
  private readonly state = new AppStateController(this);
  private readonly trends = new Task(this, {
    task: async ([f], { signal }) => {
      const topics = (await api.breakdown(f, 'topic', signal, TREND_TOPICS)).map((r) => r.value);
      const series = await Promise.all(topics.map((topic) => api.series({ ...f, topic: [topic] }, signal)));
      return topics.map((topic, i) => ({ topic, points: series[i]! }));
    },
    args: () => [this.state.filter],
  });
  /** Emerging terms, and when there are none, whether the 4 weeks before had posts to compare with. */
  private readonly emerging = new Task(this, {
    task: async ([f], { signal }) => {
      const terms = await api.emerging(f, signal);
      if (terms.length > 0) return { terms, baseline: true };
      const before = { ...f, from: addDays(f.from, -BASELINE_DAYS), to: addDays(f.from, -1) };
      const baseline = await api.overview(before, signal).then((o) => o.posts > 0, () => true);
      return { terms, baseline };
    },
    args: () => [this.state.filter],
  });
  private readonly narratives = new Task(this, { task: ([f], { signal }) => api.narratives(f, signal), args: () => [this.state.filter] });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-5); }
      .clusters { display: grid; gap: var(--space-3); grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
      .cluster { display: grid; gap: var(--space-2); align-content: start; }
      .cluster h4 { font-size: 0.9375rem; line-height: 1.35; }
      .figures { display: flex; gap: var(--space-3); font-size: 0.8125rem; color: var(--muted); }
      /* A narrative's change is neither good nor bad (a rising one may be a campaign's): neutral ink, an arrow and the number. */
      .trend { color: var(--ink); font-weight: 600; font-variant-numeric: tabular-nums; }
      details summary { cursor: pointer; font-size: 0.8125rem; color: var(--link); }
      blockquote { margin: var(--space-2) 0 0; padding: var(--space-2) var(--space-3); border-left: 3px solid var(--border-strong); font-size: 0.8125rem; line-height: 1.45; background: var(--bg); }
    `,
  ];

  override render() {
    const t = i18n.t;
    const n = t.narrativas;
    return html`<div class="view-head"><h2>${n.title}</h2></div>
      ${renderTask(this.trends, (trends) => {
        const weekly = isWeekly(trends[0]?.points ?? []);
        const bucketed = trends.map((tr) => ({ topic: tr.topic, buckets: bucketize(tr.points, weekly) }));
        const config = lineChart({
          labels: (bucketed[0]?.buckets ?? []).map((b) => formatShortDay(b.day)),
          csvLabels: (bucketed[0]?.buckets ?? []).map((b) => csvDate(b.day)),
          series: bucketed.map((b) => ({ label: topicName(b.topic), data: b.buckets.map((x) => x.posts) })),
          format: formatNumber,
          partial: (bucketed[0]?.buckets ?? []).map((b) => b.partial),
          partialNote: weekly ? t.chart.partialWeek : t.chart.partialDay,
        });
        return html`<chart-panel heading=${n.trends} description=${trends.map((x) => topicName(x.topic)).join(', ')} .config=${config} .height=${300} ?empty=${trends.length === 0}></chart-panel>`;
      })}
      <div class="grid-2">
        ${renderTask(this.emerging, ({ terms: unsorted, baseline }) => {
          const terms = byStrength(unsorted);
          const top = terms.slice(0, 15);
          const label = (x: (typeof terms)[number]) => (x.kind === 'hashtag' ? `#${x.value}` : x.value);
          const strength = (x: (typeof terms)[number]) => n.strengths[strengthOf(x.score)] ?? '';
          const config = barChart({
            labels: top.map(label),
            series: [{ label: n.count, data: top.map((x) => x.count) }, { label: n.expected, data: top.map((x) => Math.round(x.expected * 10) / 10) }],
            format: formatNumber,
            footer: (i) => (top[i] ? n.strengthOf(strength(top[i]), formatNumber(top[i].score)) : ''),
          });
          const table = {
            columns: [n.term, n.strength, n.score, n.count, n.expected, n.ratio],
            rows: terms.map((x) => [label(x), strength(x), Math.round(x.score * 10) / 10, x.count, Math.round(x.expected * 10) / 10, Math.round(x.ratio * 10) / 10]),
          };
          return html`<chart-panel heading=${n.emerging} description=${n.emergingHelp} note=${n.emergingHelp} .config=${config} .table=${table} .height=${barHeight(top.length)} ?empty=${terms.length === 0} .emptyText=${baseline ? n.noneRising : n.noBaseline}>
            </chart-panel>`;
        })}
        <section class="panel" aria-labelledby="clusters-h">
          <h3 id="clusters-h" style="margin-bottom:var(--space-3)">${n.clusters}</h3>
          ${renderTask(this.narratives, ({ sampled, other, narratives: clusters }) =>
            clusters.length === 0
              ? html`<p class="muted small">${t.chart.noData}</p>`
              : html`<p class="muted small" style="margin-bottom:var(--space-3)">${n.coverage(formatNumber(sampled), formatNumber(other), formatPercent(sampled > 0 ? (other / sampled) * 100 : 0))}</p>
                <div class="clusters">
                  ${clusters.map(
                    (c) => html`<article class="cluster">
                      <h4>${c.label}</h4>
                      <div class="figures">
                        <span>${n.size}: ${formatNumber(c.size)}</span>
                        <span title=${n.trendHelp}>${n.trend}: ${c.trend === null ? html`<span class="trend">${n.newNarrative}</span>` : this.trend(c.trend)}</span>
                      </div>
                      <details>
                        <summary>${n.samples} (${c.samples.length})</summary>
                        ${c.samples.slice(0, 3).map((s) => html`<blockquote>${s.text}</blockquote>`)}
                      </details>
                      <a class="small" href=${this.state.state.href('explorar', postsOf(c.terms))} @click=${(e: MouseEvent) => this.explore(e, c.terms)}>${n.explore}</a>
                    </article>`,
                  )}
                </div>`,
          )}
        </section>
      </div>`;
  }

  /** "▲ +30 %": an arrow and the number, in neutral ink (the arrow is read out as "sube"/"baja"). */
  private trend(change: number) {
    const n = i18n.t.narrativas;
    const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '';
    return html`<span class="trend">${arrow ? html`<span aria-hidden="true">${arrow}</span><span class="sr-only">${change > 0 ? n.rising : n.falling}</span> ` : null}${formatSignedPercent(change)}</span>`;
  }

  /** To Explorar, searching the narrative's two leading terms under the same filter. */
  private explore(event: MouseEvent, terms: readonly string[]) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1) return;
    event.preventDefault();
    this.state.state.navigate('explorar', postsOf(terms));
  }
}
customElements.define('view-narrativas', ViewNarrativas);
declare global {
  interface HTMLElementTagNameMap {
    'view-narrativas': ViewNarrativas;
  }
}
