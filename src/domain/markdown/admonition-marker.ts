/**
 * The readable text an admonition marker line turns into, or null when the line is none:
 * Docusaurus `:::tip Title` / `:::tip[Title]` (forms remark-directive does not take as a
 * directive reach here as text) and Python-Markdown blocks `/// tip | Title` (FastAPI) become
 * `Tip: Title`; `//// tab | Python 3.10+` becomes `Python 3.10+:`; a closing run of colons or
 * slashes becomes ''. Scanned by hand, so a long line costs one pass.
 */
export function readableMarker(line: string): string | null {
  const trimmed = line.trim();
  const char = trimmed[0];
  if (char !== ':' && char !== '/') return null;
  let run = 0;
  while (trimmed[run] === char) run += 1;
  if (run < 3) return null;
  const rest = trimmed.slice(run).trimStart();
  if (rest === '') return '';
  let nameEnd = 0;
  while (nameEnd < rest.length && isNameChar(rest[nameEnd] ?? '', nameEnd === 0)) nameEnd += 1;
  if (nameEnd === 0) return null;
  const kind = rest.slice(0, nameEnd);
  const title = char === ':' ? docusaurusTitle(rest.slice(nameEnd)) : blocksTitle(rest.slice(nameEnd));
  if (title === null) return null;
  if (kind === 'tab') return title ? `${title}:` : '';
  const label = kind.charAt(0).toUpperCase() + kind.slice(1).toLowerCase();
  return title ? `${label}: ${title}` : `${label}:`;
}

function isNameChar(char: string, first: boolean): boolean {
  const letter = (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
  if (first) return letter;
  return letter || (char >= '0' && char <= '9') || char === '_' || char === '-';
}

/** `[Title]`, `{attrs}` and/or ` Title` after a Docusaurus admonition name. */
function docusaurusTitle(after: string): string | null {
  let rest = after;
  let title = '';
  if (rest.startsWith('[')) {
    const close = rest.lastIndexOf(']');
    if (close < 0) return null;
    title = rest.slice(1, close);
    rest = rest.slice(close + 1);
  }
  if (rest.startsWith('{')) {
    const close = rest.lastIndexOf('}');
    if (close < 0) return null;
    rest = rest.slice(close + 1);
  }
  if (rest !== '' && rest.trimStart() === rest) return null;
  return (title || rest).trim();
}

/** ` | Title` after a Python-Markdown block name. */
function blocksTitle(after: string): string | null {
  const rest = after.trim();
  if (rest === '') return '';
  return rest.startsWith('|') ? rest.slice(1).trim() : null;
}
