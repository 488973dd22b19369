import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';
import { boundContainerNesting } from './container-nesting.ts';
// Side effect: micromark's edit map applies edits in place (linear time), see the module.
import './linear-edit-map.ts';

/** A parsed Markdown text: the mdast tree and the text its positions point into. */
export interface ParsedMarkdown {
  root: Root;
  /** The text as parsed (container nesting beyond the bound is flattened, same length). */
  source: string;
  /** Whether the text parsed as MDX (JSX, ESM, expressions) rather than as CommonMark. */
  mdx: boolean;
}

/** Which grammar to try first. */
export interface ParseOptions {
  /** Try MDX first and fall back to CommonMark when the text is no valid MDX (Docusaurus `detect`). */
  mdx?: boolean | undefined;
  /** Parse inline emphasis and links too (only for short texts: their resolution is not linear). */
  inline?: boolean | undefined;
}

// micromark resolves emphasis and link labels by looking back over every open delimiter: fine
// for a heading, quadratic on a 20 KB paragraph of `*a*a…`. Block parses leave them out (prose is
// copied from the source anyway); `parseInline` adds them back for short, bounded texts.
const INLINE_CONSTRUCTS = [
  'attention',
  'labelStartLink',
  'labelStartImage',
  'labelEnd',
  'strikethrough',
  'wwwAutolink',
  'protocolAutolink',
  'emailAutolink',
  'gfmFootnoteCall',
  'gfmPotentialFootnoteCall',
];

/** unified plugin that switches the resolving inline constructs off. */
function blocksOnly(this: Processor) {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), { disable: { null: INLINE_CONSTRUCTS } }];
}

/**
 * unified plugin that drops mdast transforms (GFM's literal-autolink pass): it runs regexes over
 * every text node, scans some texts more than once, and makes link nodes without positions.
 */
function withoutTransforms(this: Processor) {
  const data = this.data();
  const strip = (extension: unknown): unknown =>
    Array.isArray(extension)
      ? extension.map(strip)
      : extension !== null && typeof extension === 'object' && 'transforms' in extension
        ? { ...extension, transforms: [] }
        : extension;
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(
    strip,
  ) as typeof data.fromMarkdownExtensions;
}

const markdown = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(withoutTransforms)
  .use(remarkFrontmatter)
  .use(remarkDirective);
const processors = {
  blocks: markdown().use(blocksOnly).freeze(),
  blocksMdx: markdown().use(remarkMdx).use(blocksOnly).freeze(),
  inline: markdown().freeze(),
  inlineMdx: markdown().use(remarkMdx).freeze(),
};

/**
 * Parses Markdown or MDX with remark (micromark: CommonMark, GFM, front matter, directives for
 * admonitions, MDX). With `mdx`, a text that is no valid MDX is parsed as CommonMark instead, as
 * Docusaurus' `format: 'detect'` does. The one parser of the project: ingest chunks and the
 * extractive answerer both read Markdown through it.
 */
export function parseMarkdown(text: string, options: ParseOptions = {}): ParsedMarkdown {
  const source = boundContainerNesting(text);
  const inline = options.inline === true;
  if (options.mdx) {
    try {
      return {
        root: (inline ? processors.inlineMdx : processors.blocksMdx).parse(source),
        source,
        mdx: true,
      };
    } catch {
      // Not MDX (a stray `<` or `{`): read it as CommonMark, which accepts every text.
    }
  }
  return { root: (inline ? processors.inline : processors.blocks).parse(source), source, mdx: false };
}
