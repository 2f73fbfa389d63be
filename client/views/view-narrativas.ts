import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { bucketize } from '../charts/aggregate.js';
import { barChart, barHeight } from '../charts/bars.js';
import { lineChart } from '../charts/time-series.js';
import '../elements/chart-panel.js';
import '../elements/empty-state.js';
import { shared } from '../elements/styles.js';
import { formatNumber, formatShortDay, formatSigned } from '../format.js';
import { i18n, LocaleController, topicName } from '../i18n/index.js';
import { api } from '../queries.js';
import { renderTask } from '../render.js';
import { AppStateController } from '../state/app-state.js';
import type { Role } from '../state/session.js';
import { isWeekly } from './series-charts.js';

const TREND_TOPICS = 5;

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
  private readonly emerging = new Task(this, { task: ([f], { signal }) => api.emerging(f, signal), args: () => [this.state.filter] });
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
      .up { color: var(--bad); font-weight: 600; }
      .down { color: var(--good); font-weight: 600; }
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
          series: bucketed.map((b) => ({ label: topicName(b.topic), data: b.buckets.map((x) => x.posts) })),
          format: formatNumber,
          partial: (bucketed[0]?.buckets ?? []).map((b) => b.partial),
          partialNote: weekly ? t.chart.partialWeek : t.chart.partialDay,
        });
        return html`<chart-panel heading=${n.trends} description=${trends.map((x) => topicName(x.topic)).join(', ')} .config=${config} .height=${300} ?empty=${trends.length === 0}></chart-panel>`;
      })}
      <div class="grid-2">
        ${renderTask(this.emerging, (terms) => {
          const top = terms.slice(0, 15);
          const label = (x: (typeof terms)[number]) => (x.kind === 'hashtag' ? `#${x.value}` : x.value);
          const config = barChart({ labels: top.map(label), series: [{ label: n.count, data: top.map((x) => x.count) }, { label: n.expected, data: top.map((x) => Math.round(x.expected * 10) / 10) }], format: formatNumber });
          const table = { columns: [n.term, n.count, n.expected, n.ratio, n.score], rows: terms.map((x) => [label(x), x.count, Math.round(x.expected * 10) / 10, Math.round(x.ratio * 10) / 10, Math.round(x.score * 10) / 10]) };
          return html`<chart-panel heading=${n.emerging} description=${n.emergingHelp} .config=${config} .table=${table} .height=${barHeight(top.length)} ?empty=${terms.length === 0}>
            </chart-panel>`;
        })}
        <section class="panel" aria-labelledby="clusters-h">
          <h3 id="clusters-h" style="margin-bottom:var(--space-3)">${n.clusters}</h3>
          ${renderTask(this.narratives, ({ sampled, other, narratives: clusters }) =>
            clusters.length === 0
              ? html`<p class="muted small">${t.chart.noData}</p>`
              : html`<p class="muted small" style="margin-bottom:var(--space-3)">${n.coverage(formatNumber(sampled), formatNumber(other), formatNumber(sampled > 0 ? Math.round((other / sampled) * 100) : 0))}</p>
                <div class="clusters">
                  ${clusters.map(
                    (c) => html`<article class="cluster">
                      <h4>${c.label}</h4>
                      <div class="figures">
                        <span>${n.size}: ${formatNumber(c.size)}</span>
                        <span>${n.trend}: ${c.trend === null ? html`<span class="up">${n.newNarrative}</span>` : html`<span class=${c.trend > 0 ? 'up' : c.trend < 0 ? 'down' : ''}>${formatSigned(c.trend)} %</span>`}</span>
                      </div>
                      <details>
                        <summary>${n.samples} (${c.samples.length})</summary>
                        ${c.samples.slice(0, 3).map((s) => html`<blockquote>${s.text}</blockquote>`)}
                      </details>
                    </article>`,
                  )}
                </div>`,
          )}
        </section>
      </div>`;
  }
}
customElements.define('view-narrativas', ViewNarrativas);
declare global {
  interface HTMLElementTagNameMap {
    'view-narrativas': ViewNarrativas;
  }
}
