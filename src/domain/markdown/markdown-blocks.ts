import type { Nodes, Parent } from 'mdast';
import { readableMarker } from './admonition-marker.ts';
import { type CodeFence, codeBlock } from './code-block.ts';
import { htmlReadableText } from './html-text.ts';
import { jsxLabel, type TabLabels } from './jsx-label.ts';
import { type ParseOptions, parseMarkdown } from './parse-markdown.ts';
import { renderSource, withoutMarkup } from './render-source.ts';

/** One block of a Markdown/MDX text in reading order, markup the reader never sees removed. */
export type MarkdownBlock =
  | {
      kind: 'heading';
      /** 1–6. */
      level: number;
      /** Inline Markdown of the heading (explicit `{#id}` / `{/* #id *\/}` still in it). */
      raw: string;
    }
  | {
      kind: 'code';
      /** Fence marker and info string, reused when a giant block must be split. */
      fence: CodeFence;
      /** Code lines without fences, dedented, without highlight magic comments. */
      lines: string[];
    }
  | {
      kind: 'text';
      /** A paragraph, a list item's first paragraph, a table, or a label a component or admonition shows. */
      role: 'paragraph' | 'item' | 'table' | 'label';
      /** Inline Markdown as written (links, code spans, emphasis kept), without its list/quote marker. */
      markdown: string;
      /** The list/quote markers before it on its first line (`- `, `1. `, `> `), '' otherwise. */
      marker: string;
      /** Written directly under the previous block (a tight list item, a label's first line). */
      joined: boolean;
      /** Table cells by row (inline Markdown), for `role: 'table'`. */
      rows?: string[][];
    };

interface WalkState {
  source: string;
  mdx: boolean;
  blocks: MarkdownBlock[];
  labels: TabLabels;
  /** The next text block sits directly under the previous one. */
  joinNext: boolean;
}

/**
 * Parses a Markdown/MDX text and flattens it into headings, code blocks and prose, in reading
 * order: ESM, comments and expressions are dropped, JSX and HTML wrappers give way to their
 * content (a tab's label or a component's title stays as a line of text), admonitions become
 * `Tip: Title` lines, code is never touched.
 */
export function markdownBlocks(text: string, options: ParseOptions = {}): MarkdownBlock[] {
  const parsed = parseMarkdown(text, options);
  const state: WalkState = {
    source: parsed.source,
    mdx: parsed.mdx,
    blocks: [],
    labels: new Map(),
    joinNext: false,
  };
  walkChildren(parsed.root, state, true);
  return state.blocks;
}

function walkChildren(parent: Parent, state: WalkState, topLevel = false): void {
  for (const child of parent.children) walk(child as Nodes, state, topLevel);
}

const startOf = (node: Nodes): number => node.position?.start.offset ?? 0;
const endOf = (node: Nodes): number => node.position?.end.offset ?? 0;

function pushText(
  state: WalkState,
  role: 'paragraph' | 'item' | 'table' | 'label',
  markdown: string,
  marker = '',
) {
  const cleaned = markdown
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n');
  if (cleaned === '') return;
  state.blocks.push({ kind: 'text', role, markdown: cleaned, marker, joined: state.joinNext });
  state.joinNext = false;
}

function walk(node: Nodes, state: WalkState, topLevel: boolean): void {
  switch (node.type) {
    case 'heading':
      state.joinNext = false;
      state.blocks.push({ kind: 'heading', level: node.depth, raw: inlineSource(node, state, true) });
      return;
    case 'code': {
      state.joinNext = false;
      state.blocks.push(codeBlock(node, state.source));
      return;
    }
    case 'paragraph':
      paragraph(node, state, topLevel);
      return;
    case 'list':
      for (const [index, item] of node.children.entries()) {
        if (index > 0 && !node.spread) state.joinNext = true;
        listItem(item, state, node.ordered ? `${(node.start ?? 1) + index}. ` : '- ');
      }
      state.joinNext = false;
      return;
    case 'table': {
      state.joinNext = false;
      const rows = node.children.map((row) =>
        row.children.map((cell) => inlineSource(cell, state, false).trim()),
      );
      const markdown = state.source.slice(startOf(node), endOf(node));
      state.blocks.push({ kind: 'text', role: 'table', markdown, marker: '', joined: false, rows });
      return;
    }
    case 'html':
      pushText(state, 'paragraph', htmlReadableText(node.value, state.labels));
      return;
    case 'blockquote':
    case 'footnoteDefinition':
      walkChildren(node, state);
      return;
    case 'containerDirective':
    case 'leafDirective': {
      const [first, ...rest] = node.children;
      const hasLabel = first?.type === 'paragraph' && first.data?.directiveLabel === true;
      const title = hasLabel ? inlineSource(first, state, false).trim() : '';
      const kind = node.name.charAt(0).toUpperCase() + node.name.slice(1).toLowerCase();
      state.joinNext = false;
      pushText(state, 'label', title ? `${kind}: ${title}` : `${kind}:`);
      const body = hasLabel ? rest : node.children;
      state.joinNext =
        body[0] !== undefined && body[0].position?.start.line === (node.position?.start.line ?? 0) + 1;
      for (const child of body) walk(child as Nodes, state, false);
      state.joinNext = false;
      return;
    }
    case 'mdxJsxFlowElement': {
      const code = jsxCodeBlock(node);
      if (code) {
        state.blocks.push(code);
        return;
      }
      const label = jsxLabel(node, state.labels);
      if (label) {
        state.joinNext = false;
        pushText(state, 'label', label);
        state.joinNext = node.children[0]?.position?.start.line === (node.position?.start.line ?? 0) + 1;
      }
      walkChildren(node, state);
      state.joinNext = false;
      return;
    }
    default:
      // ESM, expressions (MDX comments), thematic breaks, definitions, front matter: nothing to read.
      return;
  }
}

function listItem(item: Parent, state: WalkState, marker: string): void {
  const [first, ...rest] = item.children as Nodes[];
  if (first?.type === 'paragraph') {
    pushText(state, 'item', paragraphMarkdown(first, state), marker);
    for (const child of rest) walk(child, state, false);
  } else {
    walkChildren(item, state);
  }
}

function paragraph(node: Nodes & Parent, state: WalkState, topLevel: boolean): void {
  const markdown = paragraphMarkdown(node, state);
  // Read as CommonMark, an MDX import or export is a paragraph; it is no prose either way.
  if (topLevel && !state.mdx && isEsmParagraph(markdown)) return;
  pushText(state, 'paragraph', markdown);
}

/** A paragraph's Markdown with admonition markers made readable and include/spacer lines dropped. */
function paragraphMarkdown(node: Nodes & Parent, state: WalkState): string {
  return inlineSource(node, state, false)
    .split('\n')
    .map((line) => {
      const marker = readableMarker(line);
      if (marker !== null) return marker;
      const trimmed = line.trim();
      // FastAPI `{* ../../docs_src/x.py hl[3] *}` includes and `&nbsp;` spacers carry no text.
      if (trimmed.startsWith('{*') && trimmed.endsWith('*}')) return '';
      if (isSpacer(trimmed)) return '';
      return line;
    })
    .join('\n');
}

function isSpacer(trimmed: string): boolean {
  return trimmed !== '' && trimmed.replaceAll('&nbsp;', '').trim() === '';
}

function isEsmParagraph(markdown: string): boolean {
  const first = markdown.trimStart();
  if (first.startsWith('export ')) return true;
  if (!first.startsWith('import ')) return false;
  const line = first.split('\n', 1)[0] ?? '';
  return (
    /^import\s+['"{*]/.test(line) ||
    line.includes(' from ') ||
    first.includes("from '") ||
    first.includes('from "')
  );
}

/** The node's inline content as written, inline HTML/JSX tags and MDX expressions removed. */
function inlineSource(node: Nodes & Parent, state: WalkState, keepExpressions: boolean): string {
  const children = node.children as Nodes[];
  const first = children[0];
  const last = children.at(-1);
  if (!first || !last) return '';
  // A heading's content starts after its `##`, a cell's inside its pipes, a directive label's
  // inside its `[…]`; a paragraph's is all of it (its first child may be a positionless node).
  const contentOnly =
    node.type === 'heading' ||
    node.type === 'tableCell' ||
    (node.type === 'paragraph' && node.data?.directiveLabel === true);
  const [start, end] = contentOnly ? [startOf(first), endOf(last)] : [startOf(node), endOf(node)];
  return renderSource(state.source, start, end, children, withoutMarkup(keepExpressions));
}

/** `<CodeBlock language="js">{`…`}</CodeBlock>`: a code block written as a template literal. */
function jsxCodeBlock(node: Nodes): MarkdownBlock | null {
  if (node.type !== 'mdxJsxFlowElement' || node.children.length !== 1) return null;
  const child = node.children[0] as Nodes;
  if (child.type !== 'mdxFlowExpression' && child.type !== 'mdxTextExpression') return null;
  const value = child.value.trim();
  if (value.length < 2 || !value.startsWith('`') || !value.endsWith('`') || value.includes('${')) return null;
  const language = node.attributes.find(
    (attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'language',
  );
  const lang = typeof language?.value === 'string' ? language.value : '';
  const lines = value.slice(1, -1).replace(/^\n/, '').trimEnd().split('\n');
  return { kind: 'code', fence: { marker: '```', info: lang }, lines };
}
