/** What the service says when the book does not cover a question, instead of guessing. */
export const NO_CONTEXT_ANSWER =
  "I couldn't find this in the book: none of the passages I found cover it, so I won't guess. Try rephrasing the question or naming the topic or API you mean.";

/**
 * Splits text into small streaming pieces of a few words each, whitespace kept, so that the
 * pieces concatenate back to exactly `text` and clients see the answer arrive progressively.
 */
export function textPieces(text: string, wordsPerPiece = 4): string[] {
  // One pass by hand: `/\s*\S+/g` and `/\s+$/` rescan long whitespace runs from every position.
  const isSpace = (index: number): boolean => /\s/.test(text[index] ?? '');
  const tokens: string[] = [];
  let trailing = '';
  let index = 0;
  while (index < text.length) {
    const start = index;
    while (index < text.length && isSpace(index)) index += 1;
    if (index === text.length) {
      trailing = text.slice(start);
      break;
    }
    while (index < text.length && !isSpace(index)) index += 1;
    tokens.push(text.slice(start, index));
  }
  const pieces: string[] = [];
  for (let i = 0; i < tokens.length; i += wordsPerPiece) {
    pieces.push(tokens.slice(i, i + wordsPerPiece).join(''));
  }
  if (trailing) pieces.push(trailing);
  return pieces;
}
