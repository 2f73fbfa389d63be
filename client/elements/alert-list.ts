import { css, html, LitElement } from 'lit';
import { formatDateTime, formatDay, formatNumber } from '../format.js';
import { alertText } from '../../analytics/alert-message.js';
import { i18n, LocaleController } from '../i18n/index.js';
import type { Alert } from '../queries.js';
import { shared } from './styles.js';

/**
 * `<alert-list>`: alerts newest first, each with its severity (word and colour), message,
 * bucket and observed vs expected value.
 * @prop alerts - the alerts to list
 * @attr compact - one line per alert (the overview)
 * @attr can-acknowledge - show the "mark as reviewed" button (analysts)
 * @fires acknowledge - `detail: string`, the alert id
 */
export class AlertList extends LitElement {
  static override properties = {
    alerts: { attribute: false },
    compact: { type: Boolean },
    canAcknowledge: { type: Boolean, attribute: 'can-acknowledge' },
  };
  declare alerts: Alert[];
  declare compact: boolean;
  declare canAcknowledge: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.alerts = [];
    this.compact = false;
    this.canAcknowledge = false;
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--space-2); }
      li { display: grid; grid-template-columns: auto 1fr auto; gap: var(--space-3); align-items: start; padding: var(--space-3); border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); }
      li.acked { opacity: 0.75; }
      .msg { line-height: 1.45; }
      .meta { color: var(--muted); font-size: 0.8125rem; margin-top: 0.125rem; }
      :host([compact]) li { padding: var(--space-2) var(--space-3); }
    `,
  ];

  override render() {
    const t = i18n.t.alertas;
    if (this.alerts.length === 0) return html`<p class="muted small">${i18n.t.resumen.noAlerts}</p>`;
    return html`<ul>
      ${this.alerts.map(
        (a) => html`<li class=${a.acknowledgedAt ? 'acked' : ''}>
          <span class="chip ${a.severity}">${t.severity[a.severity] ?? a.severity}</span>
          <div>
            <div class="msg">${alertText(a, i18n.locale)}</div>
            <div class="meta">
              ${formatBucket(a)}${this.compact ? null : html` · ${t.observed}: ${formatNumber(a.observed)} · ${t.expected}: ${formatNumber(a.expected)}`}
            </div>
          </div>
          ${a.acknowledgedAt
            ? html`<span class="chip">${t.acked}</span>`
            : this.canAcknowledge
              ? html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent('acknowledge', { detail: a.id, bubbles: true, composed: true }))}>${t.ack}</button>`
              : null}
        </li>`,
      )}
    </ul>`;
  }
}
customElements.define('alert-list', AlertList);


declare global {
  interface HTMLElementTagNameMap {
    'alert-list': AlertList;
  }
}

/**
 * When an alert's bucket was: a daily bucket is its (UTC) day — shown in the viewer's time
 * zone, midnight UTC would read as the evening before in Central America — an hourly one the
 * instant in the viewer's time zone. Alerts stored before granularity was kept: a bucket at
 * midnight UTC is taken as a day.
 */
export function formatBucket(alert: Pick<Alert, 'bucket' | 'granularity'>): string {
  const day = alert.granularity ? alert.granularity === 'day' : alert.bucket.endsWith('T00:00:00.000Z');
  return day ? formatDay(alert.bucket) : formatDateTime(alert.bucket);
}
