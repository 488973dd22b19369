import GithubSlugger from 'github-slugger';
import { parseHeadingId } from '../domain/markdown/heading-id.ts';
import { plainInlineText } from '../domain/markdown/inline-text.ts';
import type { MarkdownBlock } from '../domain/markdown/markdown-blocks.ts';

/** The content from one heading up to the next heading of any level. */
export interface Section {
  /** Heading path with the page title first, e.g. `['Body', 'Request body']`. */
  path: string[];
  /** Heading level: 0 for the text before the first heading (and a leading title h1). */
  level: number;
  /** Docusaurus anchor of the heading, or null for the page-level section. */
  anchor: string | null;
  /** The section's code and prose blocks. */
  blocks: MarkdownBlock[];
}

/** Whether two heading texts name the same thing (case, spacing and punctuation aside). */
function sameText(a: string, b: string): boolean {
  const key = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return key(a) === key(b);
}

/** A heading's visible text and its explicit id, if any. */
export function headingText(raw: string): { text: string; id: string | null } {
  const { text, id } = parseHeadingId(raw);
  return { text: plainInlineText(text), id };
}

/**
 * Groups blocks into sections. Every heading gets an anchor from one github-slugger per
 * document (in document order, as Docusaurus does; explicit ids are not registered with it, as
 * Docusaurus does not), including a leading `# h1` that merely repeats the page title — that one
 * is folded into the page-level section instead of adding a path level.
 */
export function buildSections(blocks: MarkdownBlock[], title: string): Section[] {
  const slugger = new GithubSlugger();
  const stack: { level: number; text: string }[] = [];
  let current: Section = { path: [title], level: 0, anchor: null, blocks: [] };
  const sections: Section[] = [current];
  let seenHeading = false;

  for (const block of blocks) {
    if (block.kind !== 'heading') {
      current.blocks.push(block);
      continue;
    }
    const { text: plain, id } = headingText(block.raw);
    const anchor = id ?? slugger.slug(plain);
    const isTitle =
      !seenHeading && block.level === 1 && current.blocks.length === 0 && sameText(plain, title);
    seenHeading = true;
    if (isTitle) continue;
    while ((stack.at(-1)?.level ?? 0) >= block.level) stack.pop();
    stack.push({ level: block.level, text: plain || anchor });
    current = { path: [title, ...stack.map((entry) => entry.text)], level: block.level, anchor, blocks: [] };
    sections.push(current);
  }
  return sections;
}

/** Whether `section` holds no text at all (a heading directly followed by another heading). */
export function isEmptySection(section: Section): boolean {
  return section.blocks.length === 0;
}
