import { z } from 'zod';
import type { Post } from '../../models/post.js';
import { pseudonymize } from '../../models/pseudonym.js';
import { hashtagsIn, linksIn, mentionsIn } from './entities.js';
import { count, finishPost, instant, primaryLang } from './mapping.js';
import type { MappingContext, Rejected } from './types.js';

/** An `app.bsky.feed.post` record (lexicon app.bsky.feed.post), fields escucha reads. */
export const FeedPostRecord = z.looseObject({
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).nullish(),
  facets: z
    .array(
      z.looseObject({
        features: z.array(z.looseObject({ $type: z.string(), tag: z.string().optional(), uri: z.string().optional() })),
      }),
    )
    .nullish(),
});
type FeedPostRecord = z.infer<typeof FeedPostRecord>;

/** The hashtags and links a post's facets declare, plus those in its text. */
export function facetEntities(record: FeedPostRecord): { hashtags: string[]; links: string[] } {
  const features = (record.facets ?? []).flatMap((facet) => facet.features);
  const tags = features.filter((f) => f.$type === 'app.bsky.richtext.facet#tag' && f.tag).map((f) => f.tag!);
  const links = features.filter((f) => f.$type === 'app.bsky.richtext.facet#link' && f.uri).map((f) => f.uri!);
  return {
    hashtags: [...new Set([...tags, ...hashtagsIn(record.text)])],
    links: [...new Set([...links, ...linksIn(record.text)])].slice(0, 100),
  };
}

/** The post's web address: bsky.app/profile/{handle or did}/post/{rkey}. */
export function bskyUrl(atUri: string, actor: string): string {
  return `https://bsky.app/profile/${actor}/post/${atUri.split('/').pop()}`;
}

/** Maps a post record of a repo (`did`) to a Post; shared by search results and Jetstream. */
export function bskyRecordToPost(
  input: { uri: string; did: string; handle: string | null; name: string | null; record: unknown; metrics?: Partial<Record<'likes' | 'reposts' | 'replies' | 'quotes', number>> },
  context: MappingContext,
): { post: Post } | { rejected: Rejected } {
  const parsed = FeedPostRecord.safeParse(input.record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { rejected: { reason: `record ${issue.path.join('.')}: ${issue.message}`, externalId: input.uri } };
  }
  const record = parsed.data;
  const createdAt = instant(record.createdAt);
  if (!createdAt) return { rejected: { reason: `createdAt "${record.createdAt}" is not a date`, externalId: input.uri } };
  const { hashtags, links } = facetEntities(record);
  const observedAt = context.now.toISOString();
  return finishPost({
    platform: 'bluesky',
    externalId: input.uri,
    url: bskyUrl(input.uri, input.handle ?? input.did),
    text: record.text,
    lang: primaryLang(record.langs?.[0]),
    createdAt,
    collectedAt: observedAt,
    author: {
      id: pseudonymize(context.secret, 'bluesky', input.did),
      handle: input.handle,
      name: input.name,
      followers: null,
      verified: false,
      location: null,
    },
    metrics: {
      likes: count(input.metrics?.likes),
      reposts: count(input.metrics?.reposts),
      replies: count(input.metrics?.replies),
      quotes: count(input.metrics?.quotes),
      views: null,
      observedAt,
    },
    hashtags,
    mentions: mentionsIn(record.text),
    links,
    place: null,
    source: { kind: 'bluesky', queryId: context.queryId },
  });
}
