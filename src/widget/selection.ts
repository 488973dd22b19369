import { el, ICONS, icon } from './dom.ts';

/** A passage the reader selected, with what the backend needs to ground an answer in it. */
export interface PageSelection {
  text: string;
  /** The paragraph(s) around the selection (the whole block for code). */
  context: string;
  /** The page as the reader sees it, without the fragment. */
  pageUrl: string;
}

const BLOCKS = 'p, li, pre, blockquote, td, th, dd, dt, h1, h2, h3, h4, h5, h6, figcaption, summary, tr';
const MAX_SELECTION = 20_000;
const MAX_CONTEXT = 6000;

const elementOf = (node: Node | null): Element | null =>
  node === null ? null : node instanceof Element ? node : node.parentElement;

/**
 * The blocks the selection touches plus one neighbour on each side. A selection inside a code
 * block takes that whole block: the code around the selected lines is what explains them.
 */
function surroundingContext(range: Range, article: Element): string {
  const start = elementOf(range.startContainer)?.closest(BLOCKS);
  const end = elementOf(range.endContainer)?.closest(BLOCKS);
  if (!start || !article.contains(start)) return '';
  const code = start.closest('pre');
  if (code && code === end?.closest('pre')) return (code.textContent ?? '').slice(0, MAX_CONTEXT);
  const blocks: Element[] = [];
  if (start.previousElementSibling) blocks.push(start.previousElementSibling);
  for (let block: Element | null = start; block; block = block.nextElementSibling) {
    blocks.push(block);
    if (block === end || block.contains(end ?? null) || blocks.length > 12) break;
  }
  const last = blocks.at(-1);
  if (last?.nextElementSibling) blocks.push(last.nextElementSibling);
  return blocks
    .map((block) => (block.textContent ?? '').trim())
    .filter(Boolean)
    .join('\n\n')
    .slice(0, MAX_CONTEXT);
}

/**
 * Select to ask: a button by any selection inside the article. The listeners sit on the
 * document, which survives Docusaurus's client-side page changes, and the article and page URL
 * are looked up at selection time, so the current page is always the one used.
 */
export function watchSelections(
  root: ShadowRoot,
  articleSelector: string,
  onAsk: (selection: PageSelection) => void,
): void {
  const button = el('button', { type: 'button', class: 'ask-selection', hidden: '' }, [
    icon(ICONS.chat),
    'Ask about this',
  ]);
  root.append(button);
  let current: PageSelection | null = null;

  const update = (): void => {
    const selection = document.getSelection();
    current = null;
    button.hidden = true;
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const article = elementOf(range.commonAncestorContainer)?.closest(articleSelector);
    const text = selection.toString().trim();
    if (!article || text.length < 2 || text.length > MAX_SELECTION) return;
    const rects = range.getClientRects();
    const rect = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const url = new URL(location.href);
    url.hash = '';
    current = { text, context: surroundingContext(range, article), pageUrl: url.href };
    button.hidden = false;
    const width = button.offsetWidth || 140;
    button.style.left = `${Math.max(8, Math.min(rect.right - width / 2, innerWidth - width - 8))}px`;
    button.style.top = `${Math.min(rect.bottom + 8, innerHeight - 44)}px`;
  };

  let pending = 0;
  document.addEventListener('selectionchange', () => {
    clearTimeout(pending);
    pending = window.setTimeout(update, 120);
  });
  addEventListener('scroll', () => (button.hidden ? undefined : update()), { passive: true });
  // Keep the selection alive while the button is pressed.
  button.addEventListener('pointerdown', (event) => event.preventDefault());
  button.addEventListener('click', () => {
    if (!current) return;
    const chosen = current;
    button.hidden = true;
    onAsk(chosen);
  });
}
