import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';
import { boundContainerNesting } from './container-nesting.ts';
import { certainlyNotMdx } from './mdx-failure.ts';
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

/**
 * unified plugin that switches the resolving inline constructs off. Those an extension adds are
 * also taken out of its construct maps, not only disabled: micromark asks a construct's
 * `previous` check at every character it is registered for before learning it is disabled, and
 * GFM's email autolink is registered for every letter and digit, so a disabled one still
 * stopped the text tokenizer at the start of every word (a fifth of a block parse's time).
 */
function blocksOnly(this: Processor) {
  const data = this.data();
  const extensions = (data.micromarkExtensions ?? []).map(withoutConstructs);
  data.micromarkExtensions = [...extensions, { disable: { null: INLINE_CONSTRUCTS } }];
}

/** A micromark syntax extension (or list of them) without the constructs in INLINE_CONSTRUCTS. */
function withoutConstructs<T>(extension: T): T {
  if (Array.isArray(extension)) return extension.map(withoutConstructs) as T;
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(extension as object)) {
    kept[field] = field === 'disable' || typeof value !== 'object' || value === null ? value : byCode(value);
  }
  return kept as T;
}

/** A map of character code → construct(s), the named inline constructs removed. */
function byCode(map: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [code, value] of Object.entries(map)) {
    const list = (Array.isArray(value) ? value : [value]) as Array<{ name?: string }>;
    const kept = list.filter((construct) => !INLINE_CONSTRUCTS.includes(construct.name ?? ''));
    if (kept.length > 0) out[code] = Array.isArray(value) ? kept : kept[0];
  }
  return out;
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
  // A page MDX is sure to reject is read as CommonMark at once, not after a wasted MDX attempt.
  if (options.mdx && !certainlyNotMdx(source)) {
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
