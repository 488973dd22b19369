import type { Nodes } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { parseMarkdown } from './parse-markdown.ts';
import { renderSource, type SourcePolicy } from './render-source.ts';

/** Emphasis and links are resolved only in texts this short (their resolution is not linear). */
const MAX_INLINE_CHARS = 4000;
const MAX_DELIMITERS = 300;

/** Whether emphasis and links may be parsed: a bounded number of delimiters in a bounded text. */
function inlineParseIsBounded(text: string): boolean {
  if (text.length > MAX_INLINE_CHARS) return false;
  let delimiters = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '*' || char === '_' || char === '[' || char === ']' || char === '~') delimiters += 1;
  }
  return delimiters <= MAX_DELIMITERS;
}

/** Whether the text holds anything inline Markdown could change (else it is read as it is). */
function mayHoldMarkup(text: string, characters: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (characters.includes(text[i] ?? '')) return true;
  return false;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The text a reader sees for inline Markdown, as mdast-util-to-string gives it (which is what
 * Docusaurus slugs): code spans keep their content, links and images keep their text/alt,
 * emphasis markers, HTML tags and backslash escapes disappear, whitespace is collapsed.
 */
export function plainInlineText(markdown: string): string {
  if (!mayHoldMarkup(markdown, '`*_[]<&\\~!')) return collapse(markdown);
  const { root } = parseMarkdown(markdown, { inline: inlineParseIsBounded(markdown) });
  return collapse(textOf(root, { includeHtml: false }));
}

const isWebUrl = (url: string): boolean => url.startsWith('http://') || url.startsWith('https://');

/** Images go; links into the book become their text; bold markers and lower-case HTML tags go. */
const readablePolicy: SourcePolicy = (node: Nodes) => {
  switch (node.type) {
    case 'image':
    case 'imageReference':
      return 'cut';
    case 'link':
      return isWebUrl(node.url) ? 'copy' : 'unwrap';
    case 'strong':
      return 'unwrap';
    case 'html':
      return /^<\/?[a-z]/.test(node.value) ? 'cut' : 'copy';
    default:
      return 'copy';
  }
};

/**
 * Readable text of one line of Markdown prose: images dropped, links to other pages of the book
 * reduced to their text (their relative targets mean nothing in a chat) while links to the web stay
 * Markdown links, bold markers and lower-case HTML tags removed, whitespace collapsed. Inline
 * code, type names such as `<RootState>` and single `_`/`*` emphasis are kept as written.
 */
export function readableInline(markdown: string): string {
  if (!mayHoldMarkup(markdown, '*_[<')) return collapse(markdown);
  const { root, source } = parseMarkdown(markdown, { inline: inlineParseIsBounded(markdown) });
  return collapse(renderSource(source, 0, source.length, root.children as Nodes[], readablePolicy));
}
