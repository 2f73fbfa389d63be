import { z } from 'zod';
import {
  AuthorRanking,
  BreakdownDimension,
  EntityKind,
  NarrativeOptions,
  SearchLabels,
} from '../../models/analytics.js';
import type { RouteDeps } from '../deps.js';
import { ResourceNotFoundError, type Locale } from '../errors.js';
import { disclosureFor, redactText, viewPost, viewSummary } from '../../analytics/privacy.js';
import { defineRoute, type Route } from '../registry.js';
import { ApiFilter, IdParam } from './schemas.js';
import { KPI_FIELDS } from './overview.js';
import type { PostSummary } from '../../models/analytics.js';
import type { Table } from '../csv.js';
import { valueLabel } from '../csv-values.js';
import { decodeCursor } from '../../models/cursor.js';

const Limit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);
const BreakdownQuery = ApiFilter.extend({ limit: Limit(500, 50) });
const TopQuery = ApiFilter.extend({ limit: Limit(100, 20) });
const AuthorsQuery = TopQuery.extend({ by: AuthorRanking.default('reach') });
const SearchQuery = ApiFilter.extend({
  q: z.string().trim().max(200).default(''),
  ...SearchLabels.shape,
  limit: Limit(100, 20),
  cursor: z
    .string()
    .max(200)
    .refine((cursor) => decodeCursor(cursor) !== null, 'not a cursor from a previous page (use its next)')
    .nullable()
    .default(null),
});
const NarrativeQuery = ApiFilter.extend({
  baselineDays: NarrativeOptions.shape.baselineDays,
  limit: NarrativeOptions.shape.limit,
});

function filterOf<F extends z.output<typeof ApiFilter>>(query: F) {
  const { from, to, country, platform, topic, campaign, lang } = query;
  return { from, to, country, platform, topic, campaign, lang };
}

function postsTable(name: string, posts: PostSummary[], locale: Locale): Table {
  return {
    name,
    columns: [
      'id',
      'platform',
      'createdAt',
      'author',
      'handle',
      'country',
      'sentiment',
      'misogyny',
      'interactions',
      'views',
      'url',
      'text',
    ],
    rows: posts.map((p) => [
      p.id,
      valueLabel('platform', p.platform, locale),
      p.createdAt,
      p.author.id,
      p.author.handle,
      p.country,
      valueLabel('sentiment', p.sentiment, locale),
      p.misogyny,
      p.interactions,
      p.views,
      p.url,
      p.text,
    ]),
  };
}

/** Breakdowns, top lists, post search and detail, narratives: the dashboard's exploration views. */
export function exploreRoutes({ store }: RouteDeps): Route[] {
  const viewer = { access: 'viewer', tag: 'analytics' } as const;
  return [
    defineRoute({
      ...viewer,
      method: 'get',
      path: '/breakdowns/:dimension',
      summary:
        'KPIs per value of a dimension (country, admin1, platform, topic, campaign, lang, sentiment, emotion, misogynyCategory)',
      params: z.object({ dimension: BreakdownDimension }),
      query: BreakdownQuery,
      handler: async ({ params, query }) =>
        store.analytics.breakdown(filterOf(query), params.dimension, query.limit),
      table: (rows, { params, locale }) => ({
        name: `desglose-${params.dimension}`,
        columns: ['value', ...KPI_FIELDS],
        rows: rows.map((row) => [
          valueLabel(params.dimension, row.value, locale),
          ...KPI_FIELDS.map((field) => row[field]),
        ]),
      }),
    }),
    defineRoute({
      ...viewer,
      method: 'get',
      path: '/top/entities/:kind',
      summary: 'Most frequent hashtags, mentions, links or terms',
      params: z.object({ kind: EntityKind }),
      query: TopQuery,
      handler: async ({ params, query }) =>
        store.analytics.topEntities(filterOf(query), params.kind, query.limit),
      table: (rows, { params }) => ({
        name: `top-${params.kind}`,
        columns: ['value', 'posts', 'interactions'],
        rows: rows.map((row) => [row.value, row.posts, row.interactions]),
      }),
    }),
    defineRoute({
      ...viewer,
      method: 'get',
      path: '/top/authors',
      summary: 'Authors by potential reach or interactions (pseudonymised unless public accounts)',
      query: AuthorsQuery,
      handler: async ({ query }) =>
        store.analytics.topAuthors(filterOf(query), query.by, query.limit),
      table: (rows, { locale }) => ({
        name: 'top-autores',
        columns: [
          'author',
          'platform',
          'handle',
          'name',
          'kind',
          'posts',
          'interactions',
          'followers',
        ],
        rows: rows.map((a) => [
          a.id,
          valueLabel('platform', a.platform, locale),
          a.handle,
          a.name,
          valueLabel('authorKind', a.kind, locale),
          a.posts,
          a.interactions,
          a.followers,
        ]),
      }),
    }),
    defineRoute({
      ...viewer,
      method: 'get',
      path: '/top/posts',
      summary: 'Posts with most interactions',
      query: TopQuery,
      async handler({ query, principal, exporting }) {
        const disclosure = await disclosureFor(store, principal!.user.role, exporting);
        return (await store.analytics.topPosts(filterOf(query), query.limit)).map((p) =>
          viewSummary(p, disclosure),
        );
      },
      table: (rows, { locale }) => postsTable('top-publicaciones', rows, locale),
    }),
    defineRoute({
      ...viewer,
      method: 'get',
      path: '/posts',
      summary:
        'Search posts: the filter, the analysis labels asked for (sentiment, emotion: any of a list; misogyny, hate: true or false) and every word of q with its plural or singular and, from 5 letters, the words it begins ("quoted" words match whole), newest first, paginated by cursor',
      query: SearchQuery,
      async handler({ query, principal, exporting }) {
        const disclosure = await disclosureFor(store, principal!.user.role, exporting);
        const { sentiment, emotion, misogyny, hate } = query;
        const page = await store.analytics.search({
          filter: filterOf(query),
          labels: { sentiment, emotion, misogyny, hate },
          q: query.q,
          limit: query.limit,
          cursor: query.cursor,
        });
        return { ...page, posts: page.posts.map((p) => viewSummary(p, disclosure)) };
      },
      table: (page, { locale }) => postsTable('publicaciones', page.posts, locale),
    }),
    defineRoute({
      ...viewer,
      method: 'get',
      path: '/posts/:id',
      summary: 'One post with its analysis and explanations (and its corrections, for analysts)',
      params: IdParam,
      async handler({ params, principal }) {
        const post = await store.posts.get(params.id);
        if (!post) throw new ResourceNotFoundError({ es: 'la publicación', en: 'post' }, params.id);
        const disclosure = await disclosureFor(store, principal!.user.role);
        const annotations = disclosure.full
          ? await store.annotations.listForPost(post.id)
          : undefined;
        return { post: viewPost(post, disclosure), ...(annotations ? { annotations } : {}) };
      },
    }),
    defineRoute({
      ...viewer,
      method: 'get',
      path: '/narratives',
      summary:
        "Narratives: clusters of similar posts among the range's newest, with trend and samples, and how many sampled posts are in none ('other topics')",
      query: NarrativeQuery,
      async handler({ query, principal, exporting }) {
        const disclosure = await disclosureFor(store, principal!.user.role, exporting);
        const found = await store.analytics.narratives({
          filter: filterOf(query),
          baselineDays: query.baselineDays,
          limit: query.limit,
        });
        return {
          ...found,
          narratives: found.narratives.map((n) => ({
            ...n,
            samples: n.samples.map((s) => ({ ...s, text: redactText(s.text, '', disclosure) })),
          })),
        };
      },
      table: (found) => ({
        name: 'narrativas',
        columns: ['label', 'size', 'previous', 'trend', 'terms'],
        rows: found.narratives.map((n) => [n.label, n.size, n.previous, n.trend, n.terms.join(' ')]),
      }),
    }),
    defineRoute({
      ...viewer,
      method: 'get',
      path: '/narratives/emerging',
      summary: 'Terms and hashtags rising against the baseline days before the range',
      query: NarrativeQuery,
      handler: async ({ query }) =>
        store.analytics.emergingTerms({
          filter: filterOf(query),
          baselineDays: query.baselineDays,
          limit: query.limit,
        }),
      table: (rows) => ({
        name: 'terminos-emergentes',
        columns: ['kind', 'value', 'count', 'expected', 'ratio', 'score'],
        rows: rows.map((t) => [t.kind, t.value, t.count, t.expected, t.ratio, t.score]),
      }),
    }),
  ];
}
