import { COLLECTIONS } from './collections.js';
import type { IndexSpec, MongoDbLike } from './db-like.js';

/**
 * Indexes of every collection, created at open. `createIndexes` is idempotent for identical
 * definitions; changing one here needs a new name (the server refuses to redefine a name).
 */
export const INDEXES: Record<string, IndexSpec[]> = {
  [COLLECTIONS.posts]: [
    // `_id` is already `platform:externalId`; this states the key in the data's own terms.
    { key: { platform: 1, externalId: 1 }, name: 'platform_externalId', unique: true },
    { key: { createdMs: 1 }, name: 'createdMs' },
    { key: { country: 1, createdMs: 1 }, name: 'country_createdMs' },
    { key: { topics: 1, createdMs: 1 }, name: 'topics_createdMs' },
    { key: { campaigns: 1, createdMs: 1 }, name: 'campaigns_createdMs' },
    // Search pages (newest first, ties by id) and an author's newest handle.
    { key: { createdMs: -1, _id: -1 }, name: 'createdMs_id_desc' },
    { key: { authorId: 1, createdMs: -1 }, name: 'authorId_createdMs' },
    // Pending enrichment: `analyzerVersion: null` (or another version), oldest first.
    { key: { analyzerVersion: 1, createdMs: 1 }, name: 'analyzerVersion_createdMs' },
    // Only posts awaiting re-aggregation: tiny, read by dirtyBuckets and recompute.
    {
      key: { dirty: 1, hourMs: 1 },
      name: 'dirty_hourMs',
      partialFilterExpression: { dirty: true },
    },
    // `language_override` names a field we never write, so no document field (the enrichment's
    // `language` object, the post's `lang`) is taken as the text's language.
    {
      key: { 'doc.text': 'text' },
      name: 'text_es',
      default_language: 'spanish',
      language_override: 'textLanguage',
    },
  ],
  [COLLECTIONS.rollups]: [
    {
      key: { granularity: 1, topic: 1, campaign: 1, bucketMs: 1 },
      name: 'granularity_topic_campaign_bucketMs',
    },
    // recompute's replacement of one bucket's cells.
    { key: { granularity: 1, bucketMs: 1 }, name: 'granularity_bucketMs' },
  ],
  [COLLECTIONS.authorDays]: [
    {
      key: { topic: 1, campaign: 1, dayMs: 1 },
      name: 'topic_campaign_dayMs',
    },
    // recompute's replacement of one day's cells.
    { key: { dayMs: 1 }, name: 'dayMs' },
  ],
  [COLLECTIONS.alerts]: [
    { key: { ruleId: 1, bucket: 1 }, name: 'ruleId_bucket', unique: true },
    { key: { createdMs: -1 }, name: 'createdMs' },
  ],
  [COLLECTIONS.users]: [{ key: { emailLower: 1 }, name: 'emailLower', unique: true }],
  [COLLECTIONS.annotations]: [
    { key: { postId: 1, createdMs: 1 }, name: 'postId_createdMs' },
    { key: { createdMs: 1 }, name: 'createdMs' },
  ],
  [COLLECTIONS.briefs]: [{ key: { createdMs: -1 }, name: 'createdMs' }],
};

export async function ensureIndexes(db: MongoDbLike): Promise<void> {
  await Promise.all(
    Object.entries(INDEXES).map(([collection, specs]) =>
      db.collection(collection).createIndexes(specs),
    ),
  );
}
