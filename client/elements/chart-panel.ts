import type { Chart, ChartConfiguration } from 'chart.js';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { setupCharts } from '../charts/setup.js';
import { slug, tableHints, tableOf, toCsv, type Cell, type DataTable } from '../charts/table.js';
import { formatNumber } from '../format.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { shared } from './styles.js';

/**
 * `<chart-panel>`: a titled Chart.js chart with its table alternative and a CSV download.
 * The table is derived from the chart's labels and datasets unless `table` is given; the CSV
 * writes the chart's `csvLabels` (ISO dates) in place of its short axis labels, and every
 * column has a header.
 * @attr heading - the panel title
 * @attr description - one sentence read by screen readers in place of the chart
 * @attr note - a visible sentence under the title: what the figure measures, how to read it
 * @attr filename - CSV file name without extension (default: from the heading)
 * @prop config - a Chart.js configuration from `client/charts/*`
 * @prop table - the data as a table (optional)
 * @prop height - chart height in px (default 260)
 * @prop empty - show the "no data" message instead of the chart
 * @prop emptyText - that message, when "no data" would not say why (default: the generic one)
 * @fires chart-click - `detail: { index, label }` when a category is clicked
 * @slot actions - extra controls beside the table/CSV buttons
 * @csspart body - the chart or table area
 */
export class ChartPanel extends LitElement {
  static override properties = {
    heading: { type: String },
    description: { type: String },
    note: { type: String },
    filename: { type: String },
    config: { attribute: false },
    table: { attribute: false },
    height: { type: Number },
    empty: { type: Boolean },
    emptyText: { attribute: false },
    mode: { state: true },
  };
  declare heading: string;
  declare description: string;
  declare note: string;
  declare filename: string;
  declare config: ChartConfiguration | null;
  declare table: DataTable | null;
  declare height: number;
  declare empty: boolean;
  declare emptyText: string | null;
  declare mode: 'chart' | 'table';
  private chart: Chart | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.heading = '';
    this.description = '';
    this.note = '';
    this.filename = '';
    this.config = null;
    this.table = null;
    this.height = 260;
    this.empty = false;
    this.emptyText = null;
    this.mode = 'chart';
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .panel { height: 100%; display: flex; flex-direction: column; gap: var(--space-3); }
      header { display: flex; align-items: flex-start; justify-content: space-between; gap: var(--space-2); flex-wrap: wrap; }
      .tools { display: flex; gap: var(--space-1); flex-wrap: wrap; }
      .tools button { min-height: 2rem; padding: 0.25rem 0.625rem; font-size: 0.8125rem; }
      .canvas-box { position: relative; width: 100%; }
      .table-wrap { max-height: 22rem; overflow: auto; }
      .note { color: var(--muted); font-size: 0.8125rem; line-height: 1.45; margin-top: calc(-1 * var(--space-2)); }
      .none { color: var(--muted); font-size: 0.875rem; padding: var(--space-4) 0; }
    `,
  ];

  get data(): DataTable {
    return this.tableWith(null);
  }

  /** The table the CSV writes: sortable labels (ISO dates) where the chart gave them. */
  get csvData(): DataTable {
    return this.tableWith(this.config ? (tableHints(this.config).csvLabels ?? null) : null);
  }

  private tableWith(labels: string[] | null): DataTable {
    const t = i18n.t.chart;
    const table = this.table ?? (this.config ? this.derived(this.config, labels) : { columns: [], rows: [] });
    // A spreadsheet needs a name on every column.
    return { ...table, columns: table.columns.map((c, i) => c || (i === 0 ? t.category : t.value)) };
  }

  private derived(config: ChartConfiguration, labels: string[] | null): DataTable {
    const t = i18n.t.chart;
    const horizontal = config.type === 'bar' && config.options?.indexAxis === 'y';
    const first = tableHints(config).labelColumn ?? (horizontal ? t.category : t.date);
    return labels && labels.length === (config.data.labels ?? []).length ? tableOf(config, first, labels) : tableOf(config, first);
  }

  override render() {
    const t = i18n.t.chart;
    const showTable = this.mode === 'table';
    return html`<section class="panel" aria-label=${this.heading}>
      <header>
        <h3>${this.heading}</h3>
        <div class="tools">
          <slot name="actions"></slot>
          ${this.empty
            ? null
            : html`<button type="button" class="ghost" aria-pressed=${showTable ? 'true' : 'false'} @click=${this.toggle}>
                  ${showTable ? t.showChart : t.showTable}
                </button>
                <button type="button" class="ghost" @click=${this.download}>${t.csv}</button>`}
        </div>
      </header>
      ${this.note ? html`<p class="note">${this.note}</p>` : null}
      <div part="body">
        ${this.empty
          ? html`<p class="none">${this.emptyText ?? t.noData}</p>`
          : showTable
            ? this.renderTable()
            : html`<div class="canvas-box" style="height:${this.height}px">
                <canvas role="img" aria-label=${`${this.heading}. ${this.description}`}></canvas>
              </div>`}
      </div>
    </section>`;
  }

  private renderTable() {
    const { columns, rows } = this.data;
    const cell = (value: Cell) => (typeof value === 'number' ? formatNumber(value) : (value ?? '—'));
    return html`<div class="table-wrap">
      <table>
        <caption class="sr-only">${this.heading}</caption>
        <thead><tr>${columns.map((c, i) => html`<th scope="col" class=${i > 0 ? 'num' : ''}>${c}</th>`)}</tr></thead>
        <tbody>
          ${rows.map((row) => html`<tr>${row.map((v, i) => (i === 0 ? html`<th scope="row">${cell(v)}</th>` : html`<td class=${typeof v === 'number' ? 'num' : ''}>${cell(v)}</td>`))}</tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  private toggle() {
    this.mode = this.mode === 'chart' ? 'table' : 'chart';
  }

  private download() {
    const blob = new Blob([toCsv(this.csvData)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.filename || slug(this.heading)}.csv`;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.mode !== 'chart' || this.empty || !this.config) {
      this.destroyChart();
      return;
    }
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    // happy-dom and old browsers have no 2D context: keep the table, skip the drawing.
    if (!canvas.getContext('2d')) return;
    if (this.chart && this.chart.canvas === canvas && !changed.has('config')) return;
    this.destroyChart();
    const ChartJs = setupCharts();
    const config = this.config;
    this.chart = new ChartJs(canvas, {
      ...config,
      options: {
        ...config.options,
        onClick: (_event, elements) => {
          const index = elements[0]?.index;
          if (index === undefined) return;
          const label = String(config.data.labels?.[index] ?? '');
          this.dispatchEvent(new CustomEvent('chart-click', { detail: { index, label }, bubbles: true, composed: true }));
        },
      },
    } as ChartConfiguration);
  }

  private destroyChart() {
    this.chart?.destroy();
    this.chart = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyChart();
  }
}
customElements.define('chart-panel', ChartPanel);
declare global {
  interface HTMLElementTagNameMap {
    'chart-panel': ChartPanel;
  }
}
