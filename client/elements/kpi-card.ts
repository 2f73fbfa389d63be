import { css, html, LitElement } from 'lit';
import { formatChange, formatCompact, formatIndex, formatNumber, formatPercent, isSmallSample } from '../format.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { shared } from './styles.js';

export type KpiFormat = 'count' | 'percent' | 'index';

/**
 * `<kpi-card>`: one headline figure with its change against the previous period. Counts change
 * in percent; rates and indices in percentage points. Whether a rise is good is the metric's
 * business (`rising-is-bad` for misogyny), shown by colour and by the words, never colour alone.
 * @attr label - what the figure is, in the user's language
 * @attr format - `count` (default), `percent` (a rate in %) or `index` (net sentiment, −100..100)
 * @attr help - a definition, shown as the card's title and to screen readers
 * @prop value - the figure
 * @prop previous - the previous period's figure; null hides the comparison
 * @attr rising-is-bad - colour a rise as a warning (misogyny rate)
 * @attr rising-is-good - colour a rise as an improvement (net sentiment); otherwise changes stay neutral
 * @attr plain - no comparison line (figures without a previous period, like a campaign's totals)
 * @prop sample - the rate's denominator (posts analysed); under 30 the card says "small sample",
 *   at 0 it shows "—" and says there is nothing to compute it from
 *   and does not colour the change, which would be noise
 * @csspart value - the big number
 */
export class KpiCard extends LitElement {
  static override properties = {
    label: { type: String },
    value: { type: Number },
    previous: { type: Number },
    format: { type: String },
    help: { type: String },
    risingIsBad: { type: Boolean, attribute: 'rising-is-bad' },
    plain: { type: Boolean },
    risingIsGood: { type: Boolean, attribute: 'rising-is-good' },
    sample: { type: Number },
  };
  declare sample: number | null;
  declare risingIsGood: boolean;
  declare plain: boolean;
  declare label: string;
  declare value: number;
  declare previous: number | null;
  declare format: KpiFormat;
  declare help: string;
  declare risingIsBad: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.label = '';
    this.value = 0;
    this.previous = null;
    this.format = 'count';
    this.help = '';
    this.risingIsBad = false;
    this.plain = false;
    this.risingIsGood = false;
    this.sample = null;
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: var(--space-3) var(--space-4); height: 100%; }
      .label { font-size: 0.8125rem; color: var(--muted); font-weight: 500; }
      .value { font-size: 1.75rem; font-weight: 650; margin: 0.25rem 0 0.125rem; letter-spacing: -0.02em; font-variant-numeric: tabular-nums; }
      .change { font-size: 0.8125rem; color: var(--muted); display: flex; gap: 0.375rem; align-items: baseline; flex-wrap: wrap; }
      .delta { font-weight: 600; color: var(--ink); }
      .good { color: var(--good); }
      .bad { color: var(--bad); }
      .sample { font-size: 0.75rem; color: var(--warning-ink, var(--muted)); margin-top: 0.125rem; }
    `,
  ];

  private shown(value: number): string {
    if (this.format === 'percent') return formatPercent(value);
    if (this.format === 'index') return formatIndex(value);
    return value >= 100_000 ? formatCompact(value) : formatNumber(value);
  }

  override render() {
    const t = i18n.t.kpi;
    const previous = this.previous;
    const change = previous === null ? null : formatChange(this.value, previous, this.format === 'count' ? 'count' : 'points');
    const direction = previous === null ? 0 : Math.sign(this.value - previous);
    // A rate over no analysed post is not 0 %: it does not exist.
    const none = this.sample === 0;
    const small = this.sample !== null && !none && isSmallSample(this.sample);
    const judged = (this.risingIsBad || this.risingIsGood) && !small;
    const tone = direction === 0 || !judged ? '' : (direction > 0) === this.risingIsGood ? 'good' : 'bad';
    const arrow = direction > 0 ? '▲' : direction < 0 ? '▼' : '';
    return html`<div class="card" title=${this.help || ''}>
      <div class="label">${this.label}</div>
      <div class="value" part="value">${none ? '—' : this.shown(this.value)}</div>
      <div class="change" ?hidden=${this.plain}>
        ${none
          ? html`<span>${t.noSample}</span>`
          : change === null
          ? html`<span>${t.noPrevious}</span>`
          : html`<span class="delta ${tone}"><span aria-hidden="true">${arrow}</span> ${change}</span><span>${t.vsPrevious}</span>`}
      </div>
      ${small ? html`<div class="sample">${t.smallSample(this.sample ?? 0)}</div>` : null}
      ${this.help ? html`<span class="sr-only">${this.help}</span>` : null}
    </div>`;
  }
}
customElements.define('kpi-card', KpiCard);
declare global {
  interface HTMLElementTagNameMap {
    'kpi-card': KpiCard;
  }
}
