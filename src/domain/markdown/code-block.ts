import type { Code } from 'mdast';

/** How a code block is fenced: reused when a giant block is split into several fenced pieces. */
export interface CodeFence {
  /** Three or more backticks or tildes, as written (three backticks for indented code). */
  marker: string;
  /** Info string: language plus attributes, e.g. `js title="src/app.js"`. */
  info: string;
}

/** A code block of the flattened text (see markdownBlocks). */
export interface CodeBlock {
  kind: 'code';
  fence: CodeFence;
  lines: string[];
}

/** The code block of a `code` node: its fence as written, its lines without magic comments. */
export function codeBlock(node: Code, source: string): CodeBlock {
  const info = [node.lang, node.meta].filter(Boolean).join(' ');
  const lines = node.value.split('\n').filter((line) => !isHighlightComment(line));
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return { kind: 'code', fence: { marker: fenceMarker(node, source, lines), info }, lines };
}

/** The fence run at the node's start; for indented code one longer than any run inside. */
function fenceMarker(node: Code, source: string, lines: string[]): string {
  let at = node.position?.start.offset ?? 0;
  while (source[at] === ' ' || source[at] === '\t') at += 1;
  const char = source[at];
  const lineEnd = source.indexOf('\n', at);
  const firstLine = source.slice(at, lineEnd < 0 ? source.length : lineEnd).trim();
  // Indented code may itself start with a fence-like line: then that line is its first line.
  const indented = firstLine === (node.value.split('\n', 1)[0] ?? '').trim();
  if ((char === '`' || char === '~') && !indented) {
    let end = at;
    while (source[end] === char) end += 1;
    if (end - at >= 3) return source.slice(at, end);
  }
  let longest = 2;
  for (const line of lines) {
    const trimmed = line.trimStart();
    let run = 0;
    while (trimmed[run] === '`') run += 1;
    longest = Math.max(longest, run);
  }
  return '`'.repeat(longest + 1);
}

const COMMENT_OPENERS = ['//', '#', '/*', '<!--', '{/*'];
const COMMENT_CLOSERS = ['*/}', '*/', '-->'];
const HIGHLIGHT_DIRECTIVES = ['highlight-next-line', 'highlight-start', 'highlight-end'];

/**
 * Docusaurus line-highlight magic comments (`// highlight-next-line`, `{/* highlight-start *\/}`):
 * render-time instructions, noise for retrieval and answers. Checked without a regex, so a
 * long line costs one pass.
 */
export function isHighlightComment(line: string): boolean {
  let rest = line.trim();
  const opener = COMMENT_OPENERS.findLast((candidate) => rest.startsWith(candidate));
  if (opener === undefined) return false;
  rest = rest.slice(opener.length);
  const closer = COMMENT_CLOSERS.find((candidate) => rest.endsWith(candidate));
  if (closer !== undefined) rest = rest.slice(0, -closer.length);
  return HIGHLIGHT_DIRECTIVES.includes(rest.trim());
}

/** A complete fenced block as Markdown text. */
export function renderFence(fence: CodeFence, lines: string[]): string {
  const head = fence.info ? `${fence.marker}${fence.info}` : fence.marker;
  return [head, ...lines, fence.marker].join('\n');
}
