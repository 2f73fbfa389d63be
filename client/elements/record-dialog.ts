import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { serverErrors, slugify, type FieldErrors } from '../forms.js';
import { i18n, LocaleController } from '../i18n/index.js';
import { shared } from './styles.js';

export interface Choice {
  value: string;
  label: string;
}
interface FieldOptions {
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  type?: 'text' | 'date' | 'number' | 'url';
  min?: number;
  max?: number;
  step?: string;
  maxlength?: number;
  placeholder?: string;
}

/** The focused element, looking through open shadow roots (the opener to return focus to). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * The base of the record forms (`campaign-form`, `alert-rule-form`, `source-form`): a modal
 * `<dialog>` holding one `<form>`. A new record's id follows its name (`Vidas libres` →
 * `vidas-libres`) until typed by hand; an existing record's id is fixed (the URL names it). `open(record)` shows it (null creates, a record edits) and
 * focuses the first field; Esc, Cancel and the close button close it and focus returns to the
 * opener. Submitting checks the draft (the subclass's `build`, mirroring the zod schema) and
 * marks bad fields inline (`aria-invalid` + message via `aria-describedby`); otherwise it sends
 * the body (`send`) and shows the API's message, and its per-field messages, inline on failure.
 * @fires saved - `detail`: the record the API answered
 * @fires closed - the dialog closed (saved or not)
 */
export abstract class RecordDialog<R, D extends object> extends LitElement {
  static override properties = {
    record: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    message: { state: true },
    busy: { state: true },
  };
  /** The record being edited; null while creating. */
  declare record: R | null;
  declare draft: D;
  declare errors: FieldErrors;
  declare message: string;
  declare busy: boolean;
  #opener: HTMLElement | null = null;
  /** Whether the id was typed by hand; until then a new record's id follows its name. */
  #idTyped = false;

  constructor() {
    super();
    new LocaleController(this);
    this.record = null;
    this.draft = this.toDraft(null);
    this.errors = {};
    this.message = '';
    this.busy = false;
  }

  /** The form's fields as strings, lists and flags, from a record (or defaults when null). */
  protected abstract toDraft(record: R | null): D;
  protected abstract heading(): string;
  protected abstract renderFields(): unknown;
  /** Client-side checks and the request body. */
  protected abstract build(): { errors: FieldErrors; body: unknown };
  protected abstract send(body: unknown): Promise<R>;

  static override styles = [
    shared,
    css`
      :host { display: contents; }
      dialog {
        width: min(100% - 2rem, 44rem); max-height: calc(100vh - 2rem); padding: 0; overflow: auto;
        border: 1px solid var(--border-strong); border-radius: 12px; background: var(--surface); color: var(--ink); box-shadow: 0 16px 48px #1f1d2b40;
      }
      dialog::backdrop { background: #1f1d2b80; }
      form { display: grid; gap: var(--space-3); padding: var(--space-4) var(--space-5) 0; }
      .head { display: flex; align-items: center; justify-content: space-between; gap: var(--space-3); }
      .head h2 { font-size: 1.25rem; }
      .row { display: grid; gap: var(--space-3); grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); }
      .field { display: grid; gap: 0.25rem; align-content: start; }
      .field input, .field select, .field textarea { width: 100%; }
      input[type='number'], input[type='url'], textarea {
        font: inherit; font-size: 0.875rem; min-height: 2.25rem; padding: 0.375rem 0.625rem; color: var(--ink);
        border: 1px solid var(--border-strong); border-radius: 6px; background: var(--surface);
      }
      textarea { resize: vertical; min-height: 4rem; }
      input[disabled] { background: var(--hover); color: var(--muted); }
      textarea:focus-visible, input[type='checkbox']:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
      [aria-invalid='true'] { border-color: var(--bad); box-shadow: inset 0 0 0 1px var(--bad); }
      .hint { color: var(--muted); font-size: 0.75rem; }
      .field-error { color: var(--bad); font-size: 0.8125rem; font-weight: 600; }
      .req { color: var(--bad); }
      fieldset { border: 1px solid var(--border); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0; display: grid; gap: 0.375rem; }
      legend { font-size: 0.8125rem; color: var(--muted); font-weight: 500; padding: 0 0.25rem; }
      .checks { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
      .check { display: inline-flex; align-items: center; gap: 0.375rem; color: var(--ink); font-weight: 400; font-size: 0.875rem; cursor: pointer; }
      .check input { accent-color: var(--primary); width: 1rem; height: 1rem; }
      .form-error { border-left: 4px solid var(--bad); background: #fbe4e2; color: #8c1d18; padding: 0.5rem 0.75rem; border-radius: 0 6px 6px 0; font-size: 0.875rem; }
      .form-error:empty { display: none; }
      .actions {
        position: sticky; bottom: 0; display: flex; justify-content: flex-end; gap: var(--space-2);
        background: var(--surface); border-top: 1px solid var(--border); padding: var(--space-3) 0 var(--space-4); margin-top: var(--space-2);
      }
    `,
  ];

  get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }
  get isOpen(): boolean {
    return this.dialog?.open === true;
  }

  /** Shows the form for a new record (null) or to edit `record`, and focuses its first field. */
  async open(record: R | null = null): Promise<void> {
    this.#opener = deepActiveElement();
    this.record = record;
    this.draft = this.toDraft(record);
    this.#idTyped = false;
    this.errors = {};
    this.message = '';
    this.busy = false;
    await this.updateComplete;
    const dialog = this.dialog;
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('form input:not([disabled]), form select:not([disabled]), form textarea:not([disabled])')?.focus();
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  override render() {
    const t = i18n.t.forms;
    return html`<dialog aria-labelledby="dialog-title" @close=${this.onClose} @cancel=${this.onCancel} @keydown=${this.onKey}>
      <form novalidate @submit=${this.submit}>
        <div class="head">
          <h2 id="dialog-title">${this.heading()}</h2>
          <button type="button" class="ghost" aria-label=${t.close} @click=${() => this.close()}>✕</button>
        </div>
        <p class="hint">${t.requiredNote}</p>
        <div class="form-error" role="alert">${this.message}</div>
        ${this.renderFields()}
        <div class="actions">
          <button type="button" @click=${() => this.close()}>${t.cancel}</button>
          <button type="submit" class="primary" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>${this.busy ? t.saving : t.save}</button>
        </div>
      </form>
    </dialog>`;
  }

  // ——— field helpers: every control has a visible label, its hint and error via aria-describedby ———

  protected set<K extends keyof D & string>(key: K, value: D[K]): void {
    this.draft = { ...this.draft, [key]: value };
    this.clearError(key);
    const draft = this.draft as D & { id?: unknown; name?: unknown };
    if (this.record === null && typeof draft.id === 'string' && typeof draft.name === 'string') {
      if (key === 'id') this.#idTyped = draft.id !== '' && draft.id !== slugify(draft.name);
      if (key === 'name' && !this.#idTyped) {
        this.draft = { ...this.draft, id: slugify(draft.name) };
        this.clearError('id');
      }
    }
  }

  private clearError(key: string): void {
    if (key in this.errors) {
      const { [key]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private describedBy(key: string, hint: boolean): string | undefined {
    const ids = [hint ? `f-${key}-hint` : '', this.errors[key] ? `f-${key}-error` : ''].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : undefined;
  }

  private notes(key: string, hint?: string): TemplateResult {
    return html`${hint ? html`<span id="f-${key}-hint" class="hint">${hint}</span>` : nothing}${this.errors[key]
      ? html`<span id="f-${key}-error" class="field-error">${this.errors[key]}</span>`
      : nothing}`;
  }

  private labelFor(key: string, label: string, required?: boolean): TemplateResult {
    return html`<label for="f-${key}">${label}${required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>`;
  }

  protected input(key: keyof D & string, label: string, options: FieldOptions = {}): TemplateResult {
    const value = this.draft[key];
    return html`<div class="field">
      ${this.labelFor(key, label, options.required)}
      <input
        id="f-${key}"
        name=${key}
        type=${options.type ?? 'text'}
        .value=${String(value ?? '')}
        ?required=${options.required === true}
        ?disabled=${options.disabled === true}
        min=${ifDefined(options.min)}
        max=${ifDefined(options.max)}
        step=${ifDefined(options.step)}
        maxlength=${ifDefined(options.maxlength)}
        placeholder=${ifDefined(options.placeholder)}
        aria-invalid=${this.errors[key] ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy(key, Boolean(options.hint)))}
        @input=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value as D[typeof key])}
      />
      ${this.notes(key, options.hint)}
    </div>`;
  }

  protected textarea(key: keyof D & string, label: string, options: FieldOptions = {}): TemplateResult {
    return html`<div class="field">
      ${this.labelFor(key, label, options.required)}
      <textarea
        id="f-${key}"
        name=${key}
        rows="2"
        .value=${String(this.draft[key] ?? '')}
        ?required=${options.required === true}
        maxlength=${ifDefined(options.maxlength)}
        aria-invalid=${this.errors[key] ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy(key, Boolean(options.hint)))}
        @input=${(e: Event) => this.set(key, (e.target as HTMLTextAreaElement).value as D[typeof key])}
      ></textarea>
      ${this.notes(key, options.hint)}
    </div>`;
  }

  protected select(key: keyof D & string, label: string, choices: Choice[], options: FieldOptions = {}): TemplateResult {
    const value = String(this.draft[key] ?? '');
    return html`<div class="field">
      ${this.labelFor(key, label, options.required)}
      <select
        id="f-${key}"
        name=${key}
        ?required=${options.required === true}
        ?disabled=${options.disabled === true}
        aria-invalid=${this.errors[key] ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy(key, Boolean(options.hint)))}
        @change=${(e: Event) => this.set(key, (e.target as HTMLSelectElement).value as D[typeof key])}
      >
        ${choices.map((c) => html`<option value=${c.value} ?selected=${c.value === value}>${c.label}</option>`)}
      </select>
      ${this.notes(key, options.hint)}
    </div>`;
  }

  /** A group of checkboxes for a list field (`D[key]` is `string[]`). */
  protected checkboxes(key: keyof D & string, legend: string, choices: Choice[], hint?: string): TemplateResult {
    const selected = this.draft[key] as unknown as string[];
    // Reads the draft at change time: two ticks before a re-render must both count.
    const toggle = (value: string, on: boolean) => {
      const current = (this.draft[key] as unknown as string[]).filter((v) => v !== value);
      this.set(key, (on ? [...current, value] : current) as D[typeof key]);
    };
    return html`<fieldset id="f-${key}" aria-describedby=${ifDefined(this.describedBy(key, Boolean(hint)))}>
      <legend>${legend}</legend>
      <div class="checks">
        ${choices.map(
          (c) => html`<label class="check"
            ><input type="checkbox" name=${key} value=${c.value} .checked=${selected.includes(c.value)} @change=${(e: Event) => toggle(c.value, (e.target as HTMLInputElement).checked)} />${c.label}</label
          >`,
        )}
      </div>
      ${this.notes(key, hint)}
    </fieldset>`;
  }

  protected checkbox(key: keyof D & string, label: string): TemplateResult {
    return html`<label class="check"
      ><input id="f-${key}" type="checkbox" name=${key} .checked=${Boolean(this.draft[key])} @change=${(e: Event) => this.set(key, (e.target as HTMLInputElement).checked as D[typeof key])} />${label}</label
    >`;
  }

  // ——— behaviour ———

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const { errors, body } = this.build();
    this.errors = errors;
    const count = Object.keys(errors).length;
    this.message = count > 0 ? i18n.t.forms.fixErrors(count) : '';
    if (count > 0) return this.focusInvalid();
    this.busy = true;
    try {
      const saved = await this.send(body);
      this.dispatchEvent(new CustomEvent('saved', { detail: saved, bubbles: true, composed: true }));
      this.busy = false;
      this.close();
    } catch (error) {
      const shown = serverErrors(error, Object.keys(this.draft));
      this.message = shown.message;
      this.errors = shown.fields;
      this.busy = false;
      if (Object.keys(shown.fields).length > 0) await this.focusInvalid();
    }
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else this.renderRoot.querySelector<HTMLElement>('.field-error')?.closest('fieldset')?.querySelector<HTMLElement>('input')?.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    }
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  private onClose(): void {
    const opener = this.#opener;
    this.#opener = null;
    this.message = '';
    if (opener?.isConnected) opener.focus();
    this.dispatchEvent(new CustomEvent('closed', { bubbles: true, composed: true }));
  }
}
