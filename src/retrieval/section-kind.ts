/** A list item that is nothing but a link: `- [Title](url)`. */
const LINK_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+\[[^\]]+\]\([^)]*\)\s*[.,;]?\s*$/;
/** A line that is only a bold or plain label over such a list: `**Documentation**`. */
const LABEL = /^\s*(?:\*\*[^*]+\*\*|__[^_]+__):?\s*$/;

/**
 * True for "Further information" / "See also" passages: lines of bare links under labels. They
 * match many queries through their link titles yet explain nothing, so they rank after passages
 * with prose or code.
 */
export function isNavigational(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const links = lines.filter((line) => LINK_ITEM.test(line)).length;
  const labels = lines.filter((line) => LABEL.test(line)).length;
  return links >= 2 && links + labels === lines.length;
}
