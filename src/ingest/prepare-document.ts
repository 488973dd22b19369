import type { Chunk, DocumentInput, PreparedDocument } from '../domain/document.ts';
import { type MarkdownBlock, markdownBlocks } from '../domain/markdown/markdown-blocks.ts';
import { chunkLimits, chunkSection } from './chunk-section.ts';
import { documentHash, type PrepareOptions, sha256Hex } from './document-hash.ts';
import { docusaurusPageUrl, stripNumberPrefix } from './docusaurus-url.ts';
import { type FrontMatter, splitFrontMatter } from './front-matter.ts';
import { buildSections, headingText, isEmptySection, type Section } from './sections.ts';

/** Parses one Markdown/MDX document (front matter, headings, MDX markup) into attributable chunks. */
export function prepareDocument(
  input: DocumentInput,
  options: PrepareOptions = {},
): Omit<PreparedDocument, 'origin'> {
  const { frontMatter, body } = splitFrontMatter(input.text);
  // Docusaurus reads .md as MDX too by default; a page that is no valid MDX is read as CommonMark.
  const blocks = markdownBlocks(body, { mdx: true });
  const title = input.title?.trim() || frontMatter.title || firstH1(blocks) || titleFromPath(input.source);
  const url = pageUrl(input, frontMatter, options);
  const limits = chunkLimits(options.maxChunkChars);

  const sections = buildSections(blocks, title);
  const chunks: Chunk[] = [];
  sections.forEach((section, position) => {
    for (const text of sectionTexts(section, sections[position + 1])) {
      const heading = section.path.join(' > ');
      chunks.push({
        index: chunks.length,
        source: input.source,
        title,
        heading,
        anchor: section.anchor,
        url: url && section.anchor ? `${url}#${section.anchor}` : url,
        text,
        hash: sha256Hex(`${heading}\n${text}`),
      });
    }
  });

  return {
    source: input.source,
    title,
    url,
    hash: documentHash(input, options),
    metadata: { ...frontMatterMetadata(frontMatter), ...input.metadata },
    chunks,
  };
  function sectionTexts(section: Section, next: Section | undefined): string[] {
    if (!isEmptySection(section)) return chunkSection(section, limits);
    // An empty heading stays findable: through its children's heading paths when it has
    // children, otherwise as a tiny chunk holding the heading text itself.
    if (section.level === 0 || (next && next.level > section.level)) return [];
    return [section.path.at(-1) ?? title];
  }
}

function firstH1(blocks: MarkdownBlock[]): string | undefined {
  for (const block of blocks) {
    if (block.kind === 'heading' && block.level === 1) return headingText(block.raw).text || undefined;
  }
  return undefined;
}

/** `guides/02-getting_started.mdx` → `Getting started`; `guides/index.md` → `Guides`. */
function titleFromPath(source: string): string {
  const segments = source.replace(/\\/g, '/').split('/').filter(Boolean);
  let name = (segments.pop() ?? source).replace(/\.[^.]*$/, '');
  if (/^(index|readme)$/i.test(name) && segments.length > 0) name = segments.at(-1) ?? name;
  const words = stripNumberPrefix(name).replace(/[-_]+/g, ' ').trim() || source;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function pageUrl(input: DocumentInput, frontMatter: FrontMatter, options: PrepareOptions): string | null {
  if (input.url) return input.url.replace(/#.*$/, '');
  if (!options.siteUrl) return null;
  return docusaurusPageUrl(input.source, frontMatter, {
    siteUrl: options.siteUrl,
    routeBase: options.docsRouteBase,
    trailingSlash: options.trailingSlash,
  });
}

/** Front-matter fields worth keeping with the document (explicit input metadata wins). */
function frontMatterMetadata(frontMatter: FrontMatter): Record<string, unknown> {
  const { description, sidebar_label, sidebar_position, id, slug } = frontMatter;
  return Object.fromEntries(
    Object.entries({ description, sidebar_label, sidebar_position, id, slug }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}
