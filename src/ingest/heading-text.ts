import GithubSlugger from 'github-slugger';

/** A heading's text with its explicit id (if any) taken off. */
export interface HeadingId {
  /** Heading text without the `{#id}` part, trimmed. */
  text: string;
  /** Explicit id from `{#id}`, `{ #id }` (MkDocs attr_list) or `{/* #id *\/}`, else null. */
  id: string | null;
}

// Docusaurus: "the id can contain any characters except `{#` and `}`"; the MkDocs form allows spaces.
const CLASSIC_ID = /\s*\{\s*#([^{}\s]+)\s*\}\s*$/;
const COMMENT_ID = /\s*\{\/\*\s*#([^*\s]+)\s*\*\/\}\s*$/;

/** Splits an explicit id off raw heading text (`## Intro {#intro}` → `Intro`, `intro`). */
export function parseHeadingId(raw: string): HeadingId {
  const match = COMMENT_ID.exec(raw) ?? CLASSIC_ID.exec(raw);
  if (!match) return { text: raw.trim(), id: null };
  return { text: raw.slice(0, match.index).trim(), id: match[1] ?? null };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text a reader sees for inline Markdown, as mdast-util-to-string would give it (which is
 * what Docusaurus slugs): code spans keep their content, links and images keep their text/alt,
 * emphasis markers, HTML/JSX tags and backslash escapes disappear.
 */
export function plainInlineText(markdown: string): string {
  const parts = markdown.split(/(`+)([\s\S]*?[^`])\1(?!`)/);
  let out = '';
  // split() with two groups yields [text, fence, code, text, fence, code, …].
  for (let i = 0; i < parts.length; i += 3) {
    out += stripInlineMarkup(parts[i] ?? '');
    const code = parts[i + 2];
    if (code !== undefined) out += code.replace(/^ (.*) $/, '$1');
  }
  return out.replace(/\s+/g, ' ').trim();
}

function stripInlineMarkup(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/(\*{1,3}|~~)/g, '')
    .replace(/(?<![\p{L}\p{N}\\])_{1,3}|_{1,3}(?![\p{L}\p{N}])/gu, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (entity, name: string) => decodeEntity(entity, name));
}

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith('#x') || name.startsWith('#X'))
    return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
  return ENTITIES[name.toLowerCase()] ?? entity;
}

/** Anchors of one page, computed the way Docusaurus does (github-slugger, one per document). */
export interface AnchorSlugger {
  /** Anchor of the next heading: the explicit id, else a unique slug of the plain text. */
  anchor(plainText: string, explicitId: string | null): string;
}

/** A fresh slugger for one document: duplicate headings get `-1`, `-2`, … */
export function createAnchorSlugger(): AnchorSlugger {
  const slugger = new GithubSlugger();
  // Docusaurus does not register explicit ids with the slugger, so neither do we.
  return { anchor: (plainText, explicitId) => explicitId ?? slugger.slug(plainText) };
}
