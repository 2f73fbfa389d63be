// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import '../../../client/elements/alert-rule-form.js';
import '../../../client/elements/campaign-form.js';
import '../../../client/elements/source-form.js';
import '../../../client/views/view-alertas.js';
import '../../../client/views/view-campanas.js';
import '../../../client/views/view-fuentes.js';
import { setCsrfToken } from '../../../client/api.js';
import { parseList, slugify } from '../../../client/forms.js';
import { i18n } from '../../../client/i18n/index.js';
import { $, campaign, deepText, settle, stubApi } from './fixtures.js';

type FormTag = 'campaign-form' | 'alert-rule-form' | 'source-form';

async function openForm<K extends FormTag>(tag: K, record: unknown = null): Promise<HTMLElementTagNameMap[K]> {
  const opener = document.createElement('button');
  opener.id = 'opener';
  document.body.append(opener);
  opener.focus();
  const el = document.createElement(tag);
  document.body.append(el);
  await el.updateComplete;
  await el.open(record as never);
  await settle();
  return el;
}

function type(el: Element, id: string, value: string): void {
  const input = $<HTMLInputElement>(el, `#f-${id}`);
  input.value = value;
  input.dispatchEvent(new Event(input.localName === 'select' ? 'change' : 'input'));
}

function tick(el: Element, name: string, value: string, checked = true): void {
  const box = el.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;
  box.checked = checked;
  box.dispatchEvent(new Event('change'));
}

async function submit(el: Element): Promise<void> {
  $<HTMLFormElement>(el, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
}

function errorOf(el: Element, id: string): string | null {
  return el.shadowRoot!.querySelector(`#f-${id}-error`)?.textContent ?? null;
}

function sent(fetch: ReturnType<typeof stubApi>, method: string, path: RegExp) {
  const call = fetch.mock.calls.find(([url, init]) => path.test(String(url)) && (init?.method ?? 'GET') === method);
  if (!call) throw new Error(`no ${method} ${path}`);
  return { body: call[1]!.body ? JSON.parse(String(call[1]!.body)) : undefined, headers: call[1]!.headers as Record<string, string> };
}

const VALIDATION = (fieldErrors: Record<string, string[]>) => ({
  error: { message: 'La solicitud no es válida: name: Too small', code: 'ESCUCHA_VALIDATION', status: 400, details: { formErrors: [], fieldErrors } },
});

beforeEach(() => {
  i18n.set('es');
  setCsrfToken('csrf-1');
});
afterEach(() => {
  document.body.innerHTML = '';
  setCsrfToken(null);
  vi.unstubAllGlobals();
});

describe('form helpers', () => {
  test.each([
    ['Vidas libres de violencia', 'vidas-libres-de-violencia'],
    ['  ¡Niñez Segura 2026!  ', 'ninez-segura-2026'],
    ['Femicidio — Honduras / día', 'femicidio-honduras-dia'],
    ['***', ''],
    ['a'.repeat(80), 'a'.repeat(64)],
  ])('slugify(%j) = %j', (name, slug) => expect(slugify(name)).toBe(slug));

  test('parseList splits on commas and lines, strips the prefix, drops empties and repeats', () => {
    expect(parseList('#VidasLibres, NiUnaMenos,\n#VidasLibres, , # ', '#')).toEqual(['VidasLibres', 'NiUnaMenos']);
  });
});

describe('<campaign-form>', () => {
  test('opens as a modal dialog focused on the name, and Esc closes it back to the opener', async () => {
    stubApi();
    const el = await openForm('campaign-form');
    expect(el.isOpen).toBe(true);
    expect($(el, 'dialog').getAttribute('aria-labelledby')).toBe('dialog-title');
    expect(deepText($(el, 'h2'))).toBe('Nueva campaña');
    expect(el.shadowRoot!.activeElement?.id).toBe('f-name');
    $(el, 'dialog').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(el.isOpen).toBe(false);
    expect(document.activeElement?.id).toBe('opener');
  });

  test('derives the id from the name and flags invalid fields without calling the API', async () => {
    const fetch = stubApi();
    const el = await openForm('campaign-form');
    type(el, 'name', 'Niñez segura');
    await settle();
    expect($<HTMLInputElement>(el, '#f-id').value).toBe('ninez-segura');
    type(el, 'keywords', 'violencia, x');
    type(el, 'startDate', '');
    type(el, 'name', '');
    await submit(el);
    expect(errorOf(el, 'name')).toBe('Este campo es obligatorio.');
    expect(errorOf(el, 'keywords')).toContain('«x» es demasiado corto');
    expect(errorOf(el, 'startDate')).toBe('Este campo es obligatorio.');
    expect($(el, '#f-name').getAttribute('aria-invalid')).toBe('true');
    expect($(el, '#f-name').getAttribute('aria-describedby')).toBe('f-name-error');
    expect(deepText($(el, '.form-error'))).toBe('Revise los 4 campos marcados.');
    expect(el.shadowRoot!.activeElement?.id).toBe('f-name');
    expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  test('rejects an end before the start', async () => {
    stubApi();
    const el = await openForm('campaign-form');
    type(el, 'name', 'Calles seguras');
    type(el, 'startDate', '2026-11-10');
    type(el, 'endDate', '2026-11-01');
    await submit(el);
    expect(errorOf(el, 'endDate')).toBe('El fin no puede ser anterior al inicio.');
  });

  test('creates: POSTs the body with the CSRF token, fires saved and closes', async () => {
    const created = { ...campaign, id: 'ninez-segura', name: 'Niñez segura' };
    const fetch = stubApi([[/\/api\/campaigns$/, created, 201]]);
    const el = await openForm('campaign-form');
    const saved: unknown[] = [];
    el.addEventListener('saved', (e) => saved.push((e as CustomEvent).detail));
    type(el, 'name', 'Niñez segura');
    type(el, 'description', ' Prevención en escuelas ');
    type(el, 'hashtags', '#NiñezSegura, EscuelaSegura');
    type(el, 'handles', '@unicef_gt');
    type(el, 'keywords', 'acoso escolar');
    tick(el, 'countries', 'GT');
    tick(el, 'countries', 'SV');
    type(el, 'startDate', '2026-11-01');
    type(el, 'launchDate', '2026-11-03');
    await submit(el);
    const { body, headers } = sent(fetch, 'POST', /\/api\/campaigns$/);
    expect(body).toEqual({
      id: 'ninez-segura',
      name: 'Niñez segura',
      description: 'Prevención en escuelas',
      hashtags: ['NiñezSegura', 'EscuelaSegura'],
      handles: ['unicef_gt'],
      keywords: ['acoso escolar'],
      countries: ['GT', 'SV'],
      startDate: '2026-11-01',
      endDate: null,
      launchDate: '2026-11-03',
    });
    expect(headers['x-csrf-token']).toBe('csrf-1');
    expect(saved).toEqual([created]);
    expect(el.isOpen).toBe(false);
  });

  test('shows the server message and its per-field errors inline', async () => {
    stubApi([[/\/api\/campaigns$/, VALIDATION({ name: ['Too small: expected string to have >=1 characters'] }), 400]]);
    const el = await openForm('campaign-form');
    type(el, 'name', 'Duplicada');
    await submit(el);
    expect(deepText($(el, '.form-error'))).toBe('La solicitud no es válida: name: Too small');
    expect($(el, '.form-error').getAttribute('role')).toBe('alert');
    expect(errorOf(el, 'name')).toContain('Too small');
    expect(el.isOpen).toBe(true);
  });

  test('shows a conflict in English when the UI is in English', async () => {
    i18n.set('en');
    const fetch = stubApi([[/\/api\/campaigns$/, { error: { message: 'Campaign "vidas-libres" already exists.', code: 'ESCUCHA_CONFLICT', status: 409 } }, 409]]);
    const el = await openForm('campaign-form');
    expect(deepText($(el, 'h2'))).toBe('New campaign');
    expect(deepText(el)).toContain('Hashtags');
    type(el, 'name', 'Vidas libres');
    await submit(el);
    expect(deepText($(el, '.form-error'))).toBe('Campaign "vidas-libres" already exists.');
    expect(sent(fetch, 'POST', /\/api\/campaigns$/).headers['accept-language']).toBe('es');
  });

  test('edits: the id is fixed and the PUT body has no id', async () => {
    const fetch = stubApi([[/\/api\/campaigns\/vidas-libres$/, campaign]]);
    const el = await openForm('campaign-form', { ...campaign, endDate: '2026-12-31' });
    expect(deepText($(el, 'h2'))).toBe('Editar campaña');
    expect($<HTMLInputElement>(el, '#f-id').disabled).toBe(true);
    expect($<HTMLInputElement>(el, '#f-hashtags').value).toBe('#VidasLibres');
    type(el, 'name', 'Vidas libres 2027');
    expect($<HTMLInputElement>(el, '#f-id').value).toBe('vidas-libres');
    await submit(el);
    const { body } = sent(fetch, 'PUT', /\/api\/campaigns\/vidas-libres$/);
    expect(body).not.toHaveProperty('id');
    expect(body).toMatchObject({ name: 'Vidas libres 2027', hashtags: ['VidasLibres'], startDate: '2026-10-19', endDate: '2026-12-31' });
  });
});

describe('<alert-rule-form>', () => {
  test('checks numbers and the webhook like the schema does', async () => {
    const fetch = stubApi();
    const el = await openForm('alert-rule-form');
    type(el, 'name', 'Odio en SV');
    type(el, 'threshold', '25');
    type(el, 'minVolume', '2.5');
    type(el, 'cooldownHours', '');
    type(el, 'webhookUrl', 'ftp://example.org/hook');
    await submit(el);
    expect(errorOf(el, 'threshold')).toBe('Debe estar entre 1 y 20.');
    expect(errorOf(el, 'minVolume')).toBe('Escriba un número entero.');
    expect(errorOf(el, 'cooldownHours')).toBe('Este campo es obligatorio.');
    expect(errorOf(el, 'webhookUrl')).toContain('http://');
    expect(fetch.mock.calls.some(([url]) => String(url).includes('/api/alert-rules'))).toBe(false);
  });

  test('creates: sends metric, filters as null when "any", numbers and the webhook', async () => {
    const fetch = stubApi([[/\/api\/alert-rules$/, { id: 'odio-en-sv' }, 201]]);
    const el = await openForm('alert-rule-form');
    await settle();
    expect(el.shadowRoot!.querySelector('#f-campaign option[value="vidas-libres"]')).not.toBeNull();
    type(el, 'name', 'Odio en SV');
    type(el, 'metric', 'hate');
    type(el, 'country', 'SV');
    type(el, 'campaign', 'vidas-libres');
    type(el, 'granularity', 'hour');
    type(el, 'threshold', '2.5');
    type(el, 'minVolume', '10');
    type(el, 'cooldownHours', '6');
    type(el, 'webhookUrl', 'https://hooks.example.org/escucha');
    await submit(el);
    expect(sent(fetch, 'POST', /\/api\/alert-rules$/).body).toEqual({
      id: 'odio-en-sv',
      name: 'Odio en SV',
      metric: 'hate',
      country: 'SV',
      platform: null,
      topic: null,
      campaign: 'vidas-libres',
      granularity: 'hour',
      threshold: 2.5,
      minVolume: 10,
      cooldownHours: 6,
      enabled: true,
      webhookUrl: 'https://hooks.example.org/escucha',
    });
    expect(el.isOpen).toBe(false);
  });

  test('shows a conflict inline and keeps the dialog open', async () => {
    stubApi([[/\/api\/alert-rules$/, { error: { message: 'Ya existe la regla "r1".', code: 'ESCUCHA_CONFLICT', status: 409 } }, 409]]);
    const el = await openForm('alert-rule-form');
    type(el, 'name', 'R1');
    await submit(el);
    expect(deepText($(el, '.form-error'))).toBe('Ya existe la regla "r1".');
    expect(el.isOpen).toBe(true);
    expect(deepText($(el, 'button[type="submit"]'))).toBe('Guardar');
  });
});

describe('<source-form>', () => {
  test('says what the platform needs and checks the schedule and base URL', async () => {
    const fetch = stubApi();
    const el = await openForm('source-form');
    type(el, 'kind', 'rss');
    type(el, 'name', 'Prensa GT');
    type(el, 'everyMinutes', '20000');
    type(el, 'baseUrl', 'nota un url');
    await submit(el);
    expect(errorOf(el, 'channel')).toBe('RSS necesita la URL del feed en «Canal».');
    expect(errorOf(el, 'everyMinutes')).toBe('Debe estar entre 0 y 10080.');
    expect(errorOf(el, 'baseUrl')).toContain('http://');
    expect(fetch.mock.calls.some(([url]) => String(url).includes('/api/sources'))).toBe(false);
  });

  test('creates: sends the query, schedule and base URL', async () => {
    const fetch = stubApi([[/\/api\/sources$/, { id: 'mastodon-sv', name: 'Mastodon SV' }, 201]]);
    const el = await openForm('source-form');
    type(el, 'name', 'Mastodon SV');
    type(el, 'hashtags', '#NiUnaMenos, #SV');
    type(el, 'keywords', 'feminicidio');
    type(el, 'language', 'es');
    tick(el, 'countries', 'SV');
    type(el, 'everyMinutes', '30');
    type(el, 'baseUrl', 'https://mastodon.social');
    await submit(el);
    expect(sent(fetch, 'POST', /\/api\/sources$/).body).toEqual({
      id: 'mastodon-sv',
      name: 'Mastodon SV',
      kind: 'mastodon',
      query: { hashtags: ['NiUnaMenos', 'SV'], keywords: ['feminicidio'], handles: [], channel: null, language: 'es', countries: ['SV'] },
      baseUrl: 'https://mastodon.social',
      everyMinutes: 30,
      enabled: true,
      credential: null,
    });
  });

  test('shows the collector check the server made', async () => {
    stubApi([[/\/api\/sources$/, { error: { message: 'X necesita palabras clave, hashtags o cuentas', code: 'ESCUCHA_VALIDATION', status: 400 } }, 400]]);
    const el = await openForm('source-form');
    type(el, 'name', 'X');
    type(el, 'keywords', 'violencia');
    await submit(el);
    expect(deepText($(el, '.form-error'))).toBe('X necesita palabras clave, hashtags o cuentas');
  });
});

describe('who sees the forms', () => {
  async function view(tag: 'view-campanas' | 'view-alertas' | 'view-fuentes', role: string) {
    const el = document.createElement(tag) as HTMLElement & { userRole: string };
    el.userRole = role;
    document.body.append(el);
    await settle(80);
    return el;
  }

  test.each([
    ['viewer', [false, false, false]],
    ['analyst', [true, true, false]],
    ['admin', [true, true, true]],
  ] as const)('%s', async (role, [campaignForm, ruleForm, sourceForm]) => {
    stubApi();
    const campanas = await view('view-campanas', role);
    const alertas = await view('view-alertas', role);
    const fuentes = await view('view-fuentes', role);
    expect(campanas.shadowRoot!.querySelector('campaign-form') !== null).toBe(campaignForm);
    expect(campanas.shadowRoot!.querySelector('#new-campaign') !== null).toBe(campaignForm);
    expect(alertas.shadowRoot!.querySelector('alert-rule-form') !== null).toBe(ruleForm);
    expect(fuentes.shadowRoot!.querySelector('source-form') !== null).toBe(sourceForm);
    expect(fuentes.shadowRoot!.querySelector('button[data-toggle]') !== null).toBe(sourceForm);
  });

  test('a new campaign is listed and selected after saving', async () => {
    const created = { ...campaign, id: 'ninez-segura', name: 'Niñez segura', startDate: '2026-11-01' };
    let list = [campaign];
    const fetch = stubApi();
    fetch.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('/api/campaigns') && init?.method === 'POST') {
        list = [campaign, created];
        return new Response(JSON.stringify(created), { status: 201 });
      }
      if (url.endsWith('/api/campaigns')) return new Response(JSON.stringify(list), { status: 200 });
      return new Response(JSON.stringify({ error: { message: 'No encontrado', code: 'ESCUCHA_NOT_FOUND', status: 404 } }), { status: 404 });
    });
    const el = await view('view-campanas', 'analyst');
    $<HTMLButtonElement>(el, '#new-campaign').click();
    await settle();
    const form = $<HTMLElementTagNameMap['campaign-form']>(el, 'campaign-form');
    expect(form.isOpen).toBe(true);
    type(form, 'name', 'Niñez segura');
    await submit(form);
    await settle(60);
    const options = [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('#campaign option')];
    expect(options.map((o) => o.textContent)).toEqual(['Niñez segura', 'Vidas libres']);
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('#campaign')!.value).toBe('ninez-segura');
  });

  test('analysts disable and delete a rule (after confirming)', async () => {
    const fetch = stubApi([[/\/api\/alert-rules\/r1$/, {}]]);
    const el = await view('view-alertas', 'analyst');
    $<HTMLButtonElement>(el, 'button[data-toggle="r1"]').click();
    await settle();
    expect(sent(fetch, 'PUT', /\/api\/alert-rules\/r1$/).body).toMatchObject({ name: 'Femicidio HN', enabled: false, threshold: 3 });
    expect(sent(fetch, 'PUT', /\/api\/alert-rules\/r1$/).body).not.toHaveProperty('id');
    expect(deepText(el)).toContain('Regla «Femicidio HN» desactivada.');
    $<HTMLButtonElement>(el, 'button[data-remove="r1"]').click();
    await settle();
    expect(fetch.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
    expect(el.shadowRoot!.activeElement?.getAttribute('data-confirm')).toBe('r1');
    $<HTMLButtonElement>(el, 'button[data-confirm="r1"]').click();
    await settle();
    expect(sent(fetch, 'DELETE', /\/api\/alert-rules\/r1$/)).toBeDefined();
  });

  test('admins pause a source', async () => {
    const fetch = stubApi([[/\/api\/sources\/s1$/, {}]]);
    const el = await view('view-fuentes', 'admin');
    $<HTMLButtonElement>(el, 'button[data-toggle="s1"]').click();
    await settle();
    expect(sent(fetch, 'PUT', /\/api\/sources\/s1$/).body).toEqual({ name: 'Mastodon demo', kind: 'mastodon', query: {}, baseUrl: null, everyMinutes: 15, enabled: false, credential: null });
    expect(deepText(el)).toContain('Fuente «Mastodon demo» pausada.');
  });
});
