// Docusaurus `:::tip Title` / `:::tip[Title]` and Python-Markdown blocks `/// tip | Title`
// (FastAPI); a line of colons or slashes alone closes the block.
const DOCUSAURUS_OPEN = /^\s*:{3,}\s*([A-Za-z][\w-]*)(?:\[(.*)\])?(?:\{.*\})?(?:\s+(.*?))?\s*$/;
const BLOCKS_OPEN = /^\s*\/{3,}\s*([A-Za-z][\w-]*)(?:\s*\|\s*(.*?))?\s*$/;
const CLOSE = /^\s*(?::{3,}|\/{3,})\s*$/;

/**
 * The readable text an admonition marker line turns into (`:::tip Title` → `Tip: Title`,
 * `//// tab | Python 3.10+` → `Python 3.10+:`), '' for a closing marker, or null when the line
 * is no admonition marker. The admonition's content stays in place.
 */
export function readableMarker(line: string): string | null {
  if (CLOSE.test(line)) return '';
  const match = DOCUSAURUS_OPEN.exec(line) ?? BLOCKS_OPEN.exec(line);
  if (!match) return null;
  const kind = match[1] ?? '';
  const title = (match[2] ?? match[3] ?? '').trim();
  if (kind === 'tab') return title ? `${title}:` : '';
  const label = kind.charAt(0).toUpperCase() + kind.slice(1).toLowerCase();
  return title ? `${label}: ${title}` : `${label}:`;
}
