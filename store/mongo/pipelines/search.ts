import { searchTerms } from '../../../analytics/search-terms.js';
import { foldText, STOPWORDS } from '../../../analytics/tokenize.js';
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

/**
 * A regex matching a folded word as a whole token of raw text (or, with `prefix`, as the start
 * of one), accent- and case-insensitively (with the `i` option): what FTS5 `unicode61
 * remove_diacritics 2` matches for `"word"` (`"word"*`), without a text index.
 */
export function wordRegex(word: string, prefix = false): string {
  const body = [...foldText(word)]
    .map((ch) => (VARIANTS[ch] ? `[${VARIANTS[ch]}]` : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return `(^|[^${WORD_CHAR}])${body}${prefix ? '' : `([^${WORD_CHAR}]|$)`}`;
}

/**
 * The query of a post search: the filter, every term of `q`, and the keyset cursor. With
 * `textIndex` (a real server) `$text` on the whole-word terms narrows through the text index
 * first — diacritic-insensitive phrase matching is a superset of whole-token matching, which
 * the server's stemmed index does not promise for a prefix — and the regexes then keep exactly
 * what FTS5 would.
 */
export function searchMatch(
  filter: PostFilter,
  q: string,
  after: { createdMs: number; id: string } | null,
  textIndex: boolean,
): Doc {
  const terms = searchTerms(q);
  const and: Doc[] = terms.map((t) => ({
    'doc.text': { $regex: wordRegex(t.word, t.prefix), $options: 'i' },
  }));
  if (after) {
    and.push({
      $or: [
        { createdMs: { $lt: after.createdMs } },
        { createdMs: after.createdMs, _id: { $lt: after.id } },
      ],
    });
  }
  const match: Doc = { ...postMatch(filter) };
  if (and.length > 0) match.$and = and;
  // The server's Spanish text index drops stop words, so a phrase of one would match nothing.
  const indexed = terms.filter((t) => !t.prefix && !STOPWORDS.has(t.word));
  if (textIndex && indexed.length > 0)
    match.$text = { $search: indexed.map((t) => `"${t.word}"`).join(' ') };
  return match;
}
