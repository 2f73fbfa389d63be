import { css, html, LitElement } from 'lit';
import { i18n, LocaleController } from '../i18n/index.js';
import { shared } from './styles.js';

export interface Option {
  value: string;
  label: string;
}

/**
 * `<multi-select>`: a compact drop-down of checkboxes (native `<details>`, so keyboard and
 * screen readers work without scripting). Empty selection means "all".
 * @attr label - the dimension ("Países")
 * @prop options - `{ value, label }[]`
 * @prop selected - selected values
 * @fires selection-change - `detail: string[]`, the new selection
 * @csspart summary - the button that opens the list
 */
export class MultiSelect extends LitElement {
  static override properties = { label: { type: String }, options: { attribute: false }, selected: { attribute: false } };
  declare label: string;
  declare options: Option[];
  declare selected: string[];

  constructor() {
    super();
    new LocaleController(this);
    this.label = '';
    this.options = [];
    this.selected = [];
  }

  static override styles = [
    shared,
    css`
      :host { display: inline-block; position: relative; }
      summary {
        list-style: none; cursor: pointer; display: inline-flex; align-items: center; gap: 0.375rem; min-height: 2.25rem;
        padding: 0.375rem 0.75rem; border: 1px solid var(--border-strong); border-radius: 6px; background: var(--surface); font-size: 0.875rem; white-space: nowrap;
      }
      summary::-webkit-details-marker { display: none; }
      summary::after { content: '▾'; color: var(--muted); font-size: 0.75rem; }
      .count { background: var(--primary); color: #fff; border-radius: 999px; padding: 0 0.4rem; font-size: 0.75rem; font-weight: 600; }
      .menu {
        position: absolute; z-index: 20; top: calc(100% + 4px); left: 0; min-width: 14rem; max-height: 20rem; overflow: auto;
        background: var(--surface); border: 1px solid var(--border-strong); border-radius: var(--radius); box-shadow: 0 8px 24px #1f1d2b26; padding: 0.25rem;
      }
      .menu label { display: flex; align-items: center; gap: 0.5rem; padding: 0.375rem 0.5rem; border-radius: 4px; color: var(--ink); font-weight: 400; font-size: 0.875rem; cursor: pointer; }
      .menu label:hover { background: var(--hover); }
      input { accent-color: var(--primary); width: 1rem; height: 1rem; }
      .none { padding: 0.5rem; color: var(--muted); font-size: 0.8125rem; }
    `,
  ];

  override render() {
    const n = this.selected.length;
    return html`<details @keydown=${this.onKey}>
      <summary part="summary" aria-label=${`${this.label}: ${n === 0 ? i18n.t.filter.all : n}`}>
        ${this.label}${n > 0 ? html`<span class="count">${n}</span>` : html`<span class="muted">· ${i18n.t.filter.all}</span>`}
      </summary>
      <div class="menu" role="group" aria-label=${this.label}>
        ${this.options.length === 0 ? html`<div class="none">—</div>` : null}
        ${this.options.map(
          (o) => html`<label><input type="checkbox" .checked=${this.selected.includes(o.value)} value=${o.value} @change=${this.onChange} />${o.label}</label>`,
        )}
      </div>
    </details>`;
  }

  private onChange(event: Event) {
    const input = event.target as HTMLInputElement;
    const next = input.checked ? [...this.selected, input.value] : this.selected.filter((v) => v !== input.value);
    this.selected = next;
    this.dispatchEvent(new CustomEvent('selection-change', { detail: next, bubbles: true, composed: true }));
  }

  private onKey(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      const details = this.renderRoot.querySelector('details');
      if (details?.open) {
        details.open = false;
        this.renderRoot.querySelector('summary')?.focus();
      }
    }
  }

  /** Closes the list when focus or a click goes elsewhere. */
  private readonly onOutside = (event: Event) => {
    if (!event.composedPath().includes(this)) {
      const details = this.renderRoot.querySelector('details');
      if (details) details.open = false;
    }
  };
  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.onOutside);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onOutside);
  }
}
customElements.define('multi-select', MultiSelect);
declare global {
  interface HTMLElementTagNameMap {
    'multi-select': MultiSelect;
  }
}
