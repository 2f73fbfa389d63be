import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { shares } from '../charts/aggregate.js';
import { barChart, barHeight } from '../charts/bars.js';
import '../elements/alert-list.js';
import '../elements/chart-panel.js';
import '../elements/empty-state.js';
import '../elements/kpi-card.js';
import { shared } from '../elements/styles.js';
import { formatDay, formatNumber, formatPercent } from '../format.js';
import { countryName, i18n, LocaleController, topicName } from '../i18n/index.js';
import { api, type Alert } from '../queries.js';
import type { SourceHealth } from '../../models/source-health.js';
import { loading, renderTask } from '../render.js';
import { AppStateController } from '../state/app-state.js';
import { activeCount, COUNTRIES, toggleValue } from '../state/filter.js';
import { can, type Role } from '../state/session.js';
import { sentimentChart, volumeChart } from './series-charts.js';

/** Alerts the overview lists at most. */
const LATEST_ALERTS = 5;

/**
 * The alerts that concern the filter's countries: an alert scoped to another country is left
 * out; an alert of a rule that watches every country (scope.country null), or stored before
 * alerts kept their scope, stays. No country in the filter: every alert.
 */
export function alertsInCountries<T extends Pick<Alert, 'scope'>>(alerts: readonly T[], countries: readonly string[]): T[] {
  if (countries.length === 0) return [...alerts];
  return alerts.filter((a) => !a.scope?.country || countries.includes(a.scope.country));
}

/**
 * `<view-resumen>`: the overview. Headline KPIs against the previous period, volume and
 * sentiment over time, topic share, posts by country (click to filter) and the latest alerts.
 * @prop userRole - the signed-in role
 */
export class ViewResumen extends LitElement {
  static override properties = { userRole: { attribute: false } };
  declare userRole: Role;
  private readonly state = new AppStateController(this);
  private readonly overview = new Task(this, { task: ([f], { signal }) => api.overview(f, signal), args: () => [this.state.filter] });
  private readonly series = new Task(this, { task: ([f], { signal }) => api.series(f, signal), args: () => [this.state.filter] });
  private readonly topics = new Task(this, {
    task: async ([f], { signal }) => {
      const [rows, overview] = await Promise.all([api.breakdown(f, 'topic', signal, 12), api.overview(f, signal)]);
      return { rows, total: overview.posts };
    },
    args: () => [this.state.filter],
  });
  private readonly countries = new Task(this, { task: ([f], { signal }) => api.breakdown(f, 'country', signal), args: () => [this.state.filter] });
  // The latest alerts of the filter's countries: with a country chosen, more are read so that
  // five of them remain once the others are left out.
  private readonly alerts = new Task(this, {
    task: async ([countries], { signal }) => {
      const chosen = countries ? countries.split(',') : [];
      const alerts = await api.alerts(signal, chosen.length > 0 ? 100 : LATEST_ALERTS);
      return alertsInCountries(alerts, chosen).slice(0, LATEST_ALERTS);
    },
    args: () => [this.state.filter.country.join(',')] as const,
  });
  /** The sources' state, to say truthfully why there is nothing (null when it cannot be read). */
  private readonly sources = new Task(this, {
    task: async ([_role], { signal }) => api.sourcesHealth(signal).catch(() => null),
    args: () => [this.userRole] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-5); }
      .wide { grid-column: 1 / -1; }
    `,
  ];

  override render() {
    const t = i18n.t;
    const f = this.state.filter;
    return html`<div class="view-head">
        <h2>${t.resumen.title}</h2>
        <p>${t.resumen.subtitle(formatDay(f.from), formatDay(f.to))}</p>
      </div>
      ${renderTask(this.overview, (o) =>
        o.posts === 0 && o.previous.posts === 0
          ? this.empty()
          : html`<div class="kpis" role="list">
              <kpi-card role="listitem" label=${t.kpi.posts} .value=${o.posts} .previous=${o.previous.posts}></kpi-card>
              <kpi-card role="listitem" label=${t.kpi.authors} .value=${o.authors} .previous=${o.previous.authors}></kpi-card>
              <kpi-card role="listitem" label=${t.kpi.potentialReach} help=${t.kpi.help.potentialReach ?? ''} .value=${o.potentialReach} .previous=${o.previous.potentialReach}></kpi-card>
              <kpi-card role="listitem" label=${t.kpi.interactions} .value=${o.interactions} .previous=${o.previous.interactions}></kpi-card>
              <kpi-card role="listitem" label=${t.kpi.netSentiment} format="index" rising-is-good help=${t.kpi.help.netSentiment ?? ''} .sample=${o.sentiment.P + o.sentiment.N} .value=${o.netSentiment} .previous=${o.previous.polar > 0 ? o.previous.netSentiment : null}></kpi-card>
              <kpi-card role="listitem" label=${t.kpi.misogynyRate} format="percent" rising-is-bad help=${t.kpi.help.misogynyRate ?? ''} .sample=${o.analysed} .value=${o.misogynyRate} .previous=${o.previous.analysed > 0 ? o.previous.misogynyRate : null}></kpi-card>
            </div>`,
      )}
      <div class="grid-2">
        ${renderTask(this.series, (points) => {
          const empty = points.every((p) => p.posts === 0);
          return html`<chart-panel heading=${t.resumen.volume} description=${`${formatNumber(points.reduce((n, p) => n + p.posts, 0))} ${t.kpi.posts.toLowerCase()}`} .config=${volumeChart(points)} ?empty=${empty}></chart-panel>
            <chart-panel heading=${t.resumen.sentiment} description=${t.kpi.help.netSentiment ?? ''} .config=${sentimentChart(points)} ?empty=${empty}></chart-panel>`;
        })}
        ${renderTask(this.topics, ({ rows, total }) => {
          const config = barChart({
            labels: rows.map((r) => topicName(r.value)),
            labelColumn: t.forms.rule.topic,
            series: [{ label: t.chart.share, data: shares(rows.map((r) => r.posts), total) }],
            format: formatPercent,
          });
          return html`<chart-panel heading=${t.resumen.topics} description=${rows.slice(0, 3).map((r) => topicName(r.value)).join(', ')} .config=${config} .height=${barHeight(rows.length)} ?empty=${rows.length === 0}
            @chart-click=${(e: CustomEvent<{ index: number }>) => this.toggle('topic', rows[e.detail.index]?.value)}></chart-panel>`;
        })}
        ${renderTask(this.countries, (rows) => {
          const known = rows.filter((r) => (COUNTRIES as readonly string[]).includes(r.value) || r.value === '');
          const config = barChart({
            labels: known.map((r) => countryName(r.value)),
            labelColumn: t.forms.rule.country,
            series: [{ label: t.kpi.posts, data: known.map((r) => r.posts) }],
            format: formatNumber,
          });
          return html`<chart-panel heading=${t.resumen.countries} description=${t.territorio.intro} .config=${config} .height=${barHeight(known.length)} ?empty=${known.length === 0}
            @chart-click=${(e: CustomEvent<{ index: number }>) => this.toggle('country', known[e.detail.index]?.value)}></chart-panel>`;
        })}
      </div>
      <section class="panel" aria-labelledby="alerts-h">
        <h3 id="alerts-h" style="margin-bottom:var(--space-3)">${t.resumen.alerts}</h3>
        ${renderTask(this.alerts, (alerts) => html`<alert-list .alerts=${alerts} compact></alert-list>`, { compact: true })}
      </section>`;
  }

  /**
   * Nothing in this period: say what is true. Filters or a period that left everything out; or
   * sources configured that never collected (how many fail, with a link to Fuentes); or, with no
   * source at all, how to bring data in.
   */
  private empty() {
    const t = i18n.t.resumen;
    if (this.sources.status === TaskStatus.INITIAL || this.sources.status === TaskStatus.PENDING) return loading();
    const health: SourceHealth | null = this.sources.value ?? null;
    const fuentes = can(this.userRole, 'analyst') ? html` <a href=${this.state.state.href('fuentes')} @click=${this.goFuentes}>${t.checkSources}</a>` : null;
    if (health && health.total > 0 && health.collected === 0) {
      const detail = i18n.t.app.failingDetail(health.offline, health.error);
      const why = health.enabled === 0 ? t.nonePaused : t.failingNow(health.failing, health.enabled, detail);
      return html`<empty-state heading=${t.empty}>${t.noneCollected(health.total)} ${why}${fuentes}</empty-state>`;
    }
    if ((health && health.collected > 0) || activeCount(this.state.filter) > 0) {
      return html`<empty-state heading=${t.emptyRange}>${t.emptyRangeHow}</empty-state>`;
    }
    if (health && health.total === 0) return html`<empty-state heading=${t.empty}>${t.emptyHow}</empty-state>`;
    return html`<empty-state heading=${t.empty}>${can(this.userRole, 'admin') ? t.emptyHow : t.emptyViewer}</empty-state>`;
  }

  private goFuentes(event: MouseEvent) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1) return;
    event.preventDefault();
    this.state.state.navigate('fuentes');
  }

  private toggle(key: 'topic' | 'country', value: string | undefined) {
    if (!value) return;
    this.state.state.setFilter({ [key]: toggleValue(this.state.filter[key], value) });
  }
}
customElements.define('view-resumen', ViewResumen);
declare global {
  interface HTMLElementTagNameMap {
    'view-resumen': ViewResumen;
  }
}
