/** Hashtags, mentions and links read from a post's text, for sources that do not list them. */

const HASHTAG = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const MENTION = /(?:^|[^\p{L}\p{N}_.])@([A-Za-z0-9_][A-Za-z0-9_.]{0,63}(?:@[A-Za-z0-9.-]+)?)/gu;
const LINK = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

export function hashtagsIn(text: string): string[] {
  return unique([...text.matchAll(HASHTAG)].map((m) => m[1]!));
}

export function mentionsIn(text: string): string[] {
  return unique([...text.matchAll(MENTION)].map((m) => m[1]!.replace(/\.$/, '')));
}

export function linksIn(text: string): string[] {
  return unique([...text.matchAll(LINK)].map((m) => m[0].replace(/[.,;:!?]+$/, '')));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
