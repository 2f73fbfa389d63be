import { impactMetricFor } from '../../analytics/campaign-metric.js';
import { platformName } from '../../models/platform-names.js';
import { isPartial, todayUtc } from '../charts/aggregate.js';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { barChart, barHeight } from '../charts/bars.js';
import { csvDate } from '../charts/table.js';
import { SENTIMENT_COLORS } from '../charts/palette.js';
import { lineChart, stackedBarChart } from '../charts/time-series.js';
import { formatDay, formatIndex, formatNumber, formatPercent, formatShortDay } from '../format.js';
import { i18n, LocaleController, sentimentName } from '../i18n/index.js';
import { api, type Campaign } from '../queries.js';
import { renderTask } from '../render.js';
import type { Filter } from '../state/filter.js';
import './chart-panel.js';
import './kpi-card.js';
import { shared } from './styles.js';

const IMPACT_METRICS = ['misogynyRate', 'netSentiment', 'posts', 'hateRate'] as const;
type ImpactMetricName = (typeof IMPACT_METRICS)[number];

/**
 * `<campaign-summary>`: one campaign's reach, interactions, influencers, media mentions and
 * hashtags; its posts per day with the launch marked; sentiment, misogyny rate and the launch's
 * estimated impact in a plain sentence. Two side by side compare campaigns.
 * @prop campaign - the campaign
 * @attr compact - narrower layout for side-by-side comparison
 */
export class CampaignSummary extends LitElement {
  static override properties = { campaign: { attribute: false }, compact: { type: Boolean }, chosen: { state: true } };
  declare campaign: Campaign | null;
  declare compact: boolean;
  /** The metric the user picked for this campaign; null follows the campaign's own (impactMetricFor). */
  declare chosen: ImpactMetricName | null;
  /** The campaign `chosen` was picked for: another campaign starts again from its own metric. */
  private chosenFor: string | null = null;

  /**
   * The impact metric shown: the user's choice, else the one the weekly brief reads this campaign
   * on (misogyny rate for a gender-violence campaign, net sentiment otherwise), so the
   * dashboard and the brief tell the same story.
   */
  get metric(): ImpactMetricName {
    if (this.chosen && this.chosenFor === (this.campaign?.id ?? null)) return this.chosen;
    return this.campaign ? impactMetricFor(this.campaign) : 'misogynyRate';
  }
  private readonly kpis = new Task(this, {
    task: ([id], { signal }) => (id ? api.campaignKpis(id, signal) : Promise.reject(new Error('—'))),
    // updatedAt: an edited campaign (new dates) loads its figures again.
    args: () => [this.campaign?.id, this.campaign?.updatedAt] as const,
  });
  private readonly impact = new Task(this, {
    task: ([id, metric], { signal }) => (id ? api.campaignImpact(id, metric, signal) : Promise.reject(new Error('—'))),
    args: () => [this.campaign?.id, this.metric, this.campaign?.updatedAt] as const,
  });
  private readonly influencers = new Task(this, {
    task: async ([id, from, to], { signal }) => {
      if (!id || !from || !to) return [];
      const filter: Filter = { from, to, country: [], platform: [], topic: [], campaign: [id], lang: [] };
      return api.topAuthors(filter, 'reach', signal, 5);
    },
    args: () => [this.campaign?.id, this.kpis.value?.from, this.kpis.value?.to] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.campaign = null;
    this.compact = false;
    this.chosen = null;
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-4); align-content: start; min-width: 0; }
      :host > * { min-width: 0; }
      header { display: grid; gap: 0.25rem; }
      .tags { display: flex; flex-wrap: wrap; gap: var(--space-1); }
      .charts { display: grid; gap: var(--space-4); grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); }
      .charts > * { min-width: 0; }
      :host([compact]) .charts { grid-template-columns: 1fr; }
      .impact { display: grid; gap: var(--space-2); }
      .impact p.sentence { font-size: 1rem; line-height: 1.5; }
      .impact-head { display: flex; justify-content: space-between; align-items: center; gap: var(--space-2); flex-wrap: wrap; }
      ol { margin: 0; padding-left: 1.25rem; display: grid; gap: 0.25rem; font-size: 0.875rem; }
    `,
  ];

  override render() {
    const c = this.campaign;
    if (!c) return null;
    const t = i18n.t;
    const launch = c.launchDate ?? c.startDate;
    return html`<header>
        <h3 style="font-size:1.125rem">${c.name}</h3>
        <p class="muted small">${t.campanas.period(formatDay(c.startDate), c.endDate ? formatDay(c.endDate) : t.campanas.running)} · ${t.campanas.launchOn(formatDay(launch))}</p>
        ${c.description ? html`<p class="small">${c.description}</p>` : null}
        <div class="tags">${c.hashtags.map((h) => html`<span class="chip">#${h}</span>`)}</div>
      </header>
      ${renderTask(this.kpis, (k) => {
        const tot = k.total;
        const markerIndex = k.days.findIndex((d) => d.day === launch);
        const labels = k.days.map((d) => formatShortDay(d.day));
        const csvLabels = k.days.map((d) => csvDate(d.day));
        const marker = markerIndex >= 0 ? { index: markerIndex, label: t.chart.launch } : null;
        const today = todayUtc();
        const partial = { partial: k.days.map((d) => isPartial(d.day, 1, 1, today)), partialNote: t.chart.partialDay };
        return html`<p class="muted small population" id=${`pop-${c.id}`}>${t.campanas.campaignPosts(formatDay(k.from), formatDay(k.to))}</p>
          <div class="kpis" aria-describedby=${`pop-${c.id}`}>
            <kpi-card plain label=${t.kpi.posts} .value=${tot.posts}></kpi-card>
            <kpi-card plain label=${t.kpi.potentialReach} .value=${tot.potentialReach}></kpi-card>
            <kpi-card plain label=${t.kpi.interactions} .value=${tot.interactions}></kpi-card>
            <kpi-card plain label=${t.kpi.influencers} .value=${tot.influencers}></kpi-card>
            <kpi-card plain label=${t.kpi.mediaMentions} .value=${tot.mediaMentions}></kpi-card>
            <kpi-card plain label=${t.kpi.hashtags} .value=${tot.hashtags}></kpi-card>
            <kpi-card plain label=${t.kpi.netSentiment} format="index" .sample=${tot.sentiment.P + tot.sentiment.N} .value=${tot.netSentiment}></kpi-card>
            <kpi-card plain label=${`${t.kpi.misogynyRate} ${t.campanas.ofCampaign}`} format="percent" .sample=${tot.analysed} .value=${tot.misogynyRate}></kpi-card>
          </div>
          <div class="charts">
            <chart-panel heading=${t.campanas.overTime} filename=${`campana-${c.id}-dias`} description=${t.campanas.launchOn(formatDay(launch))}
              .config=${lineChart({ labels, csvLabels, series: [{ label: t.kpi.posts, data: k.days.map((d) => d.posts), fill: true }], format: formatNumber, marker, ...partial })}
              ?empty=${tot.posts === 0}></chart-panel>
            <chart-panel heading=${t.resumen.sentiment} filename=${`campana-${c.id}-sentimiento`}
              .config=${stackedBarChart({ labels, csvLabels, series: (['N', 'NEU', 'P'] as const).map((s) => ({ label: sentimentName(s), data: k.days.map((d) => d.sentiment[s]), color: SENTIMENT_COLORS[s] })), format: formatNumber, marker, ...partial })}
              ?empty=${tot.posts === 0}></chart-panel>
            <chart-panel heading=${t.campanas.topHashtags} filename=${`campana-${c.id}-hashtags`} .height=${barHeight(Math.min(10, k.topHashtags.length))}
              .config=${barChart({ labels: k.topHashtags.slice(0, 10).map((h) => `#${h.value}`), labelColumn: t.chart.hashtag, series: [{ label: t.kpi.posts, data: k.topHashtags.slice(0, 10).map((h) => h.posts) }], format: formatNumber })}
              ?empty=${k.topHashtags.length === 0}></chart-panel>
            <section class="panel" aria-labelledby=${`infl-${c.id}`}>
              <h3 id=${`infl-${c.id}`} style="margin-bottom:var(--space-3)">${t.campanas.influencersTop}</h3>
              ${renderTask(this.influencers, (authors) =>
                authors.length === 0
                  ? html`<p class="muted small">${t.chart.noData}</p>`
                  : html`<ol>${authors.map((a) => html`<li>${a.handle ? `@${a.handle}` : a.id.slice(0, 10)} <span class="muted">· ${platformName(a.platform, i18n.locale)} · ${formatNumber(a.followers)} ${i18n.t.campanas.followers}</span></li>`)}</ol>`,
              { compact: true })}
            </section>
          </div>`;
      })}
      <section class="panel impact" aria-labelledby=${`impact-${c.id}`}>
        <div class="impact-head">
          <h3 id=${`impact-${c.id}`}>${t.campanas.impact}</h3>
          <label>${t.campanas.impactMetric}
            <select @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value as ImpactMetricName)}>
              ${IMPACT_METRICS.map((m) => html`<option value=${m} ?selected=${m === this.metric}>${t.kpi[m]}</option>`)}
            </select>
          </label>
        </div>
        <p class="muted small">${t.campanas.impactPopulation}</p>
        ${renderTask(this.impact, (impact) => {
          const idx = impact.days.findIndex((d) => d.day === impact.launchDate);
          // Today (still filling) and any day cut short: dotted and noted, as on every other chart.
          const today = todayUtc();
          const format = this.metric === 'posts' ? formatNumber : this.metric === 'netSentiment' ? formatIndex : formatPercent;
          return html`<p class="sentence">${impact.summary}</p>
            <chart-panel heading=${`${t.kpi[this.metric]} · ${t.campanas.wholeConversation}`} filename=${`campana-${c.id}-impacto`} .height=${200}
              description=${t.campanas.impactPopulation}
              .config=${lineChart({
                labels: impact.days.map((d) => formatShortDay(d.day)),
                csvLabels: impact.days.map((d) => csvDate(d.day)),
                series: [{ label: t.kpi[this.metric], data: impact.days.map((d) => d.value) }],
                format,
                marker: idx >= 0 ? { index: idx, label: t.chart.launch } : null,
                partial: impact.days.map((d) => isPartial(d.day, 1, 1, today)),
                partialNote: t.chart.partialDay,
              })}
              ?empty=${impact.days.every((d) => d.value === null)}></chart-panel>`;
        }, { compact: true })}
      </section>`;
  }

  private choose(metric: ImpactMetricName) {
    this.chosenFor = this.campaign?.id ?? null;
    this.chosen = metric;
  }
}
customElements.define('campaign-summary', CampaignSummary);
declare global {
  interface HTMLElementTagNameMap {
    'campaign-summary': CampaignSummary;
  }
}
