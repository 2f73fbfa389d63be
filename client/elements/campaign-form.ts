import { html } from 'lit';
import { Checker, formatList, parseList, type FieldErrors } from '../forms.js';
import { countryName, i18n } from '../i18n/index.js';
import { api, type Campaign, type CampaignInput } from '../queries.js';
import { COUNTRIES } from '../state/filter.js';
import { RecordDialog } from './record-dialog.js';

export interface CampaignDraft {
  name: string;
  id: string;
  description: string;
  hashtags: string;
  handles: string;
  keywords: string;
  countries: string[];
  startDate: string;
  endDate: string;
  launchDate: string;
}

export function campaignDraft(campaign: Campaign | null, today = new Date()): CampaignDraft {
  return {
    name: campaign?.name ?? '',
    id: campaign?.id ?? '',
    description: campaign?.description ?? '',
    hashtags: formatList(campaign?.hashtags, '#'),
    handles: formatList(campaign?.handles, '@'),
    keywords: formatList(campaign?.keywords),
    countries: [...(campaign?.countries ?? [])],
    startDate: campaign?.startDate ?? today.toISOString().slice(0, 10),
    endDate: campaign?.endDate ?? '',
    launchDate: campaign?.launchDate ?? '',
  };
}

/** Mirrors models/campaign.ts `CampaignInput` (plus: the end is not before the start). */
export function campaignBody(draft: CampaignDraft): { errors: FieldErrors; body: CampaignInput } {
  const c = new Checker();
  const name = draft.name.trim();
  const body: CampaignInput = {
    id: draft.id.trim(),
    name,
    description: draft.description.trim(),
    hashtags: parseList(draft.hashtags, '#'),
    handles: parseList(draft.handles, '@'),
    keywords: parseList(draft.keywords),
    countries: draft.countries as CampaignInput['countries'],
    startDate: draft.startDate,
    endDate: draft.endDate || null,
    launchDate: draft.launchDate || null,
  };
  c.text('name', name, { min: 1, max: 200 });
  c.identifier('id', body.id);
  c.text('description', body.description!, { max: 2000 });
  c.list('hashtags', body.hashtags!, { max: 100, maxItems: 100 });
  c.list('handles', body.handles!, { max: 100, maxItems: 200 });
  c.list('keywords', body.keywords!, { min: 2, max: 200, maxItems: 100 });
  c.day('startDate', draft.startDate, true);
  c.day('endDate', draft.endDate, false);
  c.day('launchDate', draft.launchDate, false);
  if (c.ok && body.endDate) c.check('endDate', body.endDate >= body.startDate, i18n.t.forms.errors.endBeforeStart);
  return { errors: c.errors, body };
}

/**
 * `<campaign-form>`: create or edit a campaign (name, id, description, hashtags, handles,
 * keywords, countries, start/end/launch dates) in a modal dialog.
 * @fires saved - `detail: Campaign`
 */
export class CampaignForm extends RecordDialog<Campaign, CampaignDraft> {
  protected toDraft(campaign: Campaign | null): CampaignDraft {
    return campaignDraft(campaign);
  }

  protected heading(): string {
    return this.record ? i18n.t.forms.campaign.edit : i18n.t.forms.campaign.create;
  }

  protected renderFields() {
    const t = i18n.t.forms;
    const f = t.campaign;
    return html`<div class="row">
        ${this.input('name', f.name, { required: true, maxlength: 200 })}
        ${this.input('id', f.id, { required: true, disabled: this.record !== null, maxlength: 64, hint: t.idHint })}
      </div>
      ${this.textarea('description', f.description, { maxlength: 2000 })}
      ${this.input('hashtags', f.hashtags, { hint: f.hashtagsHint })}
      <div class="row">
        ${this.input('handles', f.handles, { hint: f.handlesHint })}
        ${this.input('keywords', f.keywords, { hint: f.keywordsHint })}
      </div>
      ${this.checkboxes('countries', f.countries, COUNTRIES.map((code) => ({ value: code, label: countryName(code) })), t.allCountries)}
      <div class="row">
        ${this.input('startDate', f.startDate, { type: 'date', required: true })}
        ${this.input('endDate', f.endDate, { type: 'date', hint: f.endHint })}
        ${this.input('launchDate', f.launchDate, { type: 'date', hint: f.launchHint })}
      </div>`;
  }

  protected build() {
    return campaignBody(this.draft);
  }

  protected send(body: CampaignInput): Promise<Campaign> {
    if (!this.record) return api.createCampaign(body);
    const { id: _id, ...edit } = body;
    return api.updateCampaign(this.record.id, edit);
  }
}
customElements.define('campaign-form', CampaignForm);
declare global {
  interface HTMLElementTagNameMap {
    'campaign-form': CampaignForm;
  }
}
