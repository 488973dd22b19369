/** A heading's text with its explicit id (if any) taken off. */
export interface HeadingId {
  /** Heading text without the id part, trimmed. */
  text: string;
  /** Explicit id from `{#id}`, `{ #id }` (MkDocs attr_list) or `{/* #id *\/}`, else null. */
  id: string | null;
}

/**
 * Splits an explicit id off raw heading text (`## Intro {#intro}` → `Intro`, `intro`).
 * Docusaurus: "the id can contain any characters except `{#` and `}`"; the MkDocs form allows
 * spaces around it. Read from the end of the text by hand: no regex, one pass.
 */
export function parseHeadingId(raw: string): HeadingId {
  const trimmed = raw.trimEnd();
  const none = { text: raw.trim(), id: null };
  if (!trimmed.endsWith('}')) return none;
  const open = trimmed.lastIndexOf('{');
  if (open < 0) return none;
  let inner = trimmed.slice(open + 1, -1);
  if (inner.startsWith('/*') && inner.endsWith('*/')) inner = inner.slice(2, -2);
  inner = inner.trim();
  if (!inner.startsWith('#')) return none;
  const id = inner.slice(1);
  if (id === '' || /[\s{}*]/.test(id)) return none;
  return { text: trimmed.slice(0, open).trim(), id };
}
