import type { Alert, AlertRule, AlertRuleInput } from '../models/alert.js';
import type {
  BreakdownDimension,
  BreakdownRow,
  CampaignKpis,
  EmergingTerm,
  EntityKind,
  ImpactEstimate,
  ImpactMetric,
  NarrativeSet,
  PostSummary,
  SearchPage,
  TopAuthor,
  TopEntity,
} from '../models/analytics.js';
import type { Annotation, AnnotationInput } from '../models/annotation.js';
import type { Brief } from '../models/brief.js';
import type { Campaign, CampaignInput } from '../models/campaign.js';
import type { SourceHealth } from '../models/source-health.js';
import type { Source, SourceInput } from '../models/source.js';
import type { Kpis, SeriesPoint, StoredPost } from '../models/store.js';
import { getJson, sendJson } from './api.js';
import { apiQuery, type Filter } from './state/filter.js';

/** Every API call the dashboard makes, typed with the server's own models (type-only imports). */

export type Headline = Pick<Kpis, 'posts' | 'authors' | 'interactions' | 'potentialReach' | 'impressions' | 'netSentiment' | 'misogynyRate' | 'hateRate'>;
export type Overview = Headline & { previous: Headline & { analysed: number; polar: number }; sentiment: Kpis['sentiment']; analysed: number };
export interface Health {
  status: string;
  store: string;
  queue: string;
  version: string;
  /** Set by the server when the data directory holds the generated demo dataset. */
  demo?: boolean;
}
export type { Alert, AlertRule, AlertRuleInput, Brief, BreakdownRow, Campaign, CampaignInput, CampaignKpis, EmergingTerm, ImpactEstimate, NarrativeSet, PostSummary, SeriesPoint, Source, SourceInput, StoredPost, TopAuthor, TopEntity };
/** PUT bodies: the create body without `id` (the URL names the record). */
export type CampaignEdit = Omit<CampaignInput, 'id'>;
export type AlertRuleEdit = Omit<AlertRuleInput, 'id'>;
export type SourceEdit = Omit<SourceInput, 'id'>;

const enc = encodeURIComponent;

/**
 * The analysis labels a search asks for, as the API reads them: `sentiment` / `emotion` a
 * comma-separated list, `misogyny` / `hate` "true" or "false"; absent keys ask for nothing.
 */
export type LabelQuery = Partial<Record<'sentiment' | 'emotion' | 'misogyny' | 'hate', string>>;

export const api = {
  health: (signal?: AbortSignal) => getJson<Health>('/api/health', signal),
  overview: (f: Filter, signal?: AbortSignal) => getJson<Overview>(`/api/overview?${apiQuery(f)}`, signal),
  series: (f: Filter, signal?: AbortSignal, granularity: 'day' | 'hour' = 'day') =>
    getJson<{ granularity: string; points: SeriesPoint[] }>(`/api/series?${apiQuery(f, { granularity })}`, signal).then((r) => r.points),
  breakdown: (f: Filter, dimension: BreakdownDimension, signal?: AbortSignal, limit = 50) =>
    getJson<BreakdownRow[]>(`/api/breakdowns/${dimension}?${apiQuery(f, { limit })}`, signal),
  topEntities: (f: Filter, kind: EntityKind, signal?: AbortSignal, limit = 20) =>
    getJson<TopEntity[]>(`/api/top/entities/${kind}?${apiQuery(f, { limit })}`, signal),
  topAuthors: (f: Filter, by: 'reach' | 'interactions', signal?: AbortSignal, limit = 10) =>
    getJson<TopAuthor[]>(`/api/top/authors?${apiQuery(f, { by, limit })}`, signal),
  search: (f: Filter, q: string, cursor: string | null, signal?: AbortSignal, limit = 20, labels: LabelQuery = {}) =>
    getJson<SearchPage>(`/api/posts?${apiQuery(f, { q, cursor, limit, ...labels })}`, signal),
  searchCsvHref: (f: Filter, q: string, labels: LabelQuery = {}) => `/api/posts?${apiQuery(f, { q, limit: 100, format: 'csv', ...labels })}`,
  post: (id: string, signal?: AbortSignal) => getJson<{ post: StoredPost; annotations?: Annotation[] }>(`/api/posts/${enc(id)}`, signal),
  annotate: (input: AnnotationInput) => sendJson<{ annotation: Annotation; post?: StoredPost }>('POST', '/api/annotations', input),
  narratives: (f: Filter, signal?: AbortSignal) => getJson<NarrativeSet>(`/api/narratives?${apiQuery(f, { limit: 8 })}`, signal),
  emerging: (f: Filter, signal?: AbortSignal) => getJson<EmergingTerm[]>(`/api/narratives/emerging?${apiQuery(f, { limit: 20 })}`, signal),
  campaigns: (signal?: AbortSignal) => getJson<Campaign[]>('/api/campaigns', signal),
  campaignKpis: (id: string, signal?: AbortSignal) => getJson<CampaignKpis>(`/api/campaigns/${enc(id)}/kpis`, signal),
  campaignImpact: (id: string, metric: ImpactMetric, signal?: AbortSignal) =>
    getJson<ImpactEstimate>(`/api/campaigns/${enc(id)}/impact?metric=${metric}`, signal),
  createCampaign: (input: CampaignInput) => sendJson<Campaign>('POST', '/api/campaigns', input),
  updateCampaign: (id: string, input: CampaignEdit) => sendJson<Campaign>('PUT', `/api/campaigns/${enc(id)}`, input),
  alerts: (signal?: AbortSignal, limit = 50) => getJson<Alert[]>(`/api/alerts?limit=${limit}`, signal),
  acknowledge: (id: string) => sendJson<Alert>('POST', `/api/alerts/${enc(id)}/acknowledge`),
  alertRules: (signal?: AbortSignal) => getJson<AlertRule[]>('/api/alert-rules', signal),
  createAlertRule: (input: AlertRuleInput) => sendJson<AlertRule>('POST', '/api/alert-rules', input),
  updateAlertRule: (id: string, input: AlertRuleEdit) => sendJson<AlertRule>('PUT', `/api/alert-rules/${enc(id)}`, input),
  deleteAlertRule: (id: string) => sendJson<void>('DELETE', `/api/alert-rules/${enc(id)}`),
  sources: (signal?: AbortSignal) => getJson<Source[]>('/api/sources', signal),
  sourcesHealth: (signal?: AbortSignal) => getJson<SourceHealth>('/api/sources/health', signal),
  runSource: (id: string) => sendJson<{ queued: true }>('POST', `/api/sources/${enc(id)}/run`),
  createSource: (input: SourceInput) => sendJson<Source>('POST', '/api/sources', input),
  updateSource: (id: string, input: SourceEdit) => sendJson<Source>('PUT', `/api/sources/${enc(id)}`, input),
  deleteSource: (id: string) => sendJson<void>('DELETE', `/api/sources/${enc(id)}`),
  briefs: (signal?: AbortSignal) => getJson<Brief[]>('/api/briefs', signal),
  generateBrief: (body: { week?: string; regenerate?: boolean; edition?: { locale: 'es' | 'en'; countries: string[]; campaigns: string[] } } = {}) =>
    sendJson<{ queued: true; week: string; briefs: string[]; regenerate: boolean; requestedAt: string }>('POST', '/api/briefs', body),
  briefHref: (id: string) => `/api/briefs/${enc(id)}/pdf`,
};
