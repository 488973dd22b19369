/** More digits than this inside `[…]` is not a citation number (a source list never gets that long). */
const MAX_DIGITS = 4;

const isDigit = (char: string): boolean => char >= '0' && char <= '9';

/**
 * Filters an answer's `[n]` citation markers as the text streams: markers naming a source that
 * exists are kept and recorded, markers naming none are removed. Code (inline or fenced, opened
 * and closed by backtick runs of equal length) is left alone: `arr[0]` is not a citation. Text
 * passes through at once, except a tail that may still become a marker (`[`, `[1`, … up to the
 * closing bracket), held back until the next piece or {@link flush}. One linear scan per piece,
 * no regular expressions.
 */
export class CitationFilter {
  readonly #valid: ReadonlySet<number>;
  readonly #cited = new Set<number>();
  #pending = '';
  /** Length of the backtick run that opened the code we are in; 0 outside code. */
  #codeFence = 0;
  /** Backticks just seen, not yet known to be the whole run (a run may span two pieces). */
  #run = 0;

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
      const char = text.charAt(index);
      if (char === '`') {
        this.#run += 1;
        out += char;
        index += 1;
        continue;
      }
      this.#endRun();
      if (char !== '[' || this.#codeFence > 0) {
        out += char;
        index += 1;
        continue;
      }
      let end = index + 1;
      while (end < text.length && end - index - 1 <= MAX_DIGITS && isDigit(text.charAt(end))) end += 1;
      const digits = end - index - 1;
      if (end === text.length && digits <= MAX_DIGITS) {
        // `[` or `[12` at the very end: the closing bracket may arrive with the next piece.
        this.#pending = text.slice(index);
        break;
      }
      if (digits === 0 || digits > MAX_DIGITS || text.charAt(end) !== ']') {
        out += char;
        index += 1;
        continue;
      }
      const n = Number(text.slice(index + 1, end));
      if (this.#valid.has(n)) {
        this.#cited.add(n);
        out += text.slice(index, end + 1);
      }
      index = end + 1;
    }
    return out;
  }

  /** A completed backtick run opens code, or closes it when it matches the opening run. */
  #endRun(): void {
    if (this.#run === 0) return;
    if (this.#codeFence === 0) this.#codeFence = this.#run;
    else if (this.#run === this.#codeFence) this.#codeFence = 0;
    this.#run = 0;
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
