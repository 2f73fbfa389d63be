import type { BreakdownDimension, EntityKind, AuthorRanking } from '../../../models/analytics.js';
import type { PostFilter } from '../../../models/filter.js';
import type { Doc } from '../db-like.js';
import { postMatch } from './match.js';
import { AUTHOR_ACCUMULATORS, TOTALS_ACCUMULATORS, TOTALS_PROJECTION } from './totals.js';

/** The value a breakdown groups by, and the stages/conditions it needs (twin of DIMENSION_SQL). */
const DIMENSIONS: Record<BreakdownDimension, { value: unknown; unwind?: string; match?: Doc }> = {
  country: { value: { $ifNull: ['$country', ''] } },
  // Departments by country: 'SV:La Paz' and 'HN:La Paz' are two places.
  admin1: {
    value: {
      $cond: [
        { $eq: [{ $ifNull: ['$admin1', null] }, null] },
        '',
        { $concat: [{ $ifNull: ['$country', ''] }, ':', '$admin1'] },
      ],
    },
  },
  platform: { value: '$platform' },
  lang: { value: '$lang' },
  sentiment: { value: '$sentiment' },
  emotion: { value: '$emotion' },
  misogynyCategory: {
    value: '$misogynyCategory',
    match: { misogyny: 1, misogynyCategory: { $ne: null } },
  },
  topic: { value: '$topics', unwind: '$topics' },
  campaign: { value: '$campaigns', unwind: '$campaigns' },
};

/** KPIs per value of a dimension: per (value, author) rows, then per value (exact authors). */
export function breakdownPipeline(
  filter: PostFilter,
  dimension: BreakdownDimension,
  limit: number,
): Doc[] {
  const d = DIMENSIONS[dimension];
  return [
    { $match: { ...postMatch(filter), ...d.match } },
    ...(d.unwind ? [{ $unwind: d.unwind }] : []),
    { $group: { _id: { value: d.value, authorId: '$authorId' }, ...AUTHOR_ACCUMULATORS } },
    { $group: { _id: '$_id.value', ...TOTALS_ACCUMULATORS } },
    { $sort: { posts: -1, _id: 1 } },
    { $limit: limit },
    { $project: { _id: 0, value: '$_id', ...TOTALS_PROJECTION } },
  ];
}

/** Posts carrying each entity of a kind and their interactions (twin of SqliteLists.entityCounts). */
export function entityCountsPipeline(
  filter: PostFilter,
  kind: EntityKind,
  limit: number,
  values?: readonly string[],
): Doc[] {
  const only = values ? [{ $match: { value: { $in: [...values] } } }] : [];
  return [
    {
      $match: {
        ...postMatch(filter),
        ...(values ? { [`entities.${kind}`]: { $in: [...values] } } : {}),
      },
    },
    { $project: { _id: 0, value: `$entities.${kind}`, interactions: 1 } },
    { $unwind: '$value' },
    ...only,
    { $group: { _id: '$value', posts: { $sum: 1 }, interactions: { $sum: '$interactions' } } },
    { $sort: { posts: -1, interactions: -1, _id: 1 } },
    { $limit: limit },
    { $project: { _id: 0, value: '$_id', posts: 1, interactions: 1 } },
  ];
}

export function topAuthorsPipeline(filter: PostFilter, by: AuthorRanking, limit: number): Doc[] {
  const sort =
    by === 'reach'
      ? { followers: -1, interactions: -1, _id: 1 }
      : { interactions: -1, followers: -1, _id: 1 };
  return [
    { $match: postMatch(filter) },
    {
      $group: {
        _id: '$authorId',
        platform: { $max: '$platform' },
        posts: { $sum: 1 },
        interactions: { $sum: '$interactions' },
        followers: { $max: '$followers' },
      },
    },
    { $sort: sort },
    { $limit: limit },
    { $project: { _id: 0, id: '$_id', platform: 1, posts: 1, interactions: 1, followers: 1 } },
  ];
}

/** Fields a PostSummary is built from (find projection). */
export const SUMMARY_PROJECTION = {
  _id: 1,
  platform: 1,
  createdMs: 1,
  'doc.url': 1,
  'doc.text': 1,
  'doc.author.handle': 1,
  interactions: 1,
  views: 1,
  country: 1,
  sentiment: 1,
  misogyny: 1,
  authorId: 1,
} as const;

const DAY_EXPR = '$dayMs';

/** A campaign's posts per (day, author): the rows analytics/campaign.ts turns into KPIs. */
export function campaignAuthorDaysPipeline(filter: PostFilter): Doc[] {
  const countIf = (field: string, value: unknown) => ({
    $sum: { $cond: [{ $eq: [`$${field}`, value] }, 1, 0] },
  });
  return [
    { $match: postMatch(filter) },
    {
      $group: {
        _id: { dayMs: DAY_EXPR, authorId: '$authorId' },
        platform: { $max: '$platform' },
        handle: { $max: '$doc.author.handle' },
        posts: { $sum: 1 },
        analysed: { $sum: { $cond: [{ $ne: ['$lang', 'other'] }, 1, 0] } },
        interactions: { $sum: '$interactions' },
        followers: { $max: '$followers' },
        media: countIf('platform', 'rss'),
        sentimentP: countIf('sentiment', 'P'),
        sentimentNeu: countIf('sentiment', 'NEU'),
        sentimentN: countIf('sentiment', 'N'),
        misogyny: { $sum: '$misogyny' },
      },
    },
    {
      $addFields: {
        dayMs: '$_id.dayMs',
        authorId: '$_id.authorId',
        handle: { $ifNull: ['$handle', null] },
      },
    },
    { $project: { _id: 0 } },
  ];
}

/** Posts carrying each hashtag per day, within a filter. */
export function hashtagDaysPipeline(filter: PostFilter): Doc[] {
  return [
    { $match: postMatch(filter) },
    { $project: { _id: 0, dayMs: DAY_EXPR, value: '$entities.hashtag', interactions: 1 } },
    { $unwind: '$value' },
    {
      $group: {
        _id: { dayMs: '$dayMs', value: '$value' },
        posts: { $sum: 1 },
        interactions: { $sum: '$interactions' },
      },
    },
    { $project: { _id: 0, dayMs: '$_id.dayMs', value: '$_id.value', posts: 1, interactions: 1 } },
  ];
}
