import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { barChart } from '../charts/bars.js';
import '../elements/chart-panel.js';
import '../elements/country-map.js';
import { shared } from '../elements/styles.js';
import { formatIndex, formatNumber, formatPercent, isSmallSample } from '../format.js';
import { countryName, i18n, LocaleController } from '../i18n/index.js';
import { api, type BreakdownRow } from '../queries.js';
import { renderTask } from '../render.js';
import { AppStateController } from '../state/app-state.js';
import { toggleValue } from '../state/filter.js';
import type { Role } from '../state/session.js';

/**
 * `<view-territorio>`: the seven countries on a tile map and in a ranked table (every country
 * is shown whatever the country filter, so one can be added by clicking), then departments.
 * @prop userRole - the signed-in role
 */
export class ViewTerritorio extends LitElement {
  static override properties = { userRole: { attribute: false } };
  declare userRole: Role;
  private readonly state = new AppStateController(this);
  private readonly countries = new Task(this, {
    task: ([f], { signal }) => api.breakdown({ ...f, country: [] }, 'country', signal),
    args: () => [this.state.filter],
  });
  private readonly departments = new Task(this, { task: ([f], { signal }) => api.breakdown(f, 'admin1', signal, 25), args: () => [this.state.filter] });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-5); }
      /* Map and ranking share the row on a desktop (the map needs about half to keep its counts
         legible); on tablets and phones each takes the full width, the map first. */
      /* The ranking's six columns need the wider share; the map reads at 40 %. */
      .top { display: grid; gap: var(--space-4); grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); align-items: start; }
      @media (max-width: 1600px) { .top { grid-template-columns: minmax(0, 1fr); } }
      tr.selected th { color: var(--primary); }
      tbody tr { cursor: pointer; }
      tbody tr:hover { background: var(--hover); }
    `,
  ];

  override render() {
    const t = i18n.t;
    const selected = this.state.filter.country;
    return html`<div class="view-head"><h2>${t.territorio.title}</h2><p>${t.territorio.intro}</p></div>
      ${renderTask(this.countries, (rows) => {
        const known = rows.filter((r) => r.value !== '');
        const values = Object.fromEntries(known.map((r) => [r.value, r.posts]));
        return html`<div class="top">
          <section class="panel" aria-labelledby="map-h">
            <h3 id="map-h" style="margin-bottom:var(--space-3)">${t.territorio.map}</h3>
            <country-map label=${t.kpi.posts.toLowerCase()} .values=${values} .selected=${selected} @country-toggle=${(e: CustomEvent<string>) => this.toggle(e.detail)}></country-map>
          </section>
          <section class="panel" aria-labelledby="rank-h">
            <h3 id="rank-h" style="margin-bottom:var(--space-3)">${t.territorio.ranking}</h3>
            ${this.ranking(rows)}
          </section>
        </div>`;
      })}
      ${renderTask(this.departments, (rows) => {
        const known = rows.filter((r) => r.value !== '');
        // Values are 'HN:La Paz': the department, then its country (several share names).
        const label = (v: string) => {
          const at = v.indexOf(':');
          return at === -1 ? v : `${v.slice(at + 1)} (${countryName(v.slice(0, at))})`;
        };
        return html`<chart-panel heading=${t.territorio.departments} .height=${departmentsHeight(known.length)} ?empty=${known.length === 0}
          .config=${barChart({ labels: known.map((r) => label(r.value)), series: [{ label: t.kpi.posts, data: known.map((r) => r.posts) }], format: formatNumber })}></chart-panel>`;
      })}`;
  }

  private ranking(rows: BreakdownRow[]) {
    const t = i18n.t;
    const selected = this.state.filter.country;
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th scope="col">${t.filter.country}</th><th scope="col" class="num">${t.kpi.posts}</th><th scope="col" class="num">${t.kpi.authors}</th>
        <th scope="col" class="num">${t.kpi.interactions}</th><th scope="col" class="num">${t.kpi.netSentiment}</th><th scope="col" class="num">${t.kpi.misogynyRate}</th>
      </tr></thead>
      <tbody>${rows.map(
        (r) => html`<tr class=${selected.includes(r.value) ? 'selected' : ''} @click=${() => r.value && this.toggle(r.value)}>
          <th scope="row">${r.value ? html`<button type="button" class="ghost" style="padding:0;min-height:0" aria-pressed=${selected.includes(r.value) ? 'true' : 'false'}>${countryName(r.value)}</button>` : countryName('')}</th>
          <td class="num">${formatNumber(r.posts)}</td><td class="num">${formatNumber(r.authors)}</td><td class="num">${formatNumber(r.interactions)}</td>
          <td class="num">${r.sentiment.P + r.sentiment.N === 0 ? '—' : formatIndex(r.netSentiment)}</td><td class="num">${this.rate(r)}</td>
        </tr>`,
      )}</tbody>
    </table></div>
    ${rows.some((r) => r.analysed > 0 && isSmallSample(r.analysed)) ? html`<p class="muted small">* ${t.kpi.smallSampleNote}</p>` : null}`;
  }

  /** A misogyny rate, starred with its sample size when too few posts were analysed. */
  private rate(r: BreakdownRow) {
    if (r.analysed === 0) return '—';
    if (!isSmallSample(r.analysed)) return formatPercent(r.misogynyRate);
    return html`<span title=${i18n.t.kpi.smallSample(r.analysed)}>${formatPercent(r.misogynyRate)}*</span>`;
  }

  private toggle(code: string) {
    this.state.state.setFilter({ country: toggleValue(this.state.filter.country, code) });
  }
}
customElements.define('view-territorio', ViewTerritorio);
declare global {
  interface HTMLElementTagNameMap {
    'view-territorio': ViewTerritorio;
  }
}

/** Department labels ("Francisco Morazán (Honduras)") take two lines: 32 px a bar, no cap. */
export function departmentsHeight(n: number): number {
  return Math.max(160, 40 + n * 32);
}
