/** Inline code spans (`x`, ``x``), which must be kept verbatim. */
const CODE_SPAN = /(`+)[^`]*?\1/g;

/** Applies `clean` to the prose between inline code spans, leaving the spans untouched. */
function outsideCode(text: string, clean: (prose: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    out += clean(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + clean(text.slice(last));
}

/**
 * Readable text of one line of Markdown prose: images dropped, links to other pages of the book
 * reduced to their text (their relative targets mean nothing in a chat) while links to the web stay
 * Markdown links (the reader can follow them; the wording stays the author's),
 * bold markers (paired or left over from a split sentence) and lower-case HTML tags removed,
 * whitespace collapsed. Inline code, type names such as `<RootState>` and single `_`/`*`
 * emphasis are kept (they are part of quoted wording such as "Redux _uses_ context").
 */
export function readableInline(text: string): string {
  // Links first: their text may hold a code span (`[\`dispatch()\`](#dispatch)`).
  const unlinked = text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\((?!https?:\/\/)[^)\s]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
  return outsideCode(unlinked, (prose) =>
    prose.replace(/\*\*/g, '').replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/g, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Link text without its target, for scoring: a URL's words say nothing about the sentence. */
export const withoutLinkTargets = (text: string): string => text.replace(/\[([^\]]+)\]\([^)\s]*\)/g, '$1');

/** Offsets covered by inline code spans, so sentence splitting never cuts inside one. */
export function codeSpanRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(CODE_SPAN)].map((match) => [match.index, match.index + match[0].length]);
}

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|cf|approx|Mr|Mrs|Dr|St|No|Fig)\.$/i;

/** A sentence end: terminal punctuation, optional closing quote/bracket, then whitespace. */
const SENTENCE_END = /[.!?]+["'”’)\]]*\s+/g;

/** Splits a paragraph of prose into sentences (abbreviations and code spans respected). */
export function splitSentences(paragraph: string): string[] {
  const spans = codeSpanRanges(paragraph);
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    const next = paragraph[end] ?? '';
    if (!/[A-Z0-9`"“'(*_[]/.test(next)) continue;
    if (spans.some(([from, to]) => match.index >= from && match.index < to)) continue;
    const sentence = paragraph.slice(start, end).trim();
    if (ABBREVIATIONS.test(paragraph.slice(start, match.index + 1))) continue;
    sentences.push(sentence);
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
