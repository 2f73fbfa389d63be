import { html } from 'lit';
import { Checker, isHttpUrl, parseList, type FieldErrors } from '../forms.js';
import { countryName, i18n } from '../i18n/index.js';
import { api, type Source, type SourceInput } from '../queries.js';
import { COUNTRIES } from '../state/filter.js';
import { RecordDialog } from './record-dialog.js';

/** Platforms escucha collects from by itself (workers/collectors/index.ts; `file` is an import). */
export const COLLECTOR_KINDS = ['mastodon', 'bluesky', 'youtube', 'x', 'reddit', 'telegram', 'rss'] as const;
export type CollectorKind = (typeof COLLECTOR_KINDS)[number];

export interface SourceDraft {
  kind: string;
  name: string;
  id: string;
  hashtags: string;
  keywords: string;
  handles: string;
  channel: string;
  language: string;
  countries: string[];
  everyMinutes: string;
  baseUrl: string;
  enabled: boolean;
}

export function sourceDraft(): SourceDraft {
  return { kind: 'mastodon', name: '', id: '', hashtags: '', keywords: '', handles: '', channel: '', language: '', countries: [], everyMinutes: '15', baseUrl: '', enabled: true };
}

/** The PUT body of an existing source (its settings, not its state): for pause/resume. */
export function sourceEdit(source: Source, patch: Partial<Omit<SourceInput, 'id'>> = {}): Omit<SourceInput, 'id'> {
  const { name, kind, query, baseUrl, everyMinutes, enabled, credential } = source;
  return { name, kind, query, baseUrl, everyMinutes, enabled, credential, ...patch };
}

/**
 * What each collector needs before it can run (workers/collectors/*.ts `validate`), so the form
 * says so before the server does. Returns the field to mark, or null when satisfied.
 */
function missingQuery(kind: string, q: { hashtags: string[]; keywords: string[]; handles: string[]; channel: string | null }): 'keywords' | 'channel' | null {
  const words = q.hashtags.length + q.keywords.length;
  switch (kind) {
    case 'mastodon':
      return words === 0 ? 'keywords' : null;
    case 'bluesky':
      return q.channel === 'jetstream' || words + q.handles.length > 0 ? null : 'keywords';
    case 'x':
      return words + q.handles.length === 0 ? 'keywords' : null;
    case 'reddit':
    case 'youtube':
      return words === 0 && !q.channel ? 'keywords' : null;
    case 'telegram':
      return q.channel ? null : 'channel';
    case 'rss':
      return q.channel && isHttpUrl(q.channel) ? null : 'channel';
    default:
      return null;
  }
}

/** Mirrors models/source.ts `SourceInput` (and `SourceQuery`), the route's http(s) base URL check and what the collector needs. */
export function sourceBody(draft: SourceDraft): { errors: FieldErrors; body: SourceInput } {
  const c = new Checker();
  const name = draft.name.trim();
  const baseUrl = draft.baseUrl.trim();
  const query = {
    hashtags: parseList(draft.hashtags, '#'),
    keywords: parseList(draft.keywords),
    handles: parseList(draft.handles, '@'),
    channel: draft.channel.trim() || null,
    language: draft.language || null,
    countries: draft.countries as SourceInput['query']['countries'],
  };
  const body: SourceInput = {
    id: draft.id.trim(),
    name,
    kind: draft.kind as SourceInput['kind'],
    query,
    baseUrl: baseUrl || null,
    everyMinutes: c.number('everyMinutes', draft.everyMinutes, { min: 0, max: 10_080, integer: true }),
    enabled: draft.enabled,
    credential: null,
  };
  c.check('kind', (COLLECTOR_KINDS as readonly string[]).includes(draft.kind), i18n.t.forms.errors.required);
  c.text('name', name, { min: 1, max: 200 });
  c.identifier('id', body.id);
  c.list('hashtags', query.hashtags, { max: 100, maxItems: 50 });
  c.list('keywords', query.keywords, { max: 200, maxItems: 100 });
  c.list('handles', query.handles, { max: 100, maxItems: 100 });
  c.text('channel', draft.channel.trim(), { max: 2048 });
  c.text('language', draft.language, { max: 8 });
  c.url('baseUrl', baseUrl);
  const missing = missingQuery(draft.kind, query);
  if (missing) c.check(missing, false, i18n.t.forms.source.needs[draft.kind] ?? i18n.t.forms.errors.required);
  return { errors: c.errors, body };
}

/**
 * `<source-form>`: add a listening source (admins) in a modal dialog: the platform, what to ask
 * it for (hashtags, keywords, accounts, channel, language, countries), how often and from which
 * server. Pausing, resuming and deleting happen in the sources table.
 * @fires saved - `detail: Source`
 */
export class SourceForm extends RecordDialog<Source, SourceDraft> {
  protected toDraft(): SourceDraft {
    return sourceDraft();
  }

  protected heading(): string {
    return i18n.t.forms.source.title;
  }

  protected renderFields() {
    const t = i18n.t.forms;
    const f = t.source;
    const langs = i18n.t.labels.langs;
    return html`<div class="row">
        ${this.select('kind', f.kind, COLLECTOR_KINDS.map((k) => ({ value: k, label: k })), { required: true, hint: f.needs[this.draft.kind] })}
        ${this.input('name', f.name, { required: true, maxlength: 200 })}
        ${this.input('id', f.id, { required: true, maxlength: 64, hint: t.idHint })}
      </div>
      <div class="row">
        ${this.input('hashtags', f.hashtags, { hint: t.listHint })}
        ${this.input('keywords', f.keywords, { hint: t.listHint })}
        ${this.input('handles', f.handles, { hint: t.listHint })}
      </div>
      <div class="row">
        ${this.input('channel', f.channel, { maxlength: 2048, hint: f.channelHint })}
        ${this.select('language', f.language, [{ value: '', label: `— ${t.any} —` }, { value: 'es', label: langs.es ?? 'es' }, { value: 'en', label: langs.en ?? 'en' }])}
      </div>
      ${this.checkboxes('countries', f.countries, COUNTRIES.map((code) => ({ value: code, label: countryName(code) })), t.allCountries)}
      <div class="row">
        ${this.input('everyMinutes', f.every, { type: 'number', required: true, min: 0, max: 10_080, step: '1', hint: f.everyHint })}
        ${this.input('baseUrl', f.baseUrl, { type: 'url', placeholder: 'https://', hint: f.baseUrlHint })}
      </div>
      ${this.checkbox('enabled', f.enabled)}`;
  }

  protected build() {
    return sourceBody(this.draft);
  }

  protected send(body: SourceInput): Promise<Source> {
    return api.createSource(body);
  }
}
customElements.define('source-form', SourceForm);
declare global {
  interface HTMLElementTagNameMap {
    'source-form': SourceForm;
  }
}
