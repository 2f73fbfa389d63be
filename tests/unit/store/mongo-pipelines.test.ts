import { Aggregator, Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { PostFilter } from '../../../models/filter.js';
import { kpisPipeline, seriesPipeline } from '../../../store/mongo/pipelines/analytics.js';
import {
  authorDayId,
  authorDaysPipeline,
  authorDayTotalsPipeline,
  rollupTotalsPipeline,
} from '../../../store/mongo/pipelines/authors.js';
import { postMatch, rollupCellsMatch } from '../../../store/mongo/pipelines/match.js';
import {
  dirtyPostHoursPipeline,
  rollupId,
  rollupPipeline,
} from '../../../store/mongo/pipelines/rollups.js';
import { TOTAL_FIELDS } from '../../../store/totals.js';

const H = 3_600_000;
const D = 86_400_000;
const DAY0 = Date.parse('2026-11-02T00:00:00Z');

const filter = (overrides: Record<string, unknown> = {}) =>
  PostFilter.parse({ from: '2026-11-02', to: '2026-11-03', ...overrides });

let seq = 0;
/** A stored post document reduced to the fields the pipelines read. */
function post(overrides: Record<string, unknown> = {}) {
  const createdMs = (overrides.createdMs as number | undefined) ?? DAY0 + 10 * H + 5 * 60_000;
  return {
    _id: `mastodon:${++seq}`,
    platform: 'mastodon',
    authorId: 'a1',
    createdMs,
    hourMs: Math.floor(createdMs / H) * H,
    dayMs: Math.floor(createdMs / D) * D,
    interactions: 1,
    followers: 100,
    views: 0,
    analyzerVersion: 'v1',
    country: 'HN',
    admin1: null,
    lang: 'es',
    topics: [] as string[],
    campaigns: [] as string[],
    sentiment: 'NEU',
    emotion: 'others',
    misogyny: 0,
    hate: 0,
    ...overrides,
  };
}

const run = (pipeline: Record<string, unknown>[], docs: unknown[]) =>
  new Aggregator(pipeline).run(docs as Record<string, unknown>[]) as Record<string, unknown>[];

const DOCS = [
  post({
    authorId: 'a1',
    followers: 100,
    sentiment: 'N',
    topics: ['femicidio'],
    misogyny: 1,
    interactions: 3,
  }),
  post({
    authorId: 'a1',
    followers: 150,
    sentiment: 'N',
    topics: ['femicidio', 'homicidios'],
    createdMs: DAY0 + 10 * H + 40 * 60_000,
  }),
  post({
    authorId: 'a2',
    followers: 1000,
    sentiment: 'P',
    country: 'GT',
    campaigns: ['nounamenos'],
    views: 500,
    interactions: 18,
    emotion: 'joy',
    createdMs: DAY0 + 11 * H,
  }),
  post({
    authorId: 'b1',
    followers: 20,
    platform: 'bluesky',
    country: 'GT',
    topics: ['extorsion'],
    hate: 1,
    emotion: 'fear',
    createdMs: DAY0 + D + 8 * H,
  }),
  post({ authorId: 'a3', followers: 5, lang: 'other', country: '', createdMs: DAY0 + D + 23 * H }),
  // Not enriched: never counted.
  post({ authorId: 'z', analyzerVersion: null, createdMs: DAY0 + 10 * H }),
  // Outside the range.
  post({ authorId: 'a2', followers: 900, createdMs: DAY0 - 3 * D }),
];

describe('postMatch', () => {
  it('selects enriched posts in the range by every dimension', () => {
    const ids = (overrides: Record<string, unknown>) =>
      new Query(postMatch(filter(overrides))).find(DOCS).all().length;
    expect(ids({})).toBe(5);
    expect(ids({ country: 'GT' })).toBe(2);
    expect(ids({ country: 'GT,HN' })).toBe(4);
    expect(ids({ platform: 'bluesky' })).toBe(1);
    expect(ids({ topic: 'femicidio' })).toBe(2);
    expect(ids({ topic: 'femicidio,extorsion' })).toBe(3);
    expect(ids({ campaign: 'nounamenos' })).toBe(1);
    expect(ids({ lang: 'other' })).toBe(1);
    expect(ids({ from: '2026-11-03', to: '2026-11-03' })).toBe(2);
  });
});

describe('kpisPipeline', () => {
  it('totals posts with distinct authors and their largest follower count', () => {
    const [row] = run(kpisPipeline(filter()), DOCS);
    expect(row).toEqual({
      posts: 5,
      analysed: 4,
      authors: 4,
      interactions: 3 + 1 + 18 + 1 + 1,
      potentialReach: 150 + 1000 + 20 + 5,
      impressions: 500,
      sentimentP: 1,
      sentimentNeu: 2,
      sentimentN: 2,
      emotionAnger: 0,
      emotionDisgust: 0,
      emotionFear: 1,
      emotionJoy: 1,
      emotionSadness: 0,
      emotionSurprise: 0,
      emotionOthers: 3,
      misogyny: 1,
      hate: 1,
    });
    expect(Object.keys(row!).sort()).toEqual([...TOTAL_FIELDS].sort());
  });

  it('yields nothing when no post matches', () => {
    expect(run(kpisPipeline(filter({ country: 'PA' })), DOCS)).toEqual([]);
  });
});

describe('seriesPipeline', () => {
  it('groups by hour or day bucket, authors distinct within each bucket', () => {
    const days = run(seriesPipeline(filter(), 'day'), DOCS);
    expect(days.map((r) => [r.bucketMs, r.posts, r.authors, r.potentialReach])).toEqual([
      [DAY0, 3, 2, 1150],
      [DAY0 + D, 2, 2, 25],
    ]);
    const hours = run(seriesPipeline(filter({ topic: 'femicidio,homicidios' }), 'hour'), DOCS);
    expect(hours.map((r) => [r.bucketMs, r.posts, r.authors, r.sentimentN, r.misogyny])).toEqual([
      [DAY0 + 10 * H, 2, 1, 2, 1],
    ]);
  });
});

describe('rollupPipeline', () => {
  const cells = (granularity: 'hour' | 'day', start: number, length: number) =>
    run(rollupPipeline(granularity, start, start + length), DOCS);
  const find = (rows: Record<string, unknown>[], dims: Record<string, string>) =>
    rows.filter((r) => Object.entries(dims).every(([k, v]) => r[k] === v));

  it('expands each post into its topic × campaign cells plus the * cells', () => {
    const rows = cells('hour', DAY0 + 10 * H, H);
    // Posts 1 and 2 (same author, HN, mastodon, es): topics {*, femicidio, homicidios} × campaign {*}.
    expect(rows).toHaveLength(3);
    expect(find(rows, { topic: '*', campaign: '*' })[0]).toMatchObject({
      granularity: 'hour',
      bucketMs: DAY0 + 10 * H,
      country: 'HN',
      platform: 'mastodon',
      lang: 'es',
      posts: 2,
      analysed: 2,
      authors: 1,
      potentialReach: 150,
      interactions: 4,
      sentimentN: 2,
      misogyny: 1,
    });
    expect(find(rows, { topic: 'femicidio' })[0]).toMatchObject({ posts: 2, authors: 1 });
    expect(find(rows, { topic: 'homicidios' })[0]).toMatchObject({
      posts: 1,
      misogyny: 0,
      potentialReach: 150,
    });
    expect(rows.every((r) => !('_id' in r))).toBe(true);
  });

  it('builds day cells, with an unknown country as "" and campaigns expanded', () => {
    const day1 = cells('day', DAY0, D);
    // Hour 10 (3 cells) + post 3: topic {*} × campaign {*, nounamenos} in GT.
    expect(day1).toHaveLength(5);
    expect(find(day1, { country: 'GT', campaign: 'nounamenos' })[0]).toMatchObject({
      topic: '*',
      posts: 1,
      impressions: 500,
      interactions: 18,
      sentimentP: 1,
      emotionJoy: 1,
      potentialReach: 1000,
    });
    const day2 = cells('day', DAY0 + D, D);
    expect(find(day2, { country: '' })[0]).toMatchObject({ lang: 'other', posts: 1, analysed: 0 });
    expect(find(day2, { platform: 'bluesky', topic: 'extorsion' })[0]).toMatchObject({
      hate: 1,
      emotionFear: 1,
    });
  });

  it('counts the per-author max of followers once per cell', () => {
    const docs = [
      post({ authorId: 'x', followers: 10 }),
      post({ authorId: 'x', followers: 30 }),
      post({ authorId: 'y', followers: 5 }),
    ];
    const [row] = run(rollupPipeline('hour', DAY0 + 10 * H, DAY0 + 11 * H), docs);
    expect(row).toMatchObject({ posts: 3, authors: 2, potentialReach: 35 });
  });

  it('keys cells deterministically', () => {
    expect(
      rollupId('hour', 5, { topic: '*', campaign: 'c', country: '', platform: 'x', lang: 'es' }),
    ).toBe('hour|5|*|c||x|es');
  });
});

describe('rollupCellsMatch', () => {
  const cells = [
    {
      granularity: 'day',
      bucketMs: DAY0,
      topic: '*',
      campaign: '*',
      country: 'HN',
      platform: 'x',
      lang: 'es',
    },
    {
      granularity: 'day',
      bucketMs: DAY0,
      topic: 'femicidio',
      campaign: '*',
      country: 'HN',
      platform: 'x',
      lang: 'es',
    },
    {
      granularity: 'day',
      bucketMs: DAY0,
      topic: '*',
      campaign: 'c1',
      country: 'GT',
      platform: 'x',
      lang: 'es',
    },
    {
      granularity: 'hour',
      bucketMs: DAY0,
      topic: '*',
      campaign: '*',
      country: 'HN',
      platform: 'x',
      lang: 'es',
    },
    {
      granularity: 'day',
      bucketMs: DAY0 + 5 * D,
      topic: '*',
      campaign: '*',
      country: 'HN',
      platform: 'x',
      lang: 'es',
    },
  ];
  const count = (overrides: Record<string, unknown>) =>
    new Query(rollupCellsMatch(filter(overrides), 'day')).find(cells).all().length;

  it('reads * cells unless a topic or campaign is named', () => {
    expect(count({})).toBe(1);
    expect(count({ topic: 'femicidio' })).toBe(1);
    expect(count({ campaign: 'c1' })).toBe(1);
    expect(count({ country: 'GT' })).toBe(0);
    expect(count({ country: 'HN,GT', lang: 'es', platform: 'x' })).toBe(1);
  });
});

describe('dirtyPostHoursPipeline', () => {
  it('lists distinct hours of flagged posts, oldest first, up to a limit', () => {
    const docs = [
      { hourMs: 3 * H, dirty: true },
      { hourMs: H, dirty: true },
      { hourMs: H, dirty: true },
      { hourMs: 2 * H },
      { hourMs: 5 * H, dirty: true },
    ];
    expect(run(dirtyPostHoursPipeline(2), docs)).toEqual([{ _id: H }, { _id: 3 * H }]);
  });
});

describe('authorDaysPipeline', () => {
  it('lists each distinct author of a day cell once, with their largest follower count', () => {
    const rows = run(authorDaysPipeline(DAY0, DAY0 + D), DOCS);
    const all = rows.find((r) => r.topic === '*' && r.campaign === '*' && r.country === 'HN');
    expect(all).toEqual({
      dayMs: DAY0,
      topic: '*',
      campaign: '*',
      country: 'HN',
      platform: 'mastodon',
      lang: 'es',
      authors: 1,
      potentialReach: 150,
      entries: [{ authorId: 'a1', followers: 150 }],
    });
    expect(rows.find((r) => r.campaign === 'nounamenos')).toMatchObject({
      country: 'GT',
      entries: [{ authorId: 'a2', followers: 1000 }],
    });
    // Hour 10 (3 cells) + post 3 (2 cells); the unenriched post counts nowhere.
    expect(rows).toHaveLength(5);
    expect(authorDayId(DAY0, all as never)).toBe(`${DAY0}|*|*|HN|mastodon|es`);
  });
});

describe('author and rollup totals over day cells', () => {
  const cell = (dayMs: number, dims: Record<string, string>, entries: [string, number][]) => ({
    dayMs,
    topic: '*',
    campaign: '*',
    platform: 'x',
    lang: 'es',
    country: 'HN',
    ...dims,
    entries: entries.map(([authorId, followers]) => ({ authorId, followers })),
  });
  const CELLS = [
    cell(DAY0, {}, [['a', 10], ['b', 5]]),
    cell(DAY0 + D, {}, [['a', 30]]),
    cell(DAY0 + D, { country: 'GT' }, [['a', 20], ['c', 1]]),
    cell(DAY0 + D, { topic: 'robo' }, [['a', 30]]),
    cell(DAY0 + 5 * D, {}, [['z', 1000]]),
  ];

  it('counts each author once over days and cells, with their largest follower count', () => {
    expect(run(authorDayTotalsPipeline(filter(), null), CELLS)).toEqual([
      { value: '', authors: 3, potentialReach: 30 + 5 + 1 },
    ]);
    const byCountry = run(authorDayTotalsPipeline(filter(), 'country'), CELLS);
    expect(byCountry.sort((x, y) => ((x.value as string) < (y.value as string) ? -1 : 1))).toEqual([
      { value: 'GT', authors: 2, potentialReach: 21 },
      { value: 'HN', authors: 2, potentialReach: 35 },
    ]);
    expect(run(authorDayTotalsPipeline(filter(), 'topic'), CELLS)).toEqual([
      { value: 'robo', authors: 1, potentialReach: 30 },
    ]);
    expect(run(authorDayTotalsPipeline(filter({ country: 'GT' }), null), CELLS)).toEqual([
      { value: '', authors: 2, potentialReach: 21 },
    ]);
  });

  it('adds up the additive metrics of day rollup cells', () => {
    const rollups = [
      { granularity: 'day', bucketMs: DAY0, topic: '*', campaign: '*', country: 'HN', posts: 2, misogyny: 1 },
      { granularity: 'day', bucketMs: DAY0 + D, topic: '*', campaign: '*', country: 'GT', posts: 3, misogyny: 0 },
      { granularity: 'hour', bucketMs: DAY0, topic: '*', campaign: '*', country: 'HN', posts: 2, misogyny: 1 },
      { granularity: 'day', bucketMs: DAY0, topic: 'robo', campaign: '*', country: 'HN', posts: 1, misogyny: 1 },
    ];
    const [all] = run(rollupTotalsPipeline(filter(), null), rollups);
    expect(all).toMatchObject({ value: '', posts: 5, misogyny: 1, authors: 0, potentialReach: 0 });
    expect(Object.keys(all!).sort()).toEqual([...TOTAL_FIELDS, 'value'].sort());
    const byTopic = run(rollupTotalsPipeline(filter(), 'topic'), rollups);
    expect(byTopic).toMatchObject([{ value: 'robo', posts: 1 }]);
  });
});
