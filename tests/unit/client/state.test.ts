import { describe, expect, test } from 'vitest';
import { COUNTRIES as MODEL_COUNTRIES, PLATFORMS as MODEL_PLATFORMS } from '../../../models/common.js';
import { TOPICS as MODEL_TOPICS } from '../../../models/enrichment.js';
import { pathOf, routeFromPath, ROUTES } from '../../../client/state/app-state.js';
import {
  activeCount,
  addDays,
  apiQuery,
  COUNTRIES,
  filterFromSearch,
  filterToSearch,
  lastDays,
  PLATFORMS,
  rangeDays,
  toggleValue,
  TOPICS,
} from '../../../client/state/filter.js';
import { can } from '../../../client/state/session.js';
import { en } from '../../../client/i18n/en.js';
import { es } from '../../../client/i18n/es.js';

const TODAY = new Date('2026-11-28T15:00:00Z');

describe('filter in the URL', () => {
  test('client constants mirror the models', () => {
    expect([...COUNTRIES]).toEqual([...MODEL_COUNTRIES]);
    expect([...PLATFORMS]).toEqual([...MODEL_PLATFORMS]);
    expect([...TOPICS]).toEqual([...MODEL_TOPICS]);
  });

  test.each([
    ['', { from: '2026-10-30', to: '2026-11-28', country: [] }],
    ['from=2026-11-01&to=2026-11-07&country=GT,HN', { from: '2026-11-01', to: '2026-11-07', country: ['GT', 'HN'] }],
    ['from=2026-11-07&to=2026-11-01', { from: '2026-10-30', to: '2026-11-28', country: [] }],
    ['from=nope&to=2026-11-01&country=XX,GT,GT', { from: '2026-10-30', to: '2026-11-28', country: ['GT'] }],
    ['from=2026-11-01&to=2026-11-31', { from: '2026-10-30', to: '2026-11-28', country: [] }],
  ])('filterFromSearch(%s)', (search, expected) => {
    expect(filterFromSearch(search, TODAY)).toMatchObject(expected);
  });

  test('invalid list values are dropped, repeated keys merged', () => {
    const f = filterFromSearch('topic=femicidio&topic=Bad Id&lang=es,fr&platform=x&campaign=vidas-libres', TODAY);
    expect(f).toMatchObject({ topic: ['femicidio'], lang: ['es'], platform: ['x'], campaign: ['vidas-libres'] });
  });

  test('round trip keeps view parameters', () => {
    const f = filterFromSearch('from=2026-11-01&to=2026-11-07&topic=trata', TODAY);
    const params = filterToSearch(f, new URLSearchParams('q=hola&country=GT'));
    expect(params.toString()).toBe('q=hola&from=2026-11-01&to=2026-11-07&topic=trata');
    expect(filterFromSearch(params, TODAY)).toEqual(f);
  });

  test('apiQuery adds extras and skips empty ones', () => {
    const f = filterFromSearch('from=2026-11-01&to=2026-11-07&country=SV', TODAY);
    expect(apiQuery(f, { limit: 5, cursor: null, q: '' })).toBe('from=2026-11-01&to=2026-11-07&country=SV&limit=5');
  });

  test.each([
    [7, { from: '2026-11-22', to: '2026-11-28' }],
    [30, { from: '2026-10-30', to: '2026-11-28' }],
  ])('lastDays(%i)', (n, range) => {
    expect(lastDays(TODAY, n)).toEqual(range);
    expect(rangeDays(range)).toBe(n);
  });

  test('helpers', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(toggleValue(['GT'], 'GT')).toEqual([]);
    expect(toggleValue(['GT'], 'HN')).toEqual(['GT', 'HN']);
    expect(activeCount(filterFromSearch('country=GT,HN&lang=es', TODAY))).toBe(3);
  });
});

describe('routes and roles', () => {
  test.each([
    ['/', 'resumen'],
    ['/campanas', 'campanas'],
    ['/informes/', 'informes'],
    ['/desconocida', 'resumen'],
  ])('routeFromPath(%s) = %s', (path, route) => expect(routeFromPath(path)).toBe(route));

  test('every route has a path and a label in both languages', () => {
    for (const route of ROUTES) {
      expect(routeFromPath(pathOf(route))).toBe(route);
      expect(es.nav[route]).toBeTruthy();
      expect(en.nav[route]).toBeTruthy();
    }
  });

  test.each([
    ['admin', 'analyst', true],
    ['analyst', 'analyst', true],
    ['viewer', 'analyst', false],
    [undefined, 'viewer', false],
  ] as const)('%s can act as %s: %s', (role, needed, allowed) => expect(can(role, needed)).toBe(allowed));
});

describe('catalogues', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  test('English has every Spanish message', () => {
    expect(keys(en).sort()).toEqual(keys(es).sort());
  });
  test('every shipped topic is named', () => {
    for (const topic of MODEL_TOPICS) {
      expect(es.labels.topics[topic]).toBeTruthy();
      expect(en.labels.topics[topic]).toBeTruthy();
    }
  });
});
