/**
 * A small JavaScript/TypeScript tokenizer for reading configuration files without running them.
 * One linear pass; comments and regular-expression literals are skipped, so a quote inside them
 * cannot derail the scan. Only what a literal reader needs is kept: names, strings, numbers and
 * punctuation (multi-character operators arrive as single characters, except `...`).
 */

/** One token of the source. */
export type JsToken =
  | { type: 'name'; value: string }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  /** A template literal with `${…}` substitutions: its value is not known statically. */
  | { type: 'dynamic' }
  | { type: 'punct'; value: string };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
// After these (or at the start) a `/` begins a regular expression rather than a division.
const BEFORE_REGEX = new Set('([{,;:=!&|?+-*%<>~^}'.split(''));
const KEYWORDS_BEFORE_REGEX = new Set([
  'return',
  'typeof',
  'case',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
]);

const isNameStart = (ch: string): boolean => /[\p{L}_$]/u.test(ch);
const isNamePart = (ch: string): boolean => /[\p{L}\p{N}_$]/u.test(ch);
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

/** Splits `source` into tokens; malformed input ends the scan early rather than throwing. */
export function tokenizeJs(source: string): JsToken[] {
  const tokens: JsToken[] = [];
  let i = 0;
  const previous = (): JsToken | undefined => tokens.at(-1);

  while (i < source.length) {
    const ch = source.charAt(i);
    const next = source.charAt(i + 1);
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\uFEFF') {
      i += 1;
    } else if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end + 1;
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (ch === "'" || ch === '"') {
      const { value, end } = readQuoted(source, i);
      tokens.push({ type: 'string', value });
      i = end;
    } else if (ch === '`') {
      const { value, end } = readTemplate(source, i);
      tokens.push(value === null ? { type: 'dynamic' } : { type: 'string', value });
      i = end;
    } else if (ch === '/' && startsRegex(previous())) {
      i = skipRegex(source, i);
    } else if (isDigit(ch) || (ch === '.' && isDigit(next))) {
      let end = i + 1;
      while (end < source.length && /[\w.]/.test(source.charAt(end))) end += 1;
      tokens.push({ type: 'number', value: Number(source.slice(i, end).replaceAll('_', '')) });
      i = end;
    } else if (isNameStart(ch)) {
      let end = i + 1;
      while (end < source.length && isNamePart(source.charAt(end))) end += 1;
      tokens.push({ type: 'name', value: source.slice(i, end) });
      i = end;
    } else if (source.startsWith('...', i)) {
      tokens.push({ type: 'punct', value: '...' });
      i += 3;
    } else {
      tokens.push({ type: 'punct', value: ch });
      i += 1;
    }
  }
  return tokens;
}

function startsRegex(token: JsToken | undefined): boolean {
  if (token === undefined) return true;
  if (token.type === 'punct') return BEFORE_REGEX.has(token.value);
  return token.type === 'name' && KEYWORDS_BEFORE_REGEX.has(token.value);
}

/** Reads a '…' or "…" string starting at `start`; an unescaped line end also ends it. */
function readQuoted(source: string, start: number): { value: string; end: number } {
  const quote = source.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === quote || ch === '\n') return { value, end: i + 1 };
    if (ch === '\\') {
      const escaped = source.charAt(i + 1);
      value += ESCAPES[escaped] ?? (escaped === '\n' ? '' : escaped);
      i += 2;
    } else {
      value += ch;
      i += 1;
    }
  }
  return { value, end: i };
}

/** Reads a template literal; its value is null when it has `${…}` substitutions. */
function readTemplate(source: string, start: number): { value: string | null; end: number } {
  let value: string | null = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === '`') return { value, end: i + 1 };
    if (ch === '\\') {
      if (value !== null) value += ESCAPES[source.charAt(i + 1)] ?? source.charAt(i + 1);
      i += 2;
    } else if (ch === '$' && source.charAt(i + 1) === '{') {
      value = null;
      i = skipSubstitution(source, i + 2);
    } else {
      if (value !== null) value += ch;
      i += 1;
    }
  }
  return { value, end: i };
}

/** Skips a `${…}` body (after `${`), including strings and templates nested in it. */
function skipSubstitution(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === "'" || ch === '"') i = readQuoted(source, i).end;
    else if (ch === '`') i = readTemplate(source, i).end;
    else {
      if (ch === '{') depth += 1;
      if (ch === '}' && --depth === 0) return i + 1;
      i += 1;
    }
  }
  return i;
}

/** Skips a /regex/flags literal, honouring escapes and `[...]` classes (which may hold a `/`). */
function skipRegex(source: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === '\n') return i;
    if (ch === '\\') i += 1;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) break;
    i += 1;
  }
  i += 1;
  while (i < source.length && isNamePart(source.charAt(i))) i += 1;
  return i;
}
