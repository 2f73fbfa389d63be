// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import '../../../client/elements/login-form.js';
import { setCsrfToken } from '../../../client/api.js';
import { i18n } from '../../../client/i18n/index.js';
import { $, deepText, settle, stubApi } from './fixtures.js';

const SESSION = { user: { id: 'u', email: 'a@b.org', name: 'A', role: 'admin', locale: 'es' }, via: 'session', mustChangePassword: false, csrfToken: 't' };

async function form() {
  const el = document.createElement('login-form');
  el.mustChange = true;
  document.body.append(el);
  await settle();
  return el;
}

async function submit(el: HTMLElement, current: string, next: string, confirm: string) {
  $<HTMLInputElement>(el, '#current').value = current;
  $<HTMLInputElement>(el, '#next').value = next;
  $<HTMLInputElement>(el, '#confirm').value = confirm;
  $<HTMLFormElement>(el, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
}

beforeEach(() => {
  i18n.set('es');
  setCsrfToken(null);
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('<login-form must-change>: changing the one-time password', () => {
  test('checks the 10-character minimum before sending, naming the field in words', async () => {
    const fetch = stubApi();
    const el = await form();
    await submit(el, 'temporal-123', 'corta', 'corta');
    expect(deepText($(el, 'p.error'))).toBe('Nueva contraseña: debe tener al menos 10 caracteres');
    expect($<HTMLInputElement>(el, '#next').getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalled();
  });

  test('asks to confirm the new password, and it must match', async () => {
    const fetch = stubApi();
    const el = await form();
    expect($<HTMLInputElement>(el, '#confirm').type).toBe('password');
    await submit(el, 'temporal-123', 'una-clave-nueva', 'una-clave-nuevo');
    expect(deepText($(el, 'p.error'))).toBe('Repita la nueva contraseña: no coincide con la nueva contraseña');
    expect(fetch).not.toHaveBeenCalled();
  });

  test('sends a valid change and reports the new session', async () => {
    const fetch = stubApi([[/\/api\/auth\/password/, SESSION]]);
    const el = await form();
    const signed = new Promise((resolve) => el.addEventListener('signed-in', resolve));
    await submit(el, 'temporal-123', 'una-clave-nueva', 'una-clave-nueva');
    await signed;
    expect(JSON.parse(String(fetch.mock.calls[0]![1]!.body))).toEqual({ currentPassword: 'temporal-123', newPassword: 'una-clave-nueva' });
  });

  test("shows the server's field errors with the field named in words, not as newPassword", async () => {
    stubApi([[
      /\/api\/auth\/password/,
      {
        error: {
          message: 'La solicitud no es válida: newPassword: debe tener como máximo 1024 caracteres',
          code: 'ESCUCHA_VALIDATION',
          status: 400,
          details: { formErrors: [], fieldErrors: { newPassword: ['debe tener como máximo 1024 caracteres'] } },
        },
      },
      400,
    ]]);
    const el = await form();
    const long = 'x'.repeat(1_100);
    await submit(el, 'temporal-123', long, long);
    const text = deepText($(el, 'p.error'));
    expect(text).toBe('Nueva contraseña: debe tener como máximo 1024 caracteres');
    expect(text).not.toContain('newPassword');
  });

  test('in English too', async () => {
    i18n.set('en');
    stubApi();
    const el = await form();
    await submit(el, '', 'short', 'short');
    const problems = [...$(el, 'p.error').querySelectorAll('.problem')].map((p) => p.textContent);
    expect(problems).toEqual(['Current password: type your current password', 'New password: must have at least 10 characters']);
  });
});
