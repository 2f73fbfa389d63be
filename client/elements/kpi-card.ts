import { css, html, LitElement } from 'lit';
import { formatChange, formatNumber } from '../format.js';

/**
 * `<kpi-card>`: one headline figure with its change against the previous period.
 * @attr label - what the figure is, in the user's language
 */
export class KpiCard extends LitElement {
  static override properties = {
    label: { type: String },
    value: { type: Number },
    previous: { type: Number },
    locale: { type: String },
    unit: { type: String },
  };
  declare label: string;
  declare value: number;
  declare previous: number;
  declare locale: string;
  declare unit: string;

  constructor() {
    super();
    this.label = '';
    this.value = 0;
    this.previous = 0;
    this.locale = 'es';
    this.unit = '';
  }

  static override styles = css`
    :host { display: block; background: #fff; border-radius: 8px; padding: 1rem; box-shadow: 0 1px 2px #0002; }
    .label { font-size: 0.85rem; color: #4a4458; }
    .value { font-size: 1.8rem; font-weight: 600; margin: 0.25rem 0; }
    .change { font-size: 0.85rem; color: #4a4458; }
  `;

  override render() {
    return html`<div class="label">${this.label}</div>
      <div class="value">${formatNumber(this.value, this.locale)}${this.unit}</div>
      <div class="change">${formatChange(this.value, this.previous, this.locale)} vs. periodo anterior</div>`;
  }
}
customElements.define('kpi-card', KpiCard);
declare global {
  interface HTMLElementTagNameMap {
    'kpi-card': KpiCard;
  }
}
