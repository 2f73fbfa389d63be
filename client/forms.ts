import { ApiError } from './api.js';
import { i18n } from './i18n/index.js';

/**
 * Pure helpers behind the record forms (campaign, alert rule, source): slugs, list fields and
 * checks that mirror the server's zod schemas (models/common.ts, models/campaign.ts,
 * models/alert.ts, models/source.ts), so most mistakes are caught before the request.
 */

export type FieldErrors = Record<string, string>;

/** models/common.ts `Identifier`. */
export const IDENTIFIER = /^[a-z0-9][a-z0-9_-]*$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An `Identifier` from a display name: accents folded, lowercase, runs of anything else → "-". */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** A comma- or newline-separated list, trimmed, without empties, duplicates or the given prefix (`#`, `@`). */
export function parseList(text: string, strip = ''): string[] {
  const items = text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .map((item) => (strip && item.startsWith(strip) ? item.slice(strip.length).trim() : item))
    .filter(Boolean);
  return [...new Set(items)];
}

export function formatList(items: readonly string[] | undefined, prefix = ''): string {
  return (items ?? []).map((item) => `${prefix}${item}`).join(', ');
}

/** True for a real calendar day `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** An absolute http(s) URL (zod's `z.url()` plus the routes' http(s) refinement). */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Collects the first problem of each field, in the UI language. */
export class Checker {
  readonly errors: FieldErrors = {};
  private get t() {
    return i18n.t.forms.errors;
  }
  private fail(field: string, message: string): void {
    if (!(field in this.errors)) this.errors[field] = message;
  }
  text(field: string, value: string, { min = 0, max }: { min?: number; max: number }): void {
    if (min > 0 && value.length === 0) this.fail(field, this.t.required);
    else if (value.length < min) this.fail(field, this.t.tooShort(min));
    else if (value.length > max) this.fail(field, this.t.tooLong(max));
  }
  identifier(field: string, value: string): void {
    if (value.length === 0) this.fail(field, this.t.required);
    else if (value.length > 64) this.fail(field, this.t.tooLong(64));
    else if (!IDENTIFIER.test(value)) this.fail(field, this.t.identifier);
  }
  list(field: string, items: readonly string[], { min = 1, max, maxItems }: { min?: number; max: number; maxItems: number }): void {
    if (items.length > maxItems) this.fail(field, this.t.tooMany(maxItems));
    const bad = items.find((item) => item.length < min || item.length > max);
    if (bad !== undefined) this.fail(field, bad.length < min ? this.t.itemTooShort(bad, min) : this.t.itemTooLong(max));
  }
  day(field: string, value: string, required: boolean): void {
    if (value === '') {
      if (required) this.fail(field, this.t.required);
    } else if (!isIsoDay(value)) this.fail(field, this.t.date);
  }
  url(field: string, value: string): void {
    if (value !== '' && !isHttpUrl(value)) this.fail(field, this.t.url);
  }
  /** `value` is the input's text: required, a number, integer if asked, within [min, max]. */
  number(field: string, value: string, { min, max, integer = false }: { min: number; max?: number; integer?: boolean }): number {
    const n = Number(value);
    if (value.trim() === '') this.fail(field, this.t.required);
    else if (!Number.isFinite(n)) this.fail(field, this.t.number);
    else if (integer && !Number.isInteger(n)) this.fail(field, this.t.integer);
    else if (n < min || (max !== undefined && n > max)) this.fail(field, max === undefined ? this.t.atLeast(min) : this.t.between(min, max));
    return n;
  }
  check(field: string, ok: boolean, message: string): void {
    if (!ok) this.fail(field, message);
  }
  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

/**
 * An API error as the form shows it: the message (already in the request's language) and, for
 * validation errors, zod's per-field messages on the fields the form has.
 */
export function serverErrors(error: unknown, fields: readonly string[]): { message: string; fields: FieldErrors } {
  const message = error instanceof Error ? error.message : String(error);
  const out: FieldErrors = {};
  if (error instanceof ApiError && error.details && typeof error.details === 'object') {
    const fieldErrors = (error.details as { fieldErrors?: Record<string, unknown> }).fieldErrors ?? {};
    for (const [field, messages] of Object.entries(fieldErrors)) {
      if (fields.includes(field) && Array.isArray(messages) && typeof messages[0] === 'string') out[field] = messages[0];
    }
  }
  return { message, fields: out };
}
