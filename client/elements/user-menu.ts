import { css, html, LitElement } from 'lit';
import { i18n, LocaleController } from '../i18n/index.js';
import type { SessionUser } from '../state/session.js';
import { shared } from './styles.js';

/**
 * `<user-menu>`: who is signed in, with which role, and the sign-out button.
 * @prop user - the signed-in user
 * @fires sign-out - the user asked to sign out
 */
export class UserMenu extends LitElement {
  static override properties = { user: { attribute: false } };
  declare user: SessionUser | null;

  constructor() {
    super();
    new LocaleController(this);
    this.user = null;
  }

  static override styles = [
    shared,
    css`
      :host { display: inline-block; position: relative; }
      summary { list-style: none; cursor: pointer; display: flex; align-items: center; gap: 0.5rem; padding: 0.25rem 0.5rem; border-radius: 6px; color: #fff; }
      summary::-webkit-details-marker { display: none; }
      summary:hover { background: #ffffff1f; }
      summary:focus-visible { outline: 3px solid #fff; outline-offset: 2px; }
      .avatar { width: 2rem; height: 2rem; border-radius: 50%; background: #fff; color: var(--primary); display: grid; place-items: center; font-weight: 700; font-size: 0.875rem; }
      .who { display: grid; line-height: 1.2; text-align: left; }
      .who small { opacity: 0.85; font-size: 0.75rem; }
      .menu { position: absolute; right: 0; top: calc(100% + 6px); z-index: 30; min-width: 15rem; background: var(--surface); color: var(--ink); border: 1px solid var(--border-strong); border-radius: var(--radius); box-shadow: 0 8px 24px #1f1d2b26; padding: var(--space-3); display: grid; gap: var(--space-2); }
      @media (max-width: 720px) { .who { display: none; } }
    `,
  ];

  override render() {
    const user = this.user;
    if (!user) return null;
    const t = i18n.t.auth;
    const role = t.roles[user.role] ?? user.role;
    return html`<details>
      <summary aria-label=${`${t.userMenu}: ${user.name || user.email}, ${role}`}>
        <span class="avatar" aria-hidden="true">${(user.name || user.email).slice(0, 1).toUpperCase()}</span>
        <span class="who"><span>${user.name || user.email}</span><small>${role}</small></span>
      </summary>
      <div class="menu">
        <div><strong>${user.name}</strong><div class="muted small">${user.email}</div></div>
        <div class="small">${role}</div>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('sign-out', { bubbles: true, composed: true }))}>${t.logout}</button>
      </div>
    </details>`;
  }
}
customElements.define('user-menu', UserMenu);
declare global {
  interface HTMLElementTagNameMap {
    'user-menu': UserMenu;
  }
}
