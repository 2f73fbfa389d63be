import type { Task } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import { isUnavailable } from './api.js';
import { i18n } from './i18n/index.js';
import './elements/empty-state.js';

/** Loading, "not available on this server" and error states, rendered the same way in every view. */
export function renderTask<T>(task: Task<readonly unknown[], T>, complete: (value: T) => unknown, options: { compact?: boolean } = {}): unknown {
  return task.render({
    initial: () => loading(options.compact),
    pending: () => loading(options.compact),
    error: (error) => errorState(error),
    complete,
  });
}

export function loading(compact = false): TemplateResult {
  return html`<div class="loading" role="status" aria-live="polite" style="color:var(--muted);font-size:.875rem;padding:${compact ? '.5rem 0' : '2rem 0'}">${i18n.t.app.loading}</div>`;
}

export function errorState(error: unknown): TemplateResult {
  const t = i18n.t;
  if (isUnavailable(error)) {
    const message = (error as Error).message;
    return html`<empty-state kind="unavailable" heading=${t.app.unavailable}>${/^HTTP \d+$/.test(message) ? t.app.unavailableBody : message}</empty-state>`;
  }
  return html`<empty-state kind="error" heading=${t.app.error}>${(error as Error).message}</empty-state>`;
}
