import { platformName } from '../../models/platform-names.js';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { countryName, i18n, LocaleController, topicName } from '../i18n/index.js';
import { api } from '../queries.js';
import { AppStateController } from '../state/app-state.js';
import { activeCount, COUNTRIES, LANGS, lastDays, LIST_KEYS, PLATFORMS, rangeDays, TOPICS, type Filter, type ListKey } from '../state/filter.js';
import './multi-select.js';
import type { Option } from './multi-select.js';
import { shared } from './styles.js';

const PRESETS = [7, 30, 90] as const;

/**
 * `<filter-bar>`: the global filter (dates, countries, platforms, topics, campaigns, language),
 * read from and written to the URL through `appState`, so every view and shared link agree.
 * Active selections show as removable chips.
 * @csspart bar - the row of controls
 */
export class FilterBar extends LitElement {
  private readonly state = new AppStateController(this);
  private readonly campaigns = new Task(this, {
    task: async (_args, { signal }) => api.campaigns(signal).catch(() => []),
    args: () => [],
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .bar { display: flex; flex-wrap: wrap; gap: var(--space-2); align-items: flex-end; }
      .field { display: flex; flex-direction: column; gap: 0.25rem; }
      .dates { display: flex; gap: var(--space-2); align-items: flex-end; }
      .chips { display: flex; flex-wrap: wrap; gap: var(--space-1); margin-top: var(--space-2); align-items: center; }
      .chips button { min-height: 1.75rem; padding: 0.125rem 0.5rem; border-radius: 999px; font-size: 0.75rem; background: var(--chip); border-color: transparent; }
      .chips button span[aria-hidden] { font-weight: 700; }
      .clear { font-size: 0.8125rem; }
    `,
  ];

  private options(key: ListKey): Option[] {
    const t = i18n.t;
    switch (key) {
      case 'country':
        return COUNTRIES.map((c) => ({ value: c, label: countryName(c) }));
      case 'platform':
        return PLATFORMS.map((p) => ({ value: p, label: platformName(p, i18n.locale) }));
      case 'topic':
        return TOPICS.map((id) => ({ value: id, label: topicName(id) })).sort((a, b) => a.label.localeCompare(b.label, i18n.locale));
      case 'campaign':
        return (this.campaigns.value ?? []).map((c) => ({ value: c.id, label: c.name }));
      case 'lang':
        return LANGS.map((l) => ({ value: l, label: t.labels.langs[l] ?? l }));
    }
  }

  private label(key: ListKey, value: string): string {
    return this.options(key).find((o) => o.value === value)?.label ?? value;
  }

  override render() {
    const t = i18n.t.filter;
    const filter = this.state.filter;
    const days = rangeDays(filter);
    const preset = PRESETS.find((n) => n === days && filter.to === lastDays(new Date(), n).to);
    const n = activeCount(filter);
    return html`<div class="bar" part="bar" role="group" aria-label=${t.label}>
        <div class="field">
          <label for="range">${t.range}</label>
          <select id="range" @change=${this.onPreset}>
            ${PRESETS.map((p) => html`<option value=${p} ?selected=${preset === p}>${t[`last${p}`]}</option>`)}
            <option value="custom" ?selected=${preset === undefined}>${t.custom}</option>
          </select>
        </div>
        <div class="dates">
          <div class="field"><label for="from">${t.from}</label><input id="from" type="date" .value=${filter.from} max=${filter.to} @change=${this.onDate} /></div>
          <div class="field"><label for="to">${t.to}</label><input id="to" type="date" .value=${filter.to} min=${filter.from} @change=${this.onDate} /></div>
        </div>
        ${LIST_KEYS.map(
          (key) => html`<multi-select data-key=${key} label=${t[key]} .options=${this.options(key)} .selected=${filter[key]}
            @selection-change=${(e: CustomEvent<string[]>) => this.state.state.setFilter({ [key]: e.detail } as Partial<Filter>)}></multi-select>`,
        )}
      </div>
      ${n > 0
        ? html`<div class="chips" aria-label=${t.active(n)}>
            ${LIST_KEYS.flatMap((key) =>
              filter[key].map((value) => {
                const label = this.label(key, value);
                return html`<button type="button" aria-label=${t.remove(label)} @click=${() => this.state.state.setFilter({ [key]: filter[key].filter((v) => v !== value) } as Partial<Filter>)}>
                  ${label} <span aria-hidden="true">×</span>
                </button>`;
              }),
            )}
            <button type="button" class="ghost clear" @click=${this.clear}>${t.clear}</button>
          </div>`
        : null}`;
  }

  private onPreset(event: Event) {
    const value = (event.target as HTMLSelectElement).value;
    if (value === 'custom') {
      this.renderRoot.querySelector<HTMLInputElement>('#from')?.focus();
      return;
    }
    this.state.state.setFilter(lastDays(new Date(), Number(value)));
  }

  private onDate() {
    const from = this.renderRoot.querySelector<HTMLInputElement>('#from')!.value;
    const to = this.renderRoot.querySelector<HTMLInputElement>('#to')!.value;
    if (from && to && from <= to) this.state.state.setFilter({ from, to });
  }

  private clear() {
    this.state.state.setFilter({ country: [], platform: [], topic: [], campaign: [], lang: [] });
  }
}
customElements.define('filter-bar', FilterBar);
declare global {
  interface HTMLElementTagNameMap {
    'filter-bar': FilterBar;
  }
}
