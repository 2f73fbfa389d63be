import { css, html, LitElement, svg, unsafeCSS } from 'lit';
import { inkOn, sequential } from '../charts/palette.js';
import { formatNumber } from '../format.js';
import { countryName, i18n, LocaleController } from '../i18n/index.js';
import { shared } from './styles.js';

/** Tile positions (column, row) that keep the seven countries roughly where they lie. */
export const TILES: Record<string, [number, number]> = {
  BZ: [1.1, 0], GT: [0, 0.75], HN: [1.6, 1.05], SV: [0.55, 1.85], CR: [2.1, 2.7], PA: [3.2, 3.05], DO: [3.9, 0.2],
};
/**
 * Tile size and type in viewBox units. The map is drawn about 500 px wide beside the ranking
 * (desktop) and full width on tablets, so 22 / 20 units stay ≥ 16 px on screen: counts readable.
 */
export const TILE = { w: 120, h: 84, gap: 10, code: 22, count: 20 } as const;
const W = TILE.w;
const H = TILE.h;
const GAP = TILE.gap;
/** The drawing's extent: the right-most and lowest tiles plus one tile. */
export const MAP_SIZE = {
  width: Math.max(...Object.values(TILES).map(([c]) => c)) * (W + GAP) + W,
  height: Math.max(...Object.values(TILES).map(([, r]) => r)) * (H + GAP) + H,
};

/**
 * `<country-map>`: a tile cartogram of the seven countries, shaded by a value (posts). A tile is
 * a button: click or Enter/Space toggles that country in the global filter.
 * @prop values - value per country code
 * @prop selected - selected country codes (outlined)
 * @attr label - the measure's name, for the accessible description
 * @fires country-toggle - `detail: string`, the country code
 */
export class CountryMap extends LitElement {
  static override properties = { values: { attribute: false }, selected: { attribute: false }, label: { type: String } };
  declare values: Record<string, number>;
  declare selected: string[];
  declare label: string;

  constructor() {
    super();
    new LocaleController(this);
    this.values = {};
    this.selected = [];
    this.label = '';
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      svg { display: block; width: 100%; height: auto; max-height: 28rem; }
      g.tile { cursor: pointer; }
      g.tile:focus { outline: none; }
      g.tile:focus-visible rect.ring, g.tile.selected rect.ring { stroke: var(--focus); stroke-width: 4; }
      g.tile:hover rect.fill { filter: brightness(0.95); }
      .legend { display: flex; align-items: center; gap: var(--space-2); font-size: 0.75rem; color: var(--muted); margin-top: var(--space-2); }
      .legend { font-size: 0.8125rem; }
      .ramp { width: 10rem; height: 0.625rem; border-radius: 2px; background: linear-gradient(90deg, ${unsafeCSS(sequential(0))}, ${unsafeCSS(sequential(1))}); border: 1px solid var(--border); }
    `,
  ];

  override render() {
    const max = Math.max(1, ...Object.values(this.values));
    const { width, height } = MAP_SIZE;
    return html`<svg viewBox="0 0 ${width} ${height}" role="group" aria-label=${this.label}>
        ${Object.entries(TILES).map(([code, [col, row]]) => {
          const value = this.values[code] ?? 0;
          const k = value / max;
          const x = col * (W + GAP);
          const y = row * (H + GAP);
          const selected = this.selected.includes(code);
          const name = countryName(code);
          return svg`<g class="tile ${selected ? 'selected' : ''}" role="button" tabindex="0" aria-pressed=${selected ? 'true' : 'false'}
              aria-label=${`${name}: ${formatNumber(value)} ${this.label}`} data-country=${code}
              @click=${() => this.toggle(code)} @keydown=${(e: KeyboardEvent) => this.onKey(e, code)}>
            <title>${name}: ${formatNumber(value)}</title>
            <rect class="fill" x=${x} y=${y} width=${W} height=${H} rx="8" fill=${sequential(k)} />
            <rect class="ring" x=${x} y=${y} width=${W} height=${H} rx="8" fill="none" stroke="#c4bfd1" stroke-width="1" />
            <text x=${x + W / 2} y=${y + 35} text-anchor="middle" font-size=${TILE.code} font-weight="700" fill=${inkOn(k)}>${code}</text>
            <text x=${x + W / 2} y=${y + 64} text-anchor="middle" font-size=${TILE.count} font-weight="600" fill=${inkOn(k)} style="font-variant-numeric:tabular-nums">${formatNumber(value)}</text>
          </g>`;
        })}
      </svg>
      <div class="legend" aria-hidden="true"><span>0</span><span class="ramp"></span><span>${formatNumber(max)} ${i18n.t.kpi.posts.toLowerCase()}</span></div>`;
  }

  private toggle(code: string) {
    this.dispatchEvent(new CustomEvent('country-toggle', { detail: code, bubbles: true, composed: true }));
  }

  private onKey(event: KeyboardEvent, code: string) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.toggle(code);
    }
  }
}
customElements.define('country-map', CountryMap);
declare global {
  interface HTMLElementTagNameMap {
    'country-map': CountryMap;
  }
}
