import type { Kpis, SeriesPoint } from '../../../models/store.js';
import type { BriefData, GroupChange, GroupFigures } from '../../../workers/brief/types.js';

/** KPIs with the given counts; rates and sentiment derived like the store does. */
export function kpis(values: Partial<Kpis> = {}): Kpis {
  return {
    posts: 0, authors: 0, interactions: 0, potentialReach: 0, impressions: 0, netSentiment: 0, misogynyRate: 0, hateRate: 0,
    sentiment: { P: 0, NEU: 0, N: 0 }, misogyny: 0, hate: 0, analysed: 0,
    emotions: { anger: 0, disgust: 0, fear: 0, joy: 0, sadness: 0, surprise: 0, others: 0 },
    ...values,
  };
}

export function group(value: string, current: Partial<GroupFigures>, previous: Partial<GroupFigures>): GroupChange {
  const figures = (f: Partial<GroupFigures>): GroupFigures => ({ posts: 0, interactions: 0, analysed: 0, misogyny: 0, misogynyRate: 0, netSentiment: 0, ...f });
  return { value, current: figures(current), previous: figures(previous) };
}

function days(from: string, posts: number[]): SeriesPoint[] {
  return posts.map((n, i) => ({
    ...kpis({ posts: n, analysed: n, sentiment: { P: 1, NEU: n - 3, N: 2 }, netSentiment: -33.3 }),
    bucket: `${new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString()}`,
  }));
}

/** A week with nothing notable: tests add what they are about. */
export function briefData(overrides: Partial<BriefData> = {}): BriefData {
  return {
    week: '2026-W47',
    from: '2026-11-16',
    to: '2026-11-22',
    previous: { week: '2026-W46', from: '2026-11-09', to: '2026-11-15' },
    scope: { countries: [], campaigns: [] },
    generatedAt: '2026-11-23T06:00:00.000Z',
    demo: false,
    kpis: { current: kpis({ posts: 1000 }), previous: kpis({ posts: 1000 }) },
    days: days('2026-11-16', [150, 140, 130, 160, 150, 130, 140]),
    previousDays: days('2026-11-09', [140, 150, 140, 150, 140, 140, 140]),
    topics: [],
    countries: [],
    countryTopics: [],
    narratives: [],
    emergingTerms: [],
    alerts: [],
    campaigns: [],
    campaignsWithoutPosts: [],
    campaignsMore: [],
    coverage: { sources: [], gaps: [], platforms: [] },
    method: { classifiers: [] },
    ...overrides,
  };
}
