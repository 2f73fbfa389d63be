import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { ApiError } from '../api.js';
import '../elements/empty-state.js';
import { shared } from '../elements/styles.js';
import { formatBytes, formatDateTime, formatDay } from '../format.js';
import { countryName, i18n, LocaleController } from '../i18n/index.js';
import { api, type Brief } from '../queries.js';
import { renderTask } from '../render.js';
import { can, type Role } from '../state/session.js';
import { COUNTRIES } from '../state/filter.js';
import { lastCompleteWeek, shiftWeek, weekRange } from '../../models/iso-week.js';

/**
 * A brief's scope in words: "Solo Belice · todas las campañas", "Todos los países · campañas:
 * Vidas libres". Campaign ids are shown by name when known.
 */
export function scopeText(scope: Brief['scope'], campaignNames: ReadonlyMap<string, string> = new Map()): string {
  const t = i18n.t.informes;
  const countries = scope.countries.length === 0 ? t.allCountries : t.onlyCountries(listOf(scope.countries.map(countryName)));
  const campaigns = scope.campaigns.length === 0 ? t.allCampaigns : t.campaigns(listOf(scope.campaigns.map((id) => campaignNames.get(id) ?? id)));
  return `${countries} · ${campaigns}`;
}

/** "Belice, Guatemala y Honduras" in the UI language. */
function listOf(items: string[]): string {
  try {
    return new Intl.ListFormat(i18n.intlLocale, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

const POLL_MS = 2_000;
/** Weeks offered for a brief of one's own scope: the last complete one and those before. */
const RECENT_WEEKS = 12;
const POLLS = 15;

/** The week's briefs already exist (409 ESCUCHA_BRIEF_EXISTS): what the server sent about them. */
interface ExistingBriefs {
  week: string;
  briefs: { id: string; locale: string; href: string }[];
  /** The scope of one's own asked for, when it was one: "Regenerar" asks for it again. */
  edition?: BriefEditionRequest;
}

type BriefEditionRequest = { locale: 'es' | 'en'; countries: string[]; campaigns: string[] };

/**
 * `<view-informes>`: weekly PDF briefs: list and download (everyone), generate (analysts; the
 * job is queued, so the list is polled until the briefs the server named appear, newer than the
 * request). When the week's briefs already exist the server says so (409) and the view offers
 * their links and an explicit "Regenerar"; it never promises a brief that will not come.
 * @prop userRole - the signed-in role
 */
export class ViewInformes extends LitElement {
  static override properties = { userRole: { attribute: false }, message: { state: true }, busy: { state: true }, existing: { state: true } };
  declare userRole: Role;
  declare message: string;
  declare busy: boolean;
  declare existing: ExistingBriefs | null;
  private readonly briefs = new Task(this, { task: (_args, { signal }) => api.briefs(signal), args: () => [] });
  /** Campaign names for the scope column; ids are shown if the list cannot be read. */
  private readonly campaignNames = new Task(this, {
    task: async (_args, { signal }) => {
      const campaigns = await api.campaigns(signal).catch(() => []);
      return new Map(campaigns.filter((c) => typeof c?.id === 'string' && typeof c?.name === 'string').map((c) => [c.id, c.name]));
    },
    args: () => [],
  });

  constructor() {
    super();
    new LocaleController(this);
    this.userRole = 'viewer';
    this.message = '';
    this.busy = false;
    this.existing = null;
  }

  static override styles = [
    shared,
    css`
      :host { display: grid; gap: var(--space-4); }
      .bar { display: flex; gap: var(--space-3); align-items: center; flex-wrap: wrap; }
      .custom form { display: flex; gap: var(--space-3); flex-wrap: wrap; align-items: flex-end; margin-top: var(--space-3); }
      .custom .field { display: grid; gap: 0.25rem; }
      .custom fieldset { border: 1px solid var(--border); border-radius: var(--radius); display: flex; gap: var(--space-2); flex-wrap: wrap; }
      .custom .check { display: inline-flex; gap: 0.25rem; align-items: center; }
    `,
  ];

  override render() {
    const t = i18n.t.informes;
    return html`<div class="view-head"><h2>${t.title}</h2><p>${t.intro}</p></div>
      ${can(this.userRole, 'analyst')
        ? html`<div class="bar">
            <button class="primary" type="button" ?disabled=${this.busy} @click=${() => this.generate()}>${this.busy ? t.generating : t.generate}</button>
            <span role="status" aria-live="polite" class="muted small">${this.message}</span>
            ${this.existing
              ? html`${this.existing.briefs.map((b) => html`<a class="button" href=${b.href} download>${t.download} (${b.locale.toUpperCase()})</a>`)}
                  <button type="button" ?disabled=${this.busy} title=${t.regenerateHint} @click=${() => this.generate(this.existing!.week, true, this.existing!.edition)}>${t.regenerate}</button>`
              : null}
          </div>
          ${this.renderCustom()}`
        : null}
      ${renderTask(this.briefs, (briefs) =>
        briefs.length === 0
          ? html`<empty-state heading=${t.title}>${t.empty}</empty-state>`
          : html`<div class="panel table-wrap"><table>
              <thead><tr><th scope="col">${t.week}</th><th scope="col">${t.period}</th><th scope="col">${t.scope}</th><th scope="col">${i18n.t.app.language}</th><th scope="col">${t.created}</th><th scope="col" class="num">${t.size}</th><th scope="col"><span class="sr-only">${t.download}</span></th></tr></thead>
              <tbody>${briefs.map(
                (b) => html`<tr>
                  <th scope="row">${b.week}</th>
                  <td>${formatDay(b.from)} – ${formatDay(b.to)}</td>
                  <td class="scope">${scopeText(b.scope, this.campaignNames.value)}</td>
                  <td><span title=${t.languages[b.locale] ?? ''}>${t.languages[b.locale] ?? b.locale.toUpperCase()}</span></td>
                  <td>${formatDateTime(b.createdAt)}</td>
                  <td class="num">${formatBytes(b.bytes)}</td>
                  <td><a class="button" href=${api.briefHref(b.id)} download>${t.download}</a></td>
                </tr>`,
              )}</tbody>
            </table></div>`,
      )}`;
  }

  /** The brief of one's own scope: week, language, countries and campaigns from the form. */
  private custom(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const locale = form.get('locale') === 'en' ? 'en' : 'es';
    const edition = {
      locale,
      countries: form.getAll('country').map(String),
      campaigns: form.getAll('campaign').map(String).filter(Boolean),
    } as const;
    void this.generate(String(form.get('week')), false, edition);
  }

  private renderCustom() {
    const t = i18n.t.informes;
    const weeks = Array.from({ length: RECENT_WEEKS }, (_, i) => shiftWeek(lastCompleteWeek(new Date()), -i));
    const campaigns = [...(this.campaignNames.value ?? new Map<string, string>())];
    return html`<details class="panel custom">
      <summary>${t.custom}</summary>
      <p class="muted small">${t.customHint}</p>
      <form @submit=${this.custom}>
        <label class="field"><span>${t.week}</span>
          <select name="week">${weeks.map((w) => {
            const r = weekRange(w);
            return html`<option value=${w}>${w} (${formatDay(r.from)} – ${formatDay(r.to)})</option>`;
          })}</select>
        </label>
        <label class="field"><span>${i18n.t.app.language}</span>
          <select name="locale"><option value="es">${t.languages.es}</option><option value="en">${t.languages.en}</option></select>
        </label>
        <fieldset><legend>${t.customCountries}</legend>
          ${COUNTRIES.map((c) => html`<label class="check"><input type="checkbox" name="country" value=${c} /> ${countryName(c)}</label>`)}
        </fieldset>
        ${campaigns.length > 0
          ? html`<label class="field"><span>${t.customCampaigns}</span>
              <select name="campaign" multiple size=${Math.min(5, campaigns.length)}>${campaigns.map(([id, name]) => html`<option value=${id}>${name}</option>`)}</select>
            </label>`
          : null}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.customGenerate}</button>
      </form>
    </details>`;
  }

  private async generate(week?: string, regenerate = false, edition?: BriefEditionRequest) {
    const t = i18n.t.informes;
    this.busy = true;
    this.message = '';
    this.existing = null;
    try {
      const queued = await api.generateBrief({ ...(week ? { week, regenerate } : {}), ...(edition ? { edition } : {}) });
      this.message = t.queuedWeek(queued.week);
      // Done when every brief the job writes is listed with a createdAt at or after the request.
      const ready = (briefs: { id: string; createdAt: string }[]) =>
        queued.briefs.every((id) => briefs.some((b) => b.id === id && b.createdAt >= queued.requestedAt));
      let done = false;
      for (let i = 0; i < POLLS && !done; i++) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        done = ready(await api.briefs());
      }
      this.message = done ? t.ready(queued.week) : t.slow(queued.week);
      this.briefs.run();
    } catch (error) {
      const details = error instanceof ApiError && error.code === 'ESCUCHA_BRIEF_EXISTS' ? (error.details as ExistingBriefs | undefined) : undefined;
      if (details) {
        this.existing = { ...details, ...(edition ? { edition } : {}) };
        this.message = t.exists(details.week);
      } else {
        this.message = (error as Error).message;
      }
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('view-informes', ViewInformes);
declare global {
  interface HTMLElementTagNameMap {
    'view-informes': ViewInformes;
  }
}
