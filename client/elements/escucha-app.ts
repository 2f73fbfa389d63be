import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { setApiLanguage, UNAUTHORIZED_EVENT } from '../api.js';
import { formatDateTime, formatDay } from '../format.js';
import { i18n, LocaleController, type Locale } from '../i18n/index.js';
import { api } from '../queries.js';
import type { IgnoredParam } from '../state/filter.js';
import { AppStateController, ROUTES, type RouteName } from '../state/app-state.js';
import { can, currentSession, signOut, type Session } from '../state/session.js';
import { renderView } from '../views/index.js';
import './filter-bar.js';
import './login-form.js';
import { shared } from './styles.js';
import './user-menu.js';

/** Views that read the global filter; the others (alerts, sources, briefs) hide the filter bar. */
const FILTERED: ReadonlySet<RouteName> = new Set(['resumen', 'campanas', 'narrativas', 'violencia', 'territorio', 'explorar']);

/**
 * `<escucha-app>`: the dashboard shell. Signs the user in, then shows the header (DEMO badge,
 * language, user menu), the section navigation, the global filter bar and the current view.
 */
export class EscuchaApp extends LitElement {
  static override properties = { session: { state: true } };
  declare session: Session | null | undefined;
  private readonly state = new AppStateController(this);
  private readonly sessionTask = new Task(this, {
    task: async (_args, { signal }) => {
      this.session = await currentSession(signal);
      return this.session;
    },
    args: () => [],
  });
  private readonly health = new Task(this, {
    task: (_args, { signal }) => api.health(signal),
    args: () => [],
  });
  /**
   * The sources' state (counts only, GET /api/sources/health, every signed-in role), read again
   * on every view change, for the banner shown when every enabled source is failing; when the
   * request fails there is no banner rather than an error.
   */
  private readonly sources = new Task(this, {
    task: async ([role], { signal }) => (role ? await api.sourcesHealth(signal).catch(() => null) : null),
    args: () => [this.session?.user.role, this.state.state.route] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.session = undefined;
    i18n.restore();
    setApiLanguage(i18n.locale);
    i18n.addEventListener('change', () => setApiLanguage(i18n.locale));
  }

  private readonly onUnauthorized = () => {
    this.session = null;
  };
  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
  }

  static override styles = [
    shared,
    css`
      :host { display: block; min-height: 100vh; }
      .skip { position: absolute; left: -999px; top: 0; background: #fff; color: var(--primary); padding: 0.5rem 1rem; z-index: 100; }
      .skip:focus { left: 0.5rem; top: 0.5rem; }
      header.top { background: var(--primary); color: #fff; display: flex; align-items: center; gap: var(--space-3); padding: 0.5rem var(--space-4); min-height: 3.5rem; }
      .brand { display: flex; align-items: center; gap: 0.5rem; font-weight: 700; font-size: 1.125rem; color: #fff; text-decoration: none; }
      .brand svg { width: 26px; height: 26px; }
      .tagline { font-size: 0.8125rem; opacity: 0.88; }
      .demo { background: #ffd166; color: #1f1d2b; font-weight: 800; font-size: 0.75rem; letter-spacing: 0.08em; padding: 0.2rem 0.5rem; border-radius: 4px; }
      .spacer { flex: 1; }
      .lang { display: flex; border: 1px solid #ffffff80; border-radius: 6px; overflow: hidden; }
      .lang button { min-height: 1.875rem; padding: 0.125rem 0.5rem; border: 0; border-radius: 0; background: transparent; color: #fff; font-size: 0.75rem; font-weight: 600; }
      .lang button[aria-pressed='true'] { background: #fff; color: var(--primary); }
      .lang button:focus-visible { outline: 3px solid #ffd166; outline-offset: -3px; }
      .layout { display: grid; grid-template-columns: 15rem 1fr; min-height: calc(100vh - 3.5rem); }
      nav { background: var(--surface); border-right: 1px solid var(--border); padding: var(--space-3) var(--space-2); }
      nav ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
      nav a { display: block; padding: 0.5rem 0.75rem; border-radius: 6px; color: var(--ink); text-decoration: none; font-size: 0.9rem; font-weight: 500; }
      nav a:hover { background: var(--hover); }
      nav a[aria-current='page'] { background: var(--primary-soft); color: var(--primary); font-weight: 650; box-shadow: inset 3px 0 0 var(--primary); }
      main { padding: var(--space-4) var(--space-5) var(--space-6); min-width: 0; }
      .filters { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: var(--space-3) var(--space-4); margin-bottom: var(--space-5); }
      footer { color: var(--muted); font-size: 0.75rem; margin-top: var(--space-6); }
      .banner { display: flex; gap: var(--space-3); align-items: flex-start; justify-content: space-between; flex-wrap: wrap; margin-bottom: var(--space-4); font-size: 0.875rem; line-height: 1.5; }
      .banner.down { border-left-color: var(--bad); background: #fdf1f0; }
      .banner ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
      .banner .body { flex: 1 1 20rem; min-width: 0; }
      .banner button { min-height: 2rem; padding: 0.25rem 0.625rem; }
      @media (max-width: 960px) {
        .layout { grid-template-columns: 1fr; }
        nav { border-right: 0; border-bottom: 1px solid var(--border); padding: var(--space-2); overflow-x: auto; }
        nav ul { display: flex; }
        nav a { white-space: nowrap; }
        nav a[aria-current='page'] { box-shadow: inset 0 -3px 0 var(--primary); }
        main { padding: var(--space-3); }
        .tagline { display: none; }
      }
    `,
  ];

  private get userRole() {
    return this.session?.user.role;
  }

  private routes(): RouteName[] {
    return ROUTES.filter((r) => r !== 'fuentes' || can(this.userRole, 'analyst'));
  }

  override render() {
    if (this.session === undefined) {
      return this.sessionTask.render({ error: (e) => html`<p role="alert" style="padding:2rem">${i18n.t.app.offline}: ${(e as Error).message}</p>` });
    }
    if (this.session === null || this.session.mustChangePassword) {
      return html`<login-form ?must-change=${this.session?.mustChangePassword === true} @signed-in=${this.onSignedIn}>
        <div slot="footer" style="margin-top:1rem">${this.languageSwitch(true)}</div>
      </login-form>`;
    }
    const t = i18n.t;
    const route = this.state.state.route;
    const demo = this.health.value?.demo === true;
    return html`<a class="skip" href="#main" @click=${this.skip}>${t.app.skip}</a>
      <header class="top">
        <a class="brand" href=${this.state.state.href('resumen')} @click=${(e: Event) => this.go(e, 'resumen')}>
          <svg viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="15" fill="#fff" /><path d="M9 17a7 7 0 0 1 14 0M12 17a4 4 0 0 1 8 0" stroke="#4b2e83" stroke-width="2.2" fill="none" stroke-linecap="round" /><circle cx="16" cy="19" r="2" fill="#4b2e83" /></svg>
          ${t.app.name}
        </a>
        ${demo ? html`<span class="demo" title=${t.app.demoTitle} role="note" aria-label=${t.app.demoTitle}>${t.app.demo}</span>` : null}
        <span class="tagline">${t.app.tagline}</span>
        <span class="spacer"></span>
        ${this.languageSwitch(false)}
        <user-menu .user=${this.session.user} @sign-out=${this.onSignOut}></user-menu>
      </header>
      <div class="layout">
        <nav aria-label=${t.nav.label}>
          <ul>
            ${this.routes().map(
              (r) => html`<li><a href=${this.state.state.href(r)} aria-current=${r === route ? 'page' : 'false'} @click=${(e: Event) => this.go(e, r)}>${t.nav[r]}</a></li>`,
            )}
          </ul>
        </nav>
        <main id="main" tabindex="-1">
          ${this.sourcesBanner()}
          ${FILTERED.has(route) ? html`<div class="filters"><filter-bar></filter-bar></div>` : null}
          ${this.ignoredNotice()}
          ${renderView(route, this.session.user.role)}
          <footer>${this.health.value ? `escucha v${this.health.value.version} · ${this.health.value.store} · ${this.health.value.queue}` : ''}</footer>
        </main>
      </div>`;
  }

  /** Every enabled source failing: nothing new reaches any view, so every view says so. */
  private sourcesBanner() {
    const health = this.sources.value;
    if (!health?.allFailing) return null;
    const t = i18n.t.app;
    const route = this.state.state.route;
    return html`<div class="notice banner down" role="alert" id="sources-down">
      <div class="body">
        <strong>${t.sourcesDown(health.enabled, t.failingDetail(health.offline, health.error))}</strong>
        ${t.lastCollected(health.lastSuccessAt ? formatDateTime(health.lastSuccessAt) : null)}
      </div>
      ${route === 'fuentes' ? null : html`<a class="button" href=${this.state.state.href('fuentes')} @click=${(e: Event) => this.go(e, 'fuentes')}>${t.seeSources}</a>`}
    </div>`;
  }

  /** A shared link asked for a filter that cannot be shown: say what was ignored and why. */
  private ignoredNotice() {
    const ignored = this.state.state.ignored;
    if (ignored.length === 0) return null;
    const t = i18n.t.filter;
    const f = this.state.filter;
    return html`<div class="notice banner" role="status" id="ignored-params">
      <div class="body">
        <strong>${t.ignoredTitle}</strong>
        <ul>${ignored.map((p) => html`<li>${ignoredText(p)}</li>`)}</ul>
        <p>${t.ignoredShown(formatDay(f.from), formatDay(f.to))}</p>
      </div>
      <button type="button" class="ghost" @click=${() => this.state.state.dismissIgnored()}>${i18n.t.app.dismiss}</button>
    </div>`;
  }

  private languageSwitch(onLight: boolean) {
    const set = (locale: Locale) => () => i18n.set(locale);
    return html`<div class="lang" role="group" aria-label=${i18n.t.app.language} style=${onLight ? 'border-color:var(--border-strong);display:inline-flex' : ''}>
      ${(['es', 'en'] as const).map(
        (l) => html`<button type="button" lang=${l} aria-pressed=${i18n.locale === l ? 'true' : 'false'} style=${onLight && i18n.locale !== l ? 'color:var(--ink)' : onLight ? 'background:var(--primary);color:#fff' : ''} @click=${set(l)}>${l.toUpperCase()}</button>`,
      )}
    </div>`;
  }

  private go(event: Event, route: RouteName) {
    const e = event as MouseEvent;
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button === 1) return;
    event.preventDefault();
    this.state.state.navigate(route);
    this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  private skip(event: Event) {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private onSignedIn(event: CustomEvent<Session>) {
    this.session = event.detail;
    if (event.detail.user.locale && !localStorage.getItem('escucha.locale')) i18n.set(event.detail.user.locale);
    this.health.run();
  }

  private async onSignOut() {
    await signOut().catch(() => undefined);
    this.session = null;
  }
}
/** One ignored URL parameter, in words. */
export function ignoredText(p: IgnoredParam): string {
  const t = i18n.t.filter.ignored;
  switch (p.reason) {
    case 'invalidDay':
      return t.invalidDay(p.key, p.value);
    case 'inverted':
      return t.inverted(p.from, p.to);
    case 'missingPair':
      return t.missingPair(p.key, p.value, p.other);
    case 'unknownValue':
      return t.unknownValue(p.key, p.value);
  }
}

customElements.define('escucha-app', EscuchaApp);
declare global {
  interface HTMLElementTagNameMap {
    'escucha-app': EscuchaApp;
  }
}
