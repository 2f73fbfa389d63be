import { postEntities } from '../analytics/entities.js';
import type { Enrichment } from '../models/enrichment.js';
import { postFacets } from '../models/facets.js';
import type { Post } from '../models/post.js';
import type { EnrichmentItem, PreparedEnrichment } from '../models/store.js';
import { encodeEnrichment } from './enrichment-codec.js';

/**
 * What saving an analysis derives from a post and its enrichment, in one pure function that
 * both store adapters and the enrichment threads (workers/enrich-thread.ts) call: a thread
 * prepares its results, a store prepares what it was not handed, and both give the same rows.
 */

/** The fields of a post the prepared form depends on: none of them changes after insert. */
export type PreparationSource = Pick<
  Post,
  'createdAt' | 'place' | 'campaignIds' | 'text' | 'hashtags' | 'mentions' | 'links'
>;

/** The fields `preparationSource` keeps, e.g. to send a post to a thread. */
export function preparationSource(post: PreparationSource): PreparationSource {
  return {
    createdAt: post.createdAt,
    place: post.place,
    campaignIds: post.campaignIds,
    text: post.text,
    hashtags: post.hashtags,
    mentions: post.mentions,
    links: post.links,
  };
}

const NO_METRICS: Post['metrics'] = {
  likes: 0,
  reposts: 0,
  replies: 0,
  quotes: 0,
  views: null,
  observedAt: '1970-01-01T00:00:00.000Z',
};

/** The stored analysis (JSON), analysed facets and entities of a post and its enrichment. */
export function prepareEnrichment(post: PreparationSource, enrichment: Enrichment): PreparedEnrichment {
  // The metric facets are left out: they are the store's (upsert refreshes them), not the analysis'.
  const {
    interactions: _interactions,
    followers: _followers,
    views: _views,
    ...facets
  } = postFacets(
    {
      createdAt: post.createdAt,
      place: post.place,
      campaignIds: post.campaignIds,
      metrics: NO_METRICS,
      author: { followers: null },
    } as unknown as Post,
    enrichment,
  );
  return {
    json: encodeEnrichment(enrichment),
    facets: {
      ...facets,
      version: enrichment.version,
      misogynyCategory: facets.misogyny ? enrichment.misogyny.category : null,
    },
    entities: postEntities(post),
  };
}

/** An item's prepared form: as handed, or prepared from the post (read by the store). */
export function preparedOf(item: EnrichmentItem, post: () => PreparationSource): PreparedEnrichment {
  if (item.prepared !== undefined) return item.prepared;
  if (item.enrichment === undefined) throw new TypeError(`analysis of ${item.id} missing`);
  return prepareEnrichment(post(), item.enrichment);
}
