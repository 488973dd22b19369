import type { Nodes } from 'mdast';
import { attributeValue } from './html-text.ts';

/** Inline nesting deeper than this is copied as written (no book nests JSX 64 levels deep). */
const MAX_DEPTH = 64;

/**
 * What becomes of a node when its source is copied: `cut` drops it, `unwrap` keeps only its
 * children (a JSX tag's content, a link's text), `copy` keeps it as written with its own
 * children looked at in turn.
 */
export type SourcePolicy = (
  node: Nodes,
) => 'cut' | 'unwrap' | 'copy' | { replace: string } | { unwrapThenAdd: string };

/** A source range to leave out, and the text to put in its place. */
type Cut = [from: number, to: number, insert: string];

/**
 * `source[start, end)` as written, except where `policy` cuts a node or unwraps it to its
 * children. Everything else (escapes, spacing, markers) stays byte for byte.
 */
export function renderSource(
  source: string,
  start: number,
  end: number,
  nodes: Nodes[],
  policy: SourcePolicy,
): string {
  const cuts: Cut[] = [];
  collectCuts(nodes, policy, cuts, 0);
  let out = '';
  let at = start;
  for (const [from, to, insert] of cuts) {
    if (from < at) continue;
    out += source.slice(at, Math.min(from, end)) + insert;
    at = to;
  }
  return at >= end ? out : out + source.slice(at, end);
}

/**
 * The policy for prose blocks: inline HTML/JSX tags and MDX expressions go, their text stays.
 * An abbreviation or definition keeps its expansion (`<abbr>`/`<dfn title>`): readers see it as
 * a tooltip, search needs its words:
 * `<abbr title="Central Processing Unit">CPU</abbr>` → `CPU (Central Processing Unit)`.
 */
export const withoutMarkup = (keepExpressions: boolean): SourcePolicy => {
  const expansions: string[] = [];
  return (node) => {
    if (node.type === 'html') {
      const value = node.value.toLowerCase();
      if (value.startsWith('<abbr') || value.startsWith('<dfn'))
        expansions.push(attributeValue(node.value.slice(4, -1), 'title') ?? '');
      else if (value.startsWith('</abbr') || value.startsWith('</dfn')) {
        const expansion = expansions.pop();
        if (expansion) return { replace: ` (${expansion})` };
      }
      return 'cut';
    }
    if (node.type === 'mdxTextExpression') return keepExpressions ? 'copy' : 'cut';
    if (node.type === 'mdxJsxTextElement') {
      const title =
        node.name === 'abbr'
          ? node.attributes.find((entry) => 'name' in entry && entry.name === 'title')
          : undefined;
      const expansion = typeof title?.value === 'string' ? title.value : '';
      return expansion ? { unwrapThenAdd: ` (${expansion})` } : 'unwrap';
    }
    return 'copy';
  };
};

const startOf = (node: Nodes): number => node.position?.start.offset ?? 0;
const endOf = (node: Nodes): number => node.position?.end.offset ?? 0;

function collectCuts(nodes: Nodes[], policy: SourcePolicy, cuts: Cut[], depth: number) {
  if (depth > MAX_DEPTH) return;
  for (const node of nodes) {
    if (!node.position) continue;
    const action = policy(node);
    const children = 'children' in node ? (node.children as Nodes[]) : [];
    if (typeof action === 'object' && 'replace' in action) {
      cuts.push([startOf(node), endOf(node), action.replace]);
      continue;
    }
    if (action === 'copy') {
      collectCuts(children, policy, cuts, depth + 1);
      continue;
    }
    // Cut, or unwrapped (optionally with text added after its children).
    const after = typeof action === 'object' ? action.unwrapThenAdd : '';
    const first = children[0];
    const last = children.at(-1);
    if (action === 'cut' || !first || !last) {
      cuts.push([startOf(node), endOf(node), after]);
      continue;
    }
    cuts.push([startOf(node), startOf(first), '']);
    collectCuts(children, policy, cuts, depth + 1);
    cuts.push([endOf(last), endOf(node), after]);
  }
}
