import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en } from './en.js';
import { es, type Messages } from './es.js';

export type Locale = 'es' | 'en';
const CATALOGUES: Record<Locale, Messages> = { es, en };
const STORAGE_KEY = 'escucha.locale';

/**
 * The UI language: Spanish by default, English on request (kept in localStorage). Elements that
 * show text add a `LocaleController`, which re-renders them when the language changes.
 */
class I18n extends EventTarget {
  #locale: Locale = 'es';

  get locale(): Locale {
    return this.#locale;
  }
  /** BCP-47 tag for Intl: Spanish as used in Central America, English as in Belize. */
  get intlLocale(): string {
    return this.#locale === 'es' ? 'es-419' : 'en-BZ';
  }
  get t(): Messages {
    return CATALOGUES[this.#locale];
  }
  set(locale: Locale): void {
    if (locale === this.#locale) return;
    this.#locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
    this.dispatchEvent(new Event('change'));
  }
  /** The stored choice, else Spanish (the product's default, whatever the browser says). */
  restore(): void {
    let stored: string | null;
    try {
      stored = localStorage.getItem(STORAGE_KEY);
    } catch {
      stored = null;
    }
    this.set(stored === 'en' ? 'en' : 'es');
  }
}

export const i18n = new I18n();

/** Re-renders its host whenever the UI language changes. */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onChange = () => this.#host.requestUpdate();
  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }
  hostConnected(): void {
    i18n.addEventListener('change', this.#onChange);
  }
  hostDisconnected(): void {
    i18n.removeEventListener('change', this.#onChange);
  }
}

/** Display name of a topic id, falling back to the id with spaces. */
export function topicName(id: string): string {
  return i18n.t.labels.topics[id] ?? id.replace(/_/g, ' ');
}
export function countryName(code: string): string {
  return code === '' ? i18n.t.territorio.unknown : (i18n.t.labels.countries[code] ?? code);
}
export function sentimentName(code: string): string {
  return i18n.t.labels.sentiment[code] ?? code;
}
export function categoryName(code: string): string {
  return i18n.t.labels.misogynyCategories[code] ?? code;
}
