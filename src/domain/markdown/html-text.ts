import { replaceLabels, type TabLabels, tabLabels, tagLabel } from './jsx-label.ts';

/** A `<` more than this far from its `>` starts no tag. */
const MAX_TAG_CHARS = 1000;

/**
 * The text a reader sees in a block of HTML (CommonMark reads JSX as HTML too): comments and
 * tags removed, a tab's label or a component's title kept as text. One pass; a tag is looked
 * for at most 1,000 characters ahead, so a text full of `<` stays linear.
 */
export function htmlReadableText(html: string, labels: TabLabels): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, open);
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      if (close < 0) break;
      i = close + 3;
      continue;
    }
    const end = isTagStart(html, open) ? tagEnd(html, open) : -1;
    if (end < 0) {
      out += '<';
      i = open + 1;
      continue;
    }
    out += readableTag(html.slice(open, end), labels);
    i = end;
  }
  return out;
}

function isTagStart(html: string, at: number): boolean {
  const next = html[at + 1] === '/' ? html[at + 2] : html[at + 1];
  return next !== undefined && ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'));
}

/** Index after the `>` closing the tag at `start` (quotes and `{…}` skipped), or -1. */
function tagEnd(html: string, start: number): number {
  let quote = '';
  let depth = 0;
  const limit = Math.min(html.length, start + MAX_TAG_CHARS);
  for (let i = start + 1; i < limit; i += 1) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{') depth += 1;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if (char === '>' && depth === 0) return i + 1;
  }
  return -1;
}

/** What a tag leaves in the text: a label or title for opening tags, '' otherwise. */
function readableTag(tag: string, labels: TabLabels): string {
  if (tag.startsWith('</') || tag.endsWith('/>')) return '';
  let nameEnd = 1;
  while (nameEnd < tag.length && !' \t\n/>'.includes(tag[nameEnd] ?? ' ')) nameEnd += 1;
  const name = tag.slice(1, nameEnd);
  const attributes = tag.slice(nameEnd, -1);
  if (name === 'Tabs') {
    const values = attributeValue(attributes, 'values');
    if (values !== null) replaceLabels(labels, tabLabels(values));
  }
  return tagLabel(name, (attribute) => attributeValue(attributes, attribute), labels);
}

/** A string attribute: `name="x"`, `name='x'` or `name={"x"}`; `name={…}` gives the expression. */
export function attributeValue(attributes: string, name: string): string | null {
  let from = 0;
  while (from < attributes.length) {
    const at = attributes.indexOf(`${name}=`, from);
    if (at < 0) return null;
    from = at + name.length + 1;
    const before = attributes[at - 1];
    if (at > 0 && before !== ' ' && before !== '\t' && before !== '\n') continue;
    const quote = attributes[from];
    if (quote === '"' || quote === "'") {
      const end = attributes.indexOf(quote, from + 1);
      return end < 0 ? null : attributes.slice(from + 1, end);
    }
    if (quote === '{') {
      const end = attributes.lastIndexOf('}');
      if (end <= from) return null;
      const inner = attributes.slice(from + 1, end).trim();
      const q = inner[0];
      return (q === '"' || q === "'" || q === '`') && inner.endsWith(q) && inner.length >= 2
        ? inner.slice(1, -1)
        : inner;
    }
    return null;
  }
  return null;
}
