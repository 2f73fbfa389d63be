import { css, html, LitElement } from 'lit';
import { i18n, LocaleController } from '../i18n/index.js';
import { changePassword, signIn, type Session } from '../state/session.js';
import { shared } from './styles.js';

/**
 * `<login-form>`: the sign-in screen (POST /api/auth/login), and the forced change of a
 * one-time password when `must-change` is set.
 * @attr must-change - ask for a new password instead of signing in
 * @fires signed-in - `detail: Session` after a successful sign-in or password change
 * @slot footer - extra content under the form (language switch)
 */
export class LoginForm extends LitElement {
  static override properties = {
    mustChange: { type: Boolean, attribute: 'must-change' },
    busy: { state: true },
    error: { state: true },
  };
  declare mustChange: boolean;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    new LocaleController(this);
    this.mustChange = false;
    this.busy = false;
    this.error = '';
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; place-items: center; min-height: 100vh; padding: var(--space-4); background: var(--bg); }
      .card { width: min(100%, 24rem); background: var(--surface); border: 1px solid var(--border); border-radius: 12px; padding: var(--space-6); box-shadow: 0 12px 32px #1f1d2b14; }
      .brand { display: flex; align-items: center; gap: 0.5rem; margin-bottom: var(--space-4); color: var(--primary); font-weight: 700; font-size: 1.25rem; }
      .brand svg { width: 28px; height: 28px; }
      h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
      form { display: grid; gap: var(--space-3); margin-top: var(--space-4); }
      .field { display: grid; gap: 0.25rem; }
      input { width: 100%; }
      button.primary { justify-content: center; min-height: 2.5rem; }
      .error { color: var(--bad); font-size: 0.875rem; }
    `,
  ];

  override render() {
    const t = i18n.t.auth;
    return html`<div class="card">
      <div class="brand">
        <svg viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="15" fill="#4b2e83" /><path d="M9 17a7 7 0 0 1 14 0M12 17a4 4 0 0 1 8 0" stroke="#fff" stroke-width="2.2" fill="none" stroke-linecap="round" /><circle cx="16" cy="19" r="2" fill="#fff" /></svg>
        escucha
      </div>
      <h1>${this.mustChange ? t.change : t.title}</h1>
      <p class="muted small">${this.mustChange ? t.mustChange : t.intro}</p>
      <form @submit=${this.submit} novalidate>
        ${this.mustChange
          ? html`<div class="field"><label for="current">${t.currentPassword}</label><input id="current" name="current" type="password" autocomplete="current-password" required /></div>
              <div class="field"><label for="next">${t.newPassword}</label><input id="next" name="next" type="password" autocomplete="new-password" minlength="10" required /></div>`
          : html`<div class="field"><label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required /></div>
              <div class="field"><label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required /></div>`}
        <p class="error" role="alert" aria-live="assertive">${this.error}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.signingIn : this.mustChange ? t.change : t.submit}</button>
      </form>
      <slot name="footer"></slot>
    </div>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const session: Session = this.mustChange
        ? await changePassword(String(data.get('current') ?? ''), String(data.get('next') ?? ''))
        : await signIn(String(data.get('email') ?? '').trim(), String(data.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent('signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('login-form', LoginForm);
declare global {
  interface HTMLElementTagNameMap {
    'login-form': LoginForm;
  }
}
