import { css, html, LitElement } from 'lit';
import { ApiError } from '../api.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { changePassword, signIn, type Session } from '../state/session.js';
import { shared } from './styles.js';

// The API's bound (models/password-policy.ts, no zod in the bundle), checked here before the request.
import { MIN_PASSWORD_LENGTH } from '../../models/password-policy.js';
export { MIN_PASSWORD_LENGTH };

type PasswordField = 'current' | 'next' | 'confirm';

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
    fieldErrors: { state: true },
  };
  declare mustChange: boolean;
  declare busy: boolean;
  declare error: string;
  /** Per-field problems of the password change, already prefixed with the field's name. */
  declare fieldErrors: Partial<Record<PasswordField, string>>;

  constructor() {
    super();
    new LocaleController(this);
    this.mustChange = false;
    this.busy = false;
    this.error = '';
    this.fieldErrors = {};
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
      .problem { display: block; }
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
          ? html`${this.passwordField('current', t.currentPassword, 'current-password')}
              ${this.passwordField('next', t.newPassword, 'new-password')}
              ${this.passwordField('confirm', t.confirmPassword, 'new-password')}`
          : html`<div class="field"><label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required /></div>
              <div class="field"><label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required /></div>`}
        <p class="error" role="alert" aria-live="assertive">${Object.values(this.fieldErrors).map((problem) => html`<span class="problem">${problem}</span>`)}${this.error}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.signingIn : this.mustChange ? t.change : t.submit}</button>
      </form>
      <slot name="footer"></slot>
    </div>`;
  }

  private passwordField(name: PasswordField, label: string, autocomplete: string) {
    const error = this.fieldErrors[name];
    // The problem itself is read out in the form's alert, field name first.
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type="password" autocomplete=${autocomplete} required
        minlength=${name === 'current' ? 1 : MIN_PASSWORD_LENGTH}
        aria-invalid=${error ? 'true' : 'false'} />
    </div>`;
  }

  /** The password change's problems found before sending: field name, then what is wrong. */
  private checkPasswords(current: string, next: string, confirm: string): Partial<Record<PasswordField, string>> {
    const t = i18n.t.auth;
    const errors: Partial<Record<PasswordField, string>> = {};
    if (current === '') errors.current = `${t.currentPassword}: ${t.passwordRequired}`;
    if (next.length < MIN_PASSWORD_LENGTH) errors.next = `${t.newPasswordName}: ${t.passwordTooShort(MIN_PASSWORD_LENGTH)}`;
    else if (confirm !== next) errors.confirm = `${t.confirmPassword}: ${t.passwordMismatch}`;
    return errors;
  }

  /** A server validation error on the password change, with the fields named in words. */
  private passwordServerErrors(error: unknown): Partial<Record<PasswordField, string>> | null {
    if (!(error instanceof ApiError) || !error.details || typeof error.details !== 'object') return null;
    const fieldErrors = (error.details as { fieldErrors?: Record<string, unknown> }).fieldErrors ?? {};
    const t = i18n.t.auth;
    const names: Record<string, [PasswordField, string]> = {
      currentPassword: ['current', t.currentPassword],
      newPassword: ['next', t.newPasswordName],
    };
    const out: Partial<Record<PasswordField, string>> = {};
    for (const [key, messages] of Object.entries(fieldErrors)) {
      const field = names[key];
      if (field && Array.isArray(messages) && typeof messages[0] === 'string') out[field[0]] = `${field[1]}: ${messages[0]}`;
    }
    return Object.keys(out).length > 0 ? out : null;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.error = '';
    this.fieldErrors = {};
    if (this.mustChange) {
      const problems = this.checkPasswords(String(data.get('current') ?? ''), String(data.get('next') ?? ''), String(data.get('confirm') ?? ''));
      if (Object.keys(problems).length > 0) {
        this.fieldErrors = problems;
        return;
      }
    }
    this.busy = true;
    try {
      const session: Session = this.mustChange
        ? await changePassword(String(data.get('current') ?? ''), String(data.get('next') ?? ''))
        : await signIn(String(data.get('email') ?? '').trim(), String(data.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent('signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      const fields = this.mustChange ? this.passwordServerErrors(error) : null;
      if (fields) {
        this.fieldErrors = fields;
      } else {
        this.error = (error as Error).message;
      }
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
