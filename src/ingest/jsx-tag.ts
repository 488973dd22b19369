/** A JSX/HTML tag found in prose, e.g. `<TabItem value="yarn" label="Yarn">`. */
export interface ParsedTag {
  /** Tag name (`TabItem`, `div`); empty for fragments `<>`. */
  name: string;
  /** Whether this is a closing tag `</Name>`. */
  closing: boolean;
  /** Whether this is self-closing `<Name />`. */
  selfClosing: boolean;
  /** Raw attribute text between the name and the end of the tag. */
  attributes: string;
}

const TAG_START = /^<\/?[A-Za-z][\w.-]*(?=[\s/>]|$)/;

/**
 * Where a tag starting at `text[start] === '<'` ends (index after `>`), -1 when the text ends
 * inside the tag (a multi-line tag), or null when this `<` starts no tag (`a < b`, `<https://…>`).
 * Quotes and `{…}` expressions are skipped, so `values={[{ label: 'a > b' }]}` stays inside.
 */
export function findTagEnd(text: string, start: number): number | null {
  const head = TAG_START.exec(text.slice(start, start + 80));
  if (!head) return null;
  return scanAttributes(text, start + head[0].length, { quote: '', depth: 0 });
}

/** Scanner state carried across lines while a tag spans several lines. */
export interface TagScanState {
  /** The open quote character, or '' outside quotes. */
  quote: string;
  /** Nesting depth of `{` expressions. */
  depth: number;
}

/** Continues scanning attributes from `from`; returns the index after `>` or -1 (state updated). */
export function scanAttributes(text: string, from: number, state: TagScanState): number {
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (state.quote) {
      if (char === state.quote) state.quote = '';
    } else if (char === '"' || char === "'" || (char === '`' && state.depth > 0)) {
      state.quote = char;
    } else if (char === '{') {
      state.depth++;
    } else if (char === '}') {
      state.depth = Math.max(0, state.depth - 1);
    } else if (char === '>' && state.depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/** Splits complete tag text into name, kind and attributes. */
export function parseTag(tagText: string): ParsedTag {
  const head = /^<(\/?)([A-Za-z][\w.-]*)?/.exec(tagText);
  const closing = head?.[1] === '/';
  const name = head?.[2] ?? '';
  const inner = tagText.slice(head?.[0].length ?? 1, -1);
  const selfClosing = /\/\s*$/.test(inner);
  return { name, closing, selfClosing, attributes: selfClosing ? inner.replace(/\/\s*$/, '') : inner };
}

/** The value of a string attribute: `name="x"`, `name='x'` or `name={"x"}` / `name={`x`}`. */
export function attributeValue(attributes: string, name: string): string | null {
  const pattern = new RegExp(
    `(?:^|\\s)${name}=(?:"([^"]*)"|'([^']*)'|\\{\\s*(["'\`])([\\s\\S]*?)\\3\\s*\\})`,
  );
  const match = pattern.exec(attributes);
  if (!match) return null;
  return (match[1] ?? match[2] ?? match[4] ?? '').trim();
}

/** `value → label` pairs of a Docusaurus `<Tabs values={[{ label: 'npm', value: 'npm' }, …]}>`. */
export function tabLabels(attributes: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const object of attributes.matchAll(/\{([^{}]*)\}/g)) {
    const body = object[1] ?? '';
    const label = /label:\s*(["'`])(.*?)\1/.exec(body)?.[2];
    const value = /value:\s*(["'`])(.*?)\1/.exec(body)?.[2];
    if (label !== undefined && value !== undefined) labels.set(value, label);
  }
  return labels;
}
