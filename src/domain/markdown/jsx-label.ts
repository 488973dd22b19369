import type { Nodes } from 'mdast';

/** `value → label` of the tabs of the last `<Tabs values={[…]}>`, for the `<TabItem>`s after it. */
export type TabLabels = Map<string, string>;

/**
 * The readable text a component shows for itself: a tab's label (`label="Yarn"`, or the label
 * its `<Tabs values>` gives its `value`) as `Yarn:`, or a component's `title`. '' when none.
 */
export function jsxLabel(node: Nodes, labels: TabLabels): string {
  if (node.type !== 'mdxJsxFlowElement') return '';
  const attribute = (name: string): string | null => {
    const found = node.attributes.find((entry) => entry.type === 'mdxJsxAttribute' && entry.name === name);
    if (found?.type !== 'mdxJsxAttribute' || found.value === null || found.value === undefined) return null;
    return typeof found.value === 'string' ? found.value : quotedExpression(found.value.value);
  };
  if (node.name === 'Tabs') {
    const values = node.attributes.find(
      (entry) => entry.type === 'mdxJsxAttribute' && entry.name === 'values',
    );
    if (values?.type === 'mdxJsxAttribute' && values.value && typeof values.value !== 'string') {
      replaceLabels(labels, tabLabels(values.value.value));
    }
  }
  return tagLabel(node.name ?? '', attribute, labels);
}

/** The label text for a tag with the given attribute reader (shared by JSX and HTML tags). */
export function tagLabel(
  name: string,
  attribute: (name: string) => string | null,
  labels: TabLabels,
): string {
  const label = attribute('label')?.trim();
  if (label) return `${label}:`;
  if (name === 'TabItem') {
    const value = attribute('value');
    const known = value === null ? undefined : labels.get(value.trim());
    return known ? `${known}:` : '';
  }
  return attribute('title')?.trim() ?? '';
}

/** Replaces the remembered tab labels with a new `<Tabs>`'s. */
export function replaceLabels(labels: TabLabels, next: TabLabels): void {
  labels.clear();
  for (const [value, label] of next) labels.set(value, label);
}

/** `"x"`, `'x'` or `` `x` `` (an expression that is only a string) → `x`; else null. */
function quotedExpression(expression: string): string | null {
  const value = expression.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'" || quote === '`') && value.length >= 2 && value.endsWith(quote)) {
    return value.slice(1, -1);
  }
  return null;
}

/** `value → label` pairs of `[{ label: 'npm', value: 'npm' }, …]`, read in one pass. */
export function tabLabels(expression: string): TabLabels {
  const labels: TabLabels = new Map();
  let from = 0;
  while (from < expression.length) {
    const open = expression.indexOf('{', from);
    if (open < 0) break;
    const close = expression.indexOf('}', open + 1);
    if (close < 0) break;
    const innerOpen = expression.lastIndexOf('{', close);
    const body = expression.slice(innerOpen + 1, close);
    const label = keyString(body, 'label');
    const value = keyString(body, 'value');
    if (label !== null && value !== null) labels.set(value, label);
    from = close + 1;
  }
  return labels;
}

/** The string after `key:` in an object literal body, or null. */
function keyString(body: string, key: string): string | null {
  const at = body.indexOf(`${key}:`);
  if (at < 0) return null;
  let i = at + key.length + 1;
  while (body[i] === ' ' || body[i] === '\t' || body[i] === '\n') i += 1;
  const quote = body[i];
  if (quote !== '"' && quote !== "'" && quote !== '`') return null;
  const end = body.indexOf(quote, i + 1);
  return end < 0 ? null : body.slice(i + 1, end);
}
