import { searchTerms, type SearchTerm } from '../../../analytics/search-terms.js';
import { foldText, STOPWORDS } from '../../../analytics/tokenize.js';
import type { SearchLabels } from '../../../models/analytics.js';
import type { PostFilter } from '../../../models/filter.js';
import type { Doc } from '../db-like.js';
import { postMatch } from './match.js';

/** Letters and digits FTS5's unicode61 tokenizer keeps in a token (Latin scripts). */
const WORD_CHAR = '0-9A-Za-zªµºÀ-ÖØ-öø-ɏ';
const VARIANTS: Record<string, string> = {
  a: 'aàáâãäåā',
  e: 'eèéêëē',
  i: 'iìíîïī',
  o: 'oòóôõöøō',
  u: 'uùúûüū',
  n: 'nñ',
  c: 'cç',
  y: 'yýÿ',
};

/** A folded word as a pattern of raw text: each letter with its accented variants. */
function wordPattern(word: string): string {
  return [...foldText(word)]
    .map((ch) => (VARIANTS[ch] ? `[${VARIANTS[ch]}]` : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
}

/**
 * A regex matching a search term in raw text, accent- and case-insensitively (with the `i`
 * option): a token that is one of its whole words or begins with its prefix, what FTS5
 * `unicode61 remove_diacritics 2` matches for `("word" OR "prefix"*)`, without a text index.
 */
export function termRegex(term: SearchTerm): string {
  const forms: string[] = [];
  if (term.prefix) forms.push(wordPattern(term.prefix));
  if (term.exact.length > 0) {
    forms.push(`(?:${term.exact.map(wordPattern).join('|')})(?:[^${WORD_CHAR}]|$)`);
  }
  return `(^|[^${WORD_CHAR}])(?:${forms.join('|')})`;
}

/** Conditions for the labels a search requires (flags are stored as 1 / 0). */
function labelMatch(labels: SearchLabels | undefined): Doc {
  if (!labels) return {};
  const match: Doc = {};
  if (labels.sentiment.length > 0) match.sentiment = { $in: labels.sentiment };
  if (labels.emotion.length > 0) match.emotion = { $in: labels.emotion };
  if (labels.misogyny !== undefined) match.misogyny = labels.misogyny ? 1 : 0;
  if (labels.hate !== undefined) match.hate = labels.hate ? 1 : 0;
  return match;
}

/**
 * The query of a post search: the filter, every term of `q`, and the keyset cursor. With
 * `textIndex` (a real server) `$text` on the terms of one whole word (quoted words) narrows
 * through the text index first — diacritic-insensitive phrase matching is a superset of
 * whole-token matching, which the server's stemmed index does not promise for a prefix or for
 * alternatives — and the regexes then keep exactly what FTS5 would. Other terms are matched by
 * regex over the filter's posts only.
 */
export function searchMatch(
  filter: PostFilter,
  q: string,
  after: { createdMs: number; id: string } | null,
  textIndex: boolean,
  labels?: SearchLabels,
): Doc {
  const terms = searchTerms(q);
  const and: Doc[] = terms.map((t) => ({
    'doc.text': { $regex: termRegex(t), $options: 'i' },
  }));
  if (after) {
    and.push({
      $or: [
        { createdMs: { $lt: after.createdMs } },
        { createdMs: after.createdMs, _id: { $lt: after.id } },
      ],
    });
  }
  const match: Doc = { ...postMatch(filter), ...labelMatch(labels) };
  if (and.length > 0) match.$and = and;
  // The server's Spanish text index drops stop words, so a phrase of one would match nothing.
  const indexed = terms
    .filter((t) => !t.prefix && t.exact.length === 1 && !STOPWORDS.has(t.exact[0]!))
    .map((t) => t.exact[0]!);
  if (textIndex && indexed.length > 0)
    match.$text = { $search: indexed.map((word) => `"${word}"`).join(' ') };
  return match;
}
