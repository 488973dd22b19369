/** More digits than this inside `[…]` is not a citation number (a source list never gets that long). */
const MAX_DIGITS = 4;

const isDigit = (char: string): boolean => char >= '0' && char <= '9';

/**
 * Filters an answer's `[n]` citation markers as the text streams: markers naming a source that
 * exists are kept and recorded, markers naming none are removed. Text passes through at once,
 * except a tail that may still become a marker (`[`, `[1`, … up to the closing bracket), held back
 * until the next piece or {@link flush}. One linear scan per piece, no regular expressions.
 */
export class CitationFilter {
  readonly #valid: ReadonlySet<number>;
  readonly #cited = new Set<number>();
  #pending = '';

  /** `sources`: the citation numbers the reader was sent (the `sources` event's `n`). */
  constructor(sources: Iterable<number>) {
    this.#valid = new Set(sources);
  }

  /** The text of `piece` that can be sent now, with invalid markers removed. */
  push(piece: string): string {
    const text = this.#pending + piece;
    this.#pending = '';
    let out = '';
    let index = 0;
    while (index < text.length) {
      const open = text.indexOf('[', index);
      if (open === -1) {
        out += text.slice(index);
        break;
      }
      out += text.slice(index, open);
      let end = open + 1;
      while (end < text.length && end - open - 1 <= MAX_DIGITS && isDigit(text.charAt(end))) end += 1;
      const digits = end - open - 1;
      if (end === text.length && digits <= MAX_DIGITS) {
        // `[` or `[12` at the very end: the closing bracket may arrive with the next piece.
        this.#pending = text.slice(open);
        break;
      }
      if (digits === 0 || digits > MAX_DIGITS || text.charAt(end) !== ']') {
        out += '[';
        index = open + 1;
        continue;
      }
      const n = Number(text.slice(open + 1, end));
      if (this.#valid.has(n)) {
        this.#cited.add(n);
        out += text.slice(open, end + 1);
      }
      index = end + 1;
    }
    return out;
  }

  /** Whatever is still held back (an unfinished `[12` is plain text once the answer ends). */
  flush(): string {
    const rest = this.#pending;
    this.#pending = '';
    return rest;
  }

  /** The source numbers cited so far, ascending. */
  get cited(): number[] {
    return [...this.#cited].sort((a, b) => a - b);
  }
}
