import type { Nodes } from 'mdast';

/** Inline nesting deeper than this is copied as written (no book nests JSX 64 levels deep). */
const MAX_DEPTH = 64;

/**
 * What becomes of a node when its source is copied: `cut` drops it, `unwrap` keeps only its
 * children (a JSX tag's content, a link's text), `copy` keeps it as written with its own
 * children looked at in turn.
 */
export type SourcePolicy = (node: Nodes) => 'cut' | 'unwrap' | 'copy';

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
  const cuts: Array<[number, number]> = [];
  collectCuts(nodes, policy, cuts, 0);
  let out = '';
  let at = start;
  for (const [from, to] of cuts) {
    if (from < at) continue;
    out += source.slice(at, Math.min(from, end));
    at = to;
  }
  return at >= end ? out : out + source.slice(at, end);
}

/** The policy for prose blocks: inline HTML/JSX tags and MDX expressions go, their text stays. */
export const withoutMarkup =
  (keepExpressions: boolean): SourcePolicy =>
  (node) => {
    if (node.type === 'html') return 'cut';
    if (node.type === 'mdxTextExpression') return keepExpressions ? 'copy' : 'cut';
    if (node.type === 'mdxJsxTextElement') return 'unwrap';
    return 'copy';
  };

const startOf = (node: Nodes): number => node.position?.start.offset ?? 0;
const endOf = (node: Nodes): number => node.position?.end.offset ?? 0;

function collectCuts(nodes: Nodes[], policy: SourcePolicy, cuts: Array<[number, number]>, depth: number) {
  if (depth > MAX_DEPTH) return;
  for (const node of nodes) {
    if (!node.position) continue;
    const action = policy(node);
    const children = 'children' in node ? (node.children as Nodes[]) : [];
    if (action === 'cut' || (action === 'unwrap' && children.length === 0)) {
      cuts.push([startOf(node), endOf(node)]);
    } else if (action === 'unwrap') {
      const first = children[0] as Nodes;
      const last = children.at(-1) as Nodes;
      cuts.push([startOf(node), startOf(first)]);
      collectCuts(children, policy, cuts, depth + 1);
      cuts.push([endOf(last), endOf(node)]);
    } else {
      collectCuts(children, policy, cuts, depth + 1);
    }
  }
}
