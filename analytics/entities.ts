import { foldText, tokenize } from './tokenize.js';

/** The countable things of one post, normalised once at write time by both store adapters. */
export interface PostEntities {
  hashtag: string[];
  mention: string[];
  link: string[];
  term: string[];
}

/** The fields of a post entities are read from (a subset of models/post.ts `Post`). */
export interface EntitySource {
  text: string;
  hashtags: readonly string[];
  mentions: readonly string[];
  links: readonly string[];
}

const distinct = (values: Iterable<string>, max: number) =>
  [...new Set([...values].filter((v) => v.length > 0))].slice(0, max);

/**
 * Hashtags and mentions lower-cased without accents and without '#'/'@' (campaign hashtags are
 * compared the same way); links as collected, without a trailing slash; terms from `tokenize`.
 */
export function postEntities(post: EntitySource): PostEntities {
  return {
    hashtag: distinct(
      post.hashtags.map((h) => foldText(h.replace(/^#/, ''))),
      50,
    ),
    mention: distinct(
      post.mentions.map((m) => foldText(m.replace(/^@/, ''))),
      50,
    ),
    link: distinct(
      post.links.map((l) => l.trim().replace(/\/$/, '')),
      20,
    ),
    term: tokenize(post.text),
  };
}
