import { terms } from './tokenize.ts';

/**
 * API names written in text: `combineReducers`, `jest.spyOn`, `--runInBand`, `JEST_WORKER_ID`,
 * `.toStrictEqual`. A question that names one asks about the section titled with it. Product
 * names in UpperCamelCase (`FastAPI`, `TypeScript`) are left out: they name a whole book or tool,
 * not one section. Found by a linear scan (no regular expression runs over the user's text).
 */

const isWordChar = (char: string): boolean =>
  (char >= 'a' && char <= 'z') ||
  (char >= 'A' && char <= 'Z') ||
  (char >= '0' && char <= '9') ||
  char === '_' ||
  char === '$';

const isLower = (char: string): boolean => char >= 'a' && char <= 'z';
const isUpper = (char: string): boolean => char >= 'A' && char <= 'Z';

/** Strips leading dashes/dots and trailing dots: `--runInBand` → `runInBand`, `.not` → `not`. */
function core(token: string): string {
  let from = 0;
  while (from < token.length && (token[from] === '-' || token[from] === '.')) from += 1;
  let to = token.length;
  while (to > from && (token[to - 1] === '.' || token[to - 1] === '-')) to -= 1;
  return token.slice(from, to);
}

/** True when a token is shaped like code rather than like a word of prose. */
function codeShaped(token: string): boolean {
  const name = core(token);
  const first = name[0] ?? '';
  if (name.length < 2 || !(isLower(first) || isUpper(first) || first === '_' || first === '$')) return false;
  if (token.startsWith('--') && name.length >= 3) return true;
  if (name.includes('_') && [...name].some((char) => char !== '_')) return true;
  // Dotted members (`jest.fn`, `mockFn.mock.calls`), not abbreviations (`e.g`) or versions.
  const parts = name.split('.');
  if (parts.length > 1 && parts.every((part) => part.length >= 2)) return true;
  // lowerCamelCase: a lower-case start and a capital later (`combineReducers`, `mockFn`).
  return isLower(name[0] ?? '') && [...name].some(isUpper);
}

/**
 * The code-shaped names of `text` as written, without leading dashes or dots. Text inside
 * parentheses is skipped (a signature's parameters are not what it is about):
 * `jest.spyOn(object, methodName)` names `jest.spyOn` only.
 */
export function writtenCodeNames(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let token = '';
  const flush = () => {
    if (depth === 0 && token !== '' && codeShaped(token)) names.push(core(token));
    token = '';
  };
  for (const char of text) {
    if (isWordChar(char) || char === '.' || (char === '-' && token.replaceAll('-', '') === '')) {
      token += char;
      continue;
    }
    flush();
    if (char === '(') depth += 1;
    else if (char === ')' && depth > 0) depth -= 1;
  }
  flush();
  return names;
}

/** The code-shaped names of `text`, lower-cased for comparison (see writtenCodeNames). */
export const codeNames = (text: string): string[] => writtenCodeNames(text).map((name) => name.toLowerCase());

/**
 * True when two names denote the same API: equal, or one is the other's last dotted part
 * (`mockRestore` and `mockFn.mockRestore`).
 */
export function sameName(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** Content terms besides its API names up to which a text is still about those names. */
const MAX_OTHER_TERMS = 1;

/**
 * The API names `text` is about: its code names when little else is said ("What does
 * --runInBand do?", "slowTestThreshold option", a heading `jest.spyOn(object, methodName)`),
 * none when it names them in passing ("In what order do beforeEach hooks run when describe
 * blocks are nested?", "Do I have to use combineReducers?" under a question about sharing state).
 */
export function subjectNames(text: string): string[] {
  const names = codeNames(text);
  if (names.length === 0) return [];
  const nameTerms = new Set(terms(names.join(' ').replaceAll('.', ' ')));
  for (const name of names) for (const term of terms(name)) nameTerms.add(term);
  let outside = 0;
  let depth = 0;
  let prose = '';
  // Parameters in parentheses are part of the name's signature, not other things said.
  for (const char of text) {
    if (char === '(') depth += 1;
    else if (char === ')' && depth > 0) depth -= 1;
    else if (depth === 0) prose += char;
  }
  for (const term of new Set(terms(prose))) if (!nameTerms.has(term)) outside += 1;
  return outside <= MAX_OTHER_TERMS ? names : [];
}
