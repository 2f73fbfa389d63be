import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { getJson } from '../api.js';
import './kpi-card.js';

interface Health {
  status: string;
  store: string;
  queue: string;
  version: string;
}
type Headline = Record<'posts' | 'authors' | 'interactions' | 'potentialReach' | 'netSentiment' | 'misogynyRate', number>;
type Overview = Headline & { previous: Headline };

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `<escucha-app>`: the dashboard shell. Shows the last 30 days' headline KPIs. */
export class EscuchaApp extends LitElement {
  private readonly health = new Task(this, {
    task: ([], { signal }) => getJson<Health>('/api/health', signal),
    args: () => [],
  });
  private readonly overview = new Task(this, {
    task: ([], { signal }) => {
      const to = Date.now();
      return getJson<Overview>(`/api/overview?from=${isoDay(to - 29 * DAY)}&to=${isoDay(to)}`, signal);
    },
    args: () => [],
  });

  static override styles = css`
    header { background: #512a7a; color: #fff; padding: 0.75rem 1.5rem; display: flex; gap: 1rem; align-items: baseline; }
    header h1 { font-size: 1.25rem; margin: 0; }
    main { padding: 1.5rem; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; }
    .status { font-size: 0.8rem; opacity: 0.85; }
    .empty { background: #fff; padding: 1rem; border-radius: 8px; }
  `;

  override render() {
    return html`<header>
        <h1>escucha</h1>
        <span class="status">${this.health.render({
          complete: (h) => `v${h.version} · ${h.store} · ${h.queue}`,
          error: () => 'sin conexión con el servidor',
        })}</span>
      </header>
      <main>
        <h2>Resumen — últimos 30 días</h2>
        ${this.overview.render({
          pending: () => html`<p>Cargando…</p>`,
          error: (e) => html`<p class="empty" role="alert">No se pudo cargar el resumen: ${(e as Error).message}</p>`,
          complete: (o) =>
            o.posts === 0
              ? html`<p class="empty">Todavía no hay publicaciones analizadas. Importe un archivo con
                  <code>npx escucha import publicaciones.jsonl</code> o configure una fuente.</p>`
              : html`<div class="kpis">
                  <kpi-card label="Publicaciones" .value=${o.posts} .previous=${o.previous.posts}></kpi-card>
                  <kpi-card label="Autores" .value=${o.authors} .previous=${o.previous.authors}></kpi-card>
                  <kpi-card label="Alcance potencial" .value=${o.potentialReach} .previous=${o.previous.potentialReach}></kpi-card>
                  <kpi-card label="Interacciones" .value=${o.interactions} .previous=${o.previous.interactions}></kpi-card>
                  <kpi-card label="Sentimiento neto" .value=${o.netSentiment} .previous=${o.previous.netSentiment}></kpi-card>
                  <kpi-card label="Tasa de misoginia" unit=" %" .value=${o.misogynyRate} .previous=${o.previous.misogynyRate}></kpi-card>
                </div>`,
        })}
      </main>`;
  }
}
customElements.define('escucha-app', EscuchaApp);
declare global {
  interface HTMLElementTagNameMap {
    'escucha-app': EscuchaApp;
  }
}
