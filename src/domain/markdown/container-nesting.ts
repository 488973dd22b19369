/** Deeper nesting than this is flattened: no book nests quotes, lists or admonitions so deep. */
const MAX_DEPTH = 16;
/** Admonitions nest far less deep, and each level re-reads its content: a tighter bound. */
const MAX_DIRECTIVE_DEPTH = 4;

/**
 * The text with block containers nested deeper than 16 levels flattened, every character kept
 * in place (markers become spaces, so positions stay valid). micromark re-checks every open
 * container on every line, so `>>>>…` or thousands of `:::note` lines cost time that grows
 * with the square (or worse) of their number; bounded nesting keeps every parse linear.
 */
export function boundContainerNesting(text: string): string {
  let out = '';
  let copied = 0;
  let directiveDepth = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const blank = blankedMarkers(text, lineStart, lineEnd);
    const directive = directiveLine(text, lineStart, lineEnd);
    if (directive === 'open' && directiveDepth >= MAX_DIRECTIVE_DEPTH)
      blank.push(...colonRun(text, lineStart, lineEnd));
    else if (directive === 'open') directiveDepth += 1;
    else if (directive === 'close') directiveDepth = Math.max(0, directiveDepth - 1);
    for (const [from, to] of blank) {
      out += text.slice(copied, from) + ' '.repeat(to - from);
      copied = to;
    }
    lineStart = lineEnd + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const isSpace = (char: string | undefined): boolean => char === ' ' || char === '\t';
const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/** Ranges of the quote and list markers of one line's prefix beyond the allowed depth. */
function blankedMarkers(text: string, start: number, end: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let depth = 0;
  let i = start;
  while (i < end) {
    const char = text[i];
    let markerEnd = -1;
    if (isSpace(char)) {
      i += 1;
      continue;
    }
    if (char === '>') markerEnd = i + 1;
    else if ((char === '-' || char === '*' || char === '+') && isSpace(text[i + 1])) markerEnd = i + 1;
    else if (isDigit(char)) {
      let j = i;
      while (j < end && j - i < 9 && isDigit(text[j])) j += 1;
      if ((text[j] === '.' || text[j] === ')') && isSpace(text[j + 1])) markerEnd = j + 1;
    }
    if (markerEnd < 0) break;
    depth += 1;
    if (depth > MAX_DEPTH) ranges.push([i, markerEnd]);
    i = markerEnd;
  }
  return ranges;
}

/** Whether a line opens (`:::name`) or closes (`:::`) a directive container. */
function directiveLine(text: string, start: number, end: number): 'open' | 'close' | null {
  let i = start;
  while (i < end && isSpace(text[i])) i += 1;
  let colons = 0;
  while (i + colons < end && text[i + colons] === ':') colons += 1;
  if (colons < 3) return null;
  let rest = i + colons;
  while (rest < end && (isSpace(text[rest]) || text[rest] === '\r')) rest += 1;
  return rest === end ? 'close' : 'open';
}

/** The colon run of a directive line, as a range. */
function colonRun(text: string, start: number, end: number): Array<[number, number]> {
  let i = start;
  while (i < end && isSpace(text[i])) i += 1;
  let j = i;
  while (j < end && text[j] === ':') j += 1;
  return [[i, j]];
}
