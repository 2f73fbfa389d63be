import { css, html, LitElement } from 'lit';
import { shared } from './styles.js';

/**
 * `<empty-state>`: what to do when there is nothing to show (no data, no sources, not
 * available yet, an error). Says what happened and what to do next.
 * @attr heading - the short statement ("No hay fuentes configuradas")
 * @attr kind - `empty` (default), `unavailable` or `error`: sets the accent and the ARIA role
 * @slot - the explanation and next step
 * @csspart box - the framed box
 */
export class EmptyState extends LitElement {
  static override properties = { heading: { type: String }, kind: { type: String, reflect: true } };
  declare heading: string;
  declare kind: 'empty' | 'unavailable' | 'error';

  constructor() {
    super();
    this.heading = '';
    this.kind = 'empty';
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .box { border: 1px dashed var(--border-strong); border-radius: var(--radius); padding: var(--space-4); background: var(--surface); }
      :host([kind='error']) .box { border: 1px solid #e6b3b0; border-left: 4px solid #b3261e; }
      :host([kind='unavailable']) .box { border-style: solid; border-left: 4px solid var(--muted); }
      strong { display: block; margin-bottom: 0.25rem; font-size: 0.9375rem; }
      .body { color: var(--muted); font-size: 0.875rem; line-height: 1.5; }
    `,
  ];

  override render() {
    return html`<div class="box" part="box" role=${this.kind === 'error' ? 'alert' : 'status'}>
      ${this.heading ? html`<strong>${this.heading}</strong>` : null}
      <div class="body"><slot></slot></div>
    </div>`;
  }
}
customElements.define('empty-state', EmptyState);
declare global {
  interface HTMLElementTagNameMap {
    'empty-state': EmptyState;
  }
}
