/** The opening line of a fenced code block. */
export interface FenceOpening {
  /** The fence run as written: three or more backticks or tildes. */
  marker: string;
  /** Info string: language plus attributes, e.g. `js title="src/app.js"`. */
  info: string;
  /** Columns of indentation before the fence (fences inside list items are indented). */
  indent: number;
}

const OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;

/** The fence opened by `line`, or null. Backtick fences may not have backticks in their info. */
export function parseFenceOpening(line: string): FenceOpening | null {
  const match = OPEN.exec(line);
  if (!match) return null;
  const marker = match[2] ?? '';
  const info = (match[3] ?? '').trim();
  if (marker.startsWith('`') && info.includes('`')) return null;
  return { marker, info, indent: (match[1] ?? '').replace(/\t/g, '    ').length };
}

/** Whether `line` closes `opening`: same character, at least as long, nothing after it. */
export function isFenceClose(line: string, opening: FenceOpening): boolean {
  const trimmed = line.trim();
  const char = opening.marker[0] ?? '`';
  return trimmed.length >= opening.marker.length && /^(`+|~+)$/.test(trimmed) && trimmed[0] === char;
}

// Docusaurus line-highlight magic comments: render-time instructions, noise for retrieval.
const HIGHLIGHT_COMMENT =
  /^\s*(?:\/\/|#|\/\*|<!--|\{\/\*)\s*highlight-(?:next-line|start|end)\s*(?:\*\/\}?|-->)?\s*$/;

/** Code lines dedented by the fence's own indentation, without highlight magic comments. */
export function cleanCodeLines(lines: string[], opening: FenceOpening): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (HIGHLIGHT_COMMENT.test(line)) continue;
    const leading = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    out.push(line.slice(Math.min(leading, opening.indent)));
  }
  return out;
}

/** A complete fenced block as Markdown text. */
export function renderFence(opening: FenceOpening, lines: string[]): string {
  const head = opening.info ? `${opening.marker}${opening.info}` : opening.marker;
  return [head, ...lines, opening.marker].join('\n');
}
