import {
  attributeValue,
  findTagEnd,
  parseTag,
  scanAttributes,
  type TagScanState,
  tabLabels,
} from './jsx-tag.ts';

/** Removes MDX/HTML markup from prose lines, one line at a time, keeping readable text. */
export interface ProseCleaner {
  /** The line without comments and tags; may contain `\n` when an unfinished tag is given up. */
  clean(line: string): string;
}

type Mode = 'text' | 'html-comment' | 'mdx-comment' | 'tag';

/** Characters where markup may start; everything between them is copied in one slice. */
const SPECIAL = /[`\\<{]/g;

/** A tag left open at the end of a line is abandoned after this many lines: it was not a tag. */
const MAX_TAG_LINES = 40;

/**
 * Creates a cleaner for one document. State spans lines: comments (`<!-- -->`, `{/* *\/}`) and
 * JSX tags may continue over several lines, and `<Tabs values={…}>` labels are remembered for
 * the `<TabItem value="…">` tags that follow. Inline code spans are never touched.
 */
export function createProseCleaner(): ProseCleaner {
  let mode: Mode = 'text';
  let tagText = '';
  let tagLines = 0;
  const tagState: TagScanState = { quote: '', depth: 0 };
  let labels = new Map<string, string>();

  /** Readable text a finished tag leaves behind: a tab's label or a component's title. */
  function replaceTag(text: string): string {
    const tag = parseTag(text);
    if (tag.closing || tag.selfClosing) return '';
    if (tag.name === 'Tabs') labels = tabLabels(tag.attributes);
    const label = attributeValue(tag.attributes, 'label');
    if (label) return `${label}:`;
    if (tag.name === 'TabItem') {
      const value = attributeValue(tag.attributes, 'value');
      const known = value === null ? undefined : labels.get(value);
      return known ? `${known}:` : '';
    }
    return attributeValue(tag.attributes, 'title') ?? '';
  }

  function clean(line: string): string {
    let out = '';
    let i = 0;
    if (mode === 'tag') {
      if (line.trim() === '' && tagState.depth === 0 && tagState.quote === '') {
        return giveUpTag(line);
      }
      tagText += '\n';
      const end = scanAttributes(line, 0, tagState);
      if (end < 0) {
        tagText += line;
        return ++tagLines > MAX_TAG_LINES ? giveUpTag('') : '';
      }
      out = appendReplacement(out, replaceTag(tagText + line.slice(0, end)));
      mode = 'text';
      i = end;
    }
    while (i < line.length) {
      if (mode === 'html-comment' || mode === 'mdx-comment') {
        const close = mode === 'html-comment' ? '-->' : '*/}';
        const end = line.indexOf(close, i);
        if (end < 0) return out;
        i = end + close.length;
        mode = 'text';
        continue;
      }
      SPECIAL.lastIndex = i;
      const next = SPECIAL.exec(line);
      if (!next) {
        out += line.slice(i);
        break;
      }
      out += line.slice(i, next.index);
      i = next.index;
      const char = line[i];
      if (char === '`') {
        const span = codeSpanEnd(line, i);
        out += line.slice(i, span);
        i = span;
      } else if (char === '\\') {
        out += line.slice(i, i + 2);
        i += 2;
      } else if (line.startsWith('<!--', i)) {
        mode = 'html-comment';
        i += 4;
      } else if (line.startsWith('{/*', i)) {
        mode = 'mdx-comment';
        i += 3;
      } else if (char === '<' && (line.startsWith('<>', i) || line.startsWith('</>', i))) {
        i += line[i + 1] === '>' ? 2 : 3;
      } else if (char === '<') {
        const end = findTagEnd(line, i);
        if (end === null) {
          out += char;
          i++;
        } else if (end < 0) {
          mode = 'tag';
          tagText = line.slice(i);
          tagLines = 1;
          Object.assign(tagState, { quote: '', depth: 0 });
          scanAttributes(tagText, 1, tagState);
          return out;
        } else {
          out = appendReplacement(out, replaceTag(line.slice(i, end)));
          i = end;
        }
      } else {
        out += char;
        i++;
      }
    }
    return out;
  }

  /** The "tag" never closed: hand its text back as prose so nothing is silently lost. */
  function giveUpTag(line: string): string {
    mode = 'text';
    const text = tagText;
    tagText = '';
    return `${text}\n${line}`;
  }

  return { clean };
}

/** A tag's replacement text; a tag that opens its line takes the indentation with it. */
function appendReplacement(out: string, replacement: string): string {
  return replacement && out.trim() === '' ? replacement : out + replacement;
}

/** End index of the inline code span opening at `start` (CommonMark: a matching backtick run). */
function codeSpanEnd(line: string, start: number): number {
  let run = start;
  while (line[run] === '`') run++;
  const fence = line.slice(start, run);
  let search = run;
  while (search < line.length) {
    const found = line.indexOf(fence, search);
    if (found < 0) break;
    let after = found + fence.length;
    if (line[after] !== '`' && line[found - 1] !== '`') return after;
    while (line[after] === '`') after++;
    search = after;
  }
  return run;
}
