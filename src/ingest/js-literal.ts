import { type JsToken, tokenizeJs } from './js-tokens.ts';

/** A value read from source text: literals and object/array literals; anything computed is UNKNOWN. */
export type JsValue = string | number | boolean | null | JsObject | JsValue[] | typeof UNKNOWN;

/** An object literal's statically known properties (computed keys and spreads are left out). */
export type JsObject = Map<string, JsValue>;

/** Stands for a value that only running the code would give (a call, a variable, `${…}`). */
export const UNKNOWN: unique symbol = Symbol('unknown');

const CLOSERS = new Set([',', '}', ']', ')']);
const OPENERS: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/**
 * Reads object and array literals out of a token list. Every method advances at least one token
 * or stops, so reading is linear in the number of tokens.
 */
class LiteralReader {
  readonly #tokens: JsToken[];
  position = 0;

  constructor(tokens: JsToken[]) {
    this.#tokens = tokens;
  }

  peek(offset = 0): JsToken | undefined {
    return this.#tokens[this.position + offset];
  }

  isPunct(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.type === 'punct' && token.value === value;
  }

  isName(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.type === 'name' && token.value === value;
  }

  /** Skips tokens up to (not including) a `,` `}` `]` `)` at depth 0, or the end. */
  skipExpression(): void {
    const expected: string[] = [];
    for (let token = this.peek(); token !== undefined; token = this.peek()) {
      if (token.type === 'punct') {
        if (expected.length === 0 && CLOSERS.has(token.value)) return;
        const closer = OPENERS[token.value];
        if (closer) expected.push(closer);
        else if (token.value === expected.at(-1)) expected.pop();
      }
      this.position += 1;
    }
  }

  /** A value followed by anything but a type annotation (`as`, `satisfies`) is computed. */
  value(): JsValue {
    const primary = this.primary();
    if (this.isName('as') || this.isName('satisfies')) {
      this.skipExpression();
      return primary;
    }
    const token = this.peek();
    if (token === undefined || (token.type === 'punct' && CLOSERS.has(token.value))) return primary;
    this.skipExpression();
    return UNKNOWN;
  }

  primary(): JsValue {
    const token = this.peek();
    if (token === undefined) return UNKNOWN;
    this.position += 1;
    if (token.type === 'string' || token.type === 'number') return token.value;
    if (token.type === 'dynamic') return UNKNOWN;
    if (token.type === 'name') {
      if (token.value === 'true' || token.value === 'false') return token.value === 'true';
      return token.value === 'null' || token.value === 'undefined' ? null : UNKNOWN;
    }
    if (token.value === '{') return this.objectBody();
    if (token.value === '[') return this.arrayBody();
    if (token.value === '(') {
      const inner = this.value();
      if (this.isPunct(')')) {
        this.position += 1;
        return inner;
      }
      this.skipExpression();
      return UNKNOWN;
    }
    return UNKNOWN;
  }

  /** After `{`: properties up to the matching `}`. */
  objectBody(): JsObject {
    const object: JsObject = new Map();
    while (this.peek() !== undefined && !this.isPunct('}')) {
      const key = this.propertyKey();
      if (key !== null && this.isPunct(':')) {
        this.position += 1;
        object.set(key, this.value());
      } else {
        // Shorthand, method, getter, spread or computed key: the value is not a literal.
        this.skipExpression();
        if (key !== null) object.set(key, UNKNOWN);
      }
      if (!this.isPunct(',')) break;
      this.position += 1;
    }
    if (this.isPunct('}')) this.position += 1;
    return object;
  }

  propertyKey(): string | null {
    const token = this.peek();
    if (token?.type === 'name' || token?.type === 'string') {
      this.position += 1;
      return token.value;
    }
    if (token?.type === 'number') {
      this.position += 1;
      return String(token.value);
    }
    return null;
  }

  /** After `[`: elements up to the matching `]`. */
  arrayBody(): JsValue[] {
    const items: JsValue[] = [];
    while (this.peek() !== undefined && !this.isPunct(']')) {
      if (this.isPunct(',')) {
        this.position += 1;
        continue;
      }
      if (this.isPunct('...')) {
        this.skipExpression();
        items.push(UNKNOWN);
      } else {
        items.push(this.value());
      }
      if (!this.isPunct(',')) break;
      this.position += 1;
    }
    if (this.isPunct(']')) this.position += 1;
    return items;
  }
}

/**
 * The object a module exports as its default: `export default {…}`, `module.exports = {…}`, or a
 * top-level `const name = {…}` exported by name, or the object a config function returns. Null
 * when no literal object is found.
 */
export function exportedObject(source: string): JsObject | null {
  const reader = new LiteralReader(tokenizeJs(source));
  const named = new Map<string, JsObject>();
  let exportedName: string | null = null;
  let returned: JsObject | null = null;
  let depth = 0;
  while (reader.peek() !== undefined) {
    const token = reader.peek();
    const atTop = depth === 0;
    if (atTop && (reader.isName('const') || reader.isName('let') || reader.isName('var'))) {
      const name = reader.peek(1);
      reader.position += 2;
      if (reader.isPunct(':')) skipTypeAnnotation(reader);
      if (name?.type === 'name' && reader.isPunct('=') && reader.isPunct('{', 1)) {
        reader.position += 2;
        named.set(name.value, reader.objectBody());
      }
      continue;
    }
    const exportedAt = exportTarget(reader, atTop);
    if (exportedAt !== null) {
      reader.position = exportedAt;
      if (reader.isPunct('{')) {
        reader.position += 1;
        return reader.objectBody();
      }
      if (reader.peek()?.type === 'name') exportedName = (reader.peek() as { value: string }).value;
    } else if (reader.isName('return') && reader.isPunct('{', 1) && returned === null) {
      reader.position += 2;
      returned = reader.objectBody();
      continue;
    }
    if (token?.type === 'punct' && OPENERS[token.value]) depth += 1;
    else if (token?.type === 'punct' && CLOSERS.has(token.value) && token.value !== ',') depth -= 1;
    reader.position += 1;
  }
  return (exportedName !== null ? named.get(exportedName) : undefined) ?? returned;
}

/** Position right after `export default` or `module.exports =` at the top level, else null. */
function exportTarget(reader: LiteralReader, atTop: boolean): number | null {
  if (!atTop) return null;
  if (reader.isName('export') && reader.isName('default', 1)) return reader.position + 2;
  if (
    reader.isName('module') &&
    reader.isPunct('.', 1) &&
    reader.isName('exports', 2) &&
    reader.isPunct('=', 3)
  )
    return reader.position + 4;
  return null;
}

/** Skips `: Type` up to the `=` of a declaration (types may nest brackets). */
function skipTypeAnnotation(reader: LiteralReader): void {
  let depth = 0;
  while (reader.peek() !== undefined) {
    if (depth === 0 && reader.isPunct('=')) return;
    const token = reader.peek();
    if (token?.type === 'punct' && (token.value === '<' || OPENERS[token.value])) depth += 1;
    if (token?.type === 'punct' && (token.value === '>' || CLOSERS.has(token.value)) && token.value !== ',')
      depth -= 1;
    reader.position += 1;
  }
}
