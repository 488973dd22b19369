import { terms, words } from '../../domain/tokenize.ts';

/** More OR-ed words add little recall but slow FTS5 down; long pasted queries are cut here. */
export const MAX_MATCH_WORDS = 32;

/**
 * Longer "words" are dropped: FTS5 splits `a_b_c…` at every `_`, and a quoted run of hundreds of
 * tokens is a phrase query whose cost grows with its length times every matching chunk's.
 */
export const MAX_MATCH_WORD_CHARS = 64;

/** One word as an FTS5 string literal: operators such as AND, NEAR or `*` become plain text. */
const quote = (word: string): string => `"${word.replaceAll('"', '""')}"`;

/**
 * Turns natural-language text into a safe FTS5 MATCH expression: its words, each double-quoted,
 * joined with OR (implicit AND would make long questions match nothing). Stop words are dropped
 * unless the query has nothing else. Words are passed unstemmed because the `porter` tokenizer
 * stems the query as it stems the index. Returns null when nothing searchable remains.
 */
export function toMatchExpression(text: string): string | null {
  const all = words(text)
    .filter((word) => word.length <= MAX_MATCH_WORD_CHARS)
    .map((word) => word.replace(/'s$/, ''));
  const content = all.filter((word) => terms(word).length > 0);
  const chosen = [...new Set(content.length > 0 ? content : all)].slice(0, MAX_MATCH_WORDS);
  return chosen.length === 0 ? null : chosen.map(quote).join(' OR ');
}
