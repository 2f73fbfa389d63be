import { html } from 'lit';
import type { RouteName } from '../state/app-state.js';
import type { Role } from '../state/session.js';
import './view-alertas.js';
import './view-campanas.js';
import './view-explorar.js';
import './view-fuentes.js';
import './view-informes.js';
import './view-narrativas.js';
import './view-resumen.js';
import './view-territorio.js';
import './view-violencia.js';

/** The element of each route, given the signed-in role (views hide what the role may not do). */
export function renderView(route: RouteName, role: Role) {
  switch (route) {
    case 'resumen':
      return html`<view-resumen .userRole=${role}></view-resumen>`;
    case 'campanas':
      return html`<view-campanas .userRole=${role}></view-campanas>`;
    case 'narrativas':
      return html`<view-narrativas .userRole=${role}></view-narrativas>`;
    case 'violencia':
      return html`<view-violencia .userRole=${role}></view-violencia>`;
    case 'territorio':
      return html`<view-territorio .userRole=${role}></view-territorio>`;
    case 'explorar':
      return html`<view-explorar .userRole=${role}></view-explorar>`;
    case 'alertas':
      return html`<view-alertas .userRole=${role}></view-alertas>`;
    case 'fuentes':
      return html`<view-fuentes .userRole=${role}></view-fuentes>`;
    case 'informes':
      return html`<view-informes .userRole=${role}></view-informes>`;
  }
}
