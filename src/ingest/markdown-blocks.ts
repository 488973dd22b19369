import { readableMarker } from './admonition.ts';
import { cleanCodeLines, type FenceOpening, isFenceClose, parseFenceOpening } from './code-fence.ts';
import { createProseCleaner } from './prose-cleaner.ts';

/** A block of a Markdown body, after MDX/HTML markup has been removed. */
export type MarkdownBlock =
  | {
      /** An ATX or setext heading. */
      kind: 'heading';
      /** 1–6. */
      level: number;
      /** Raw inline Markdown of the heading, explicit id included. */
      raw: string;
    }
  | {
      /** A fenced code block, fences included, re-closed when the source left it open. */
      kind: 'code';
      /** The opening fence (`marker` and `info`), reused when a giant block must be split. */
      fence: FenceOpening;
      /** Code lines between the fences, dedented to the fence's indentation. */
      lines: string[];
    }
  | {
      /** Prose lines (may include blank lines). */
      kind: 'text';
      lines: string[];
    };

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-{2,})[ \t]*$/;
const ESM_START =
  /^(?:import\s+(?:['"{]|[\w*][\w*{}\s,]*\s+from\s+['"])|export\s+(?:const|let|var|function|default|async|class|\{|\*))/;
const INCLUDE_DIRECTIVE = /^\s*\{\*.*\*\}\s*$/;
// `&nbsp;` alone on a line is a layout spacer (Redux uses it under hidden titles).
const SPACER = /^\s*(?:&nbsp;\s*)+$/;
const NOT_SETEXT_CONTENT = /^\s*(?:[-*+>|]|\d+[.)]\s|:{3}|\/{3})/;

/**
 * Scans a Markdown/MDX body into headings, code blocks and cleaned prose. Headings, imports and
 * markup inside code fences are left alone; admonition markers become readable lines.
 */
export function scanMarkdown(body: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  const cleaner = createProseCleaner();
  let prose: string[] = [];
  let fence: { opening: FenceOpening; lines: string[] } | null = null;
  let esmDepth = 0;

  const flushProse = () => {
    if (prose.some((line) => line.trim() !== '')) blocks.push({ kind: 'text', lines: prose });
    prose = [];
  };

  for (const line of body.split(/\r?\n/)) {
    if (fence) {
      if (isFenceClose(line, fence.opening)) {
        blocks.push({
          kind: 'code',
          fence: fence.opening,
          lines: cleanCodeLines(fence.lines, fence.opening),
        });
        fence = null;
      } else {
        fence.lines.push(line);
      }
      continue;
    }
    if (esmDepth > 0) {
      esmDepth += braceBalance(line);
      continue;
    }
    const opening = parseFenceOpening(line);
    if (opening) {
      flushProse();
      fence = { opening, lines: [] };
      continue;
    }
    if (ESM_START.test(line)) {
      esmDepth = Math.max(0, braceBalance(line));
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flushProse();
      blocks.push({ kind: 'heading', level: atx[1]?.length ?? 1, raw: atx[2] ?? '' });
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext) {
      const previous = prose.at(-1);
      const alone = prose.length === 1 || prose.at(-2)?.trim() === '';
      if (previous?.trim() && alone && !NOT_SETEXT_CONTENT.test(previous)) {
        prose.pop();
        flushProse();
        blocks.push({ kind: 'heading', level: setext[1]?.startsWith('=') ? 1 : 2, raw: previous.trim() });
      } else {
        prose.push('');
      }
      continue;
    }
    if (INCLUDE_DIRECTIVE.test(line) || SPACER.test(line)) {
      prose.push('');
      continue;
    }
    const marker = readableMarker(line);
    const cleaned = marker ?? cleaner.clean(line);
    prose.push(...(cleaned.trim() === '' ? [''] : cleaned.split('\n')));
  }
  if (fence) {
    // Unclosed at the end of the text: CommonMark runs it to the end; we close it for the chunk.
    while (fence.lines.at(-1)?.trim() === '') fence.lines.pop();
    blocks.push({ kind: 'code', fence: fence.opening, lines: cleanCodeLines(fence.lines, fence.opening) });
  }
  flushProse();
  return blocks;
}

/** Net `{`/`}` count, to follow a multi-line `import { a, b } from 'x'` or `export const`. */
function braceBalance(line: string): number {
  let depth = 0;
  for (const char of line) {
    if (char === '{') depth++;
    else if (char === '}') depth--;
  }
  return depth;
}
