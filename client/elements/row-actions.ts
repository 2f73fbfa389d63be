import { html, type TemplateResult } from 'lit';
import { i18n } from '../i18n/index.js';

/**
 * The pieces every table of editable records (alert rules, sources) shares: the inline
 * "remove X? yes / cancel" confirmation that replaces a row's buttons, the record's name read
 * after each button by screen readers, and running an action with a notice or an error.
 */

/** The confirmation row shown instead of a record's buttons; "yes" carries data-confirm=id. */
export function confirmRemoveRow(record: { id: string; name: string }, onConfirm: () => void, onCancel: () => void): TemplateResult {
  const f = i18n.t.forms;
  return html`<div class="row-actions" role="group" aria-label=${f.confirmRemove(record.name)}>
    <span class="small">${f.confirmRemove(record.name)}</span>
    <button type="button" class="danger" data-confirm=${record.id} @click=${onConfirm}>${f.confirmYes}</button>
    <button type="button" @click=${onCancel}>${f.cancel}</button>
  </div>`;
}

/** ": name" after a button's text, for screen readers only ("Editar: Pico en Honduras"). */
export const srName = (name: string): TemplateResult => html`<span class="sr-only">: ${name}</span>`;

/** What a view shows after an action: a notice when it worked, the error's message when not. */
export interface ActionFeedback {
  notice: string;
  failure: string;
}

/** Runs `action`; on success sets `done` as the notice and reloads the list. */
export async function runAction(view: ActionFeedback, action: () => Promise<unknown>, done: string, reload: () => void): Promise<void> {
  view.failure = '';
  view.notice = '';
  try {
    await action();
    view.notice = done;
    reload();
  } catch (error) {
    view.failure = (error as Error).message;
  }
}
