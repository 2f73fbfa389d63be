// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import '../../../client/views/view-informes.js';
import { i18n } from '../../../client/i18n/index.js';
import { deepText, settle } from './fixtures.js';

const LISTED = [{ id: '2026-w47_es', week: '2026-W47', from: '2026-11-16', to: '2026-11-22', locale: 'es', scope: { countries: [], campaigns: [] }, bytes: 20480, createdAt: '2026-11-23T06:00:00.000Z' }];
const EXISTS = {
  error: {
    message: 'El informe de la semana 2026-W47 ya existe.',
    code: 'ESCUCHA_BRIEF_EXISTS',
    status: 409,
    details: { week: '2026-W47', briefs: [{ id: '2026-w47_es', locale: 'es', createdAt: LISTED[0]!.createdAt, href: '/api/briefs/2026-w47_es/pdf' }] },
  },
};

beforeEach(() => i18n.set('es'));
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('<view-informes> generating a brief', () => {
  test('says the week’s brief already exists, links it and regenerates only on request', async () => {
    const posts: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { regenerate?: boolean };
        posts.push(body);
        if (!body.regenerate) return new Response(JSON.stringify(EXISTS), { status: 409, headers: { 'content-type': 'application/json' } });
        return new Response(JSON.stringify({ queued: true, job: 'brief', week: '2026-W47', briefs: ['2026-w47_es'], regenerate: true, requestedAt: '2026-11-29T00:00:00.000Z' }), { status: 202, headers: { 'content-type': 'application/json' } });
      }
      void input;
      return new Response(JSON.stringify(LISTED), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    const el = document.createElement('view-informes') as HTMLElement & { userRole: string };
    el.userRole = 'analyst';
    document.body.append(el);
    await settle(60);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await settle(60);
    const text = deepText(el);
    expect(text).toContain('El informe de la semana 2026-W47 ya existe');
    expect(text).not.toContain('aparecerá en la lista');
    expect([...el.shadowRoot!.querySelectorAll('.bar a')].map((a) => a.getAttribute('href'))).toEqual(['/api/briefs/2026-w47_es/pdf']);

    const regenerate = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.bar button')].find((b) => b.textContent!.trim() === 'Regenerar')!;
    regenerate.click();
    await settle(60);
    expect(posts).toEqual([{}, { week: '2026-W47', regenerate: true }]);
    expect(deepText(el)).toContain('Generando el informe de la semana 2026-W47');
  });

  test('asks for a brief of one’s own week, language, countries and campaigns', async () => {
    const posts: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') {
        posts.push(JSON.parse(String(init.body)));
        return new Response(JSON.stringify({ queued: true, job: 'brief', week: '2026-W45', briefs: ['2026-w45_en_c-bz'], regenerate: false, requestedAt: '2026-11-29T00:00:00.000Z' }), { status: 202, headers: { 'content-type': 'application/json' } });
      }
      const url = String(input);
      const body = url.includes('/api/campaigns') ? [{ id: 'safe-belize', name: 'Safe Belize' }] : LISTED;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    const el = document.createElement('view-informes') as HTMLElement & { userRole: string };
    el.userRole = 'analyst';
    document.body.append(el);
    await settle(60);
    const root = el.shadowRoot!;
    expect(deepText(root.querySelector('details.custom')!)).toContain('Informe a medida');
    const week = root.querySelector<HTMLSelectElement>('select[name="week"]')!;
    expect(week.options.length).toBe(12);
    week.value = week.options[2]!.value;
    root.querySelector<HTMLSelectElement>('select[name="locale"]')!.value = 'en';
    root.querySelector<HTMLInputElement>('input[name="country"][value="BZ"]')!.checked = true;
    const campaign = root.querySelector<HTMLSelectElement>('select[name="campaign"]')!;
    campaign.options[0]!.selected = true;
    root.querySelector<HTMLFormElement>('details.custom form')!.requestSubmit();
    await settle(40);
    expect(posts).toEqual([{ week: week.options[2]!.value, regenerate: false, edition: { locale: 'en', countries: ['BZ'], campaigns: ['safe-belize'] } }]);
  });

  test('"Regenerar" after a brief of one’s own scope asks for that brief again, not the weekly editions', async () => {
    const posts: { regenerate?: boolean; edition?: unknown }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { regenerate?: boolean };
        posts.push(body);
        if (!body.regenerate) return new Response(JSON.stringify(EXISTS), { status: 409, headers: { 'content-type': 'application/json' } });
        return new Response(JSON.stringify({ queued: true, job: 'brief', week: '2026-W47', briefs: ['2026-w47_es_c-hn'], regenerate: true, requestedAt: '2026-11-29T00:00:00.000Z' }), { status: 202, headers: { 'content-type': 'application/json' } });
      }
      return new Response(JSON.stringify(LISTED), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    const el = document.createElement('view-informes') as HTMLElement & { userRole: string };
    el.userRole = 'analyst';
    document.body.append(el);
    await settle(60);
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[name="country"][value="HN"]')!.checked = true;
    root.querySelector<HTMLFormElement>('details.custom form')!.requestSubmit();
    await settle(40);
    [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Regenerar'))!.click();
    await settle(40);
    expect(posts[1]).toMatchObject({ regenerate: true, edition: { locale: 'es', countries: ['HN'], campaigns: [] } });
  });
});
