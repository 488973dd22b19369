import { EditMap } from 'micromark-util-edit-map';

/** Array arguments are passed to `splice` in pieces this size (engines cap argument counts). */
const SPLICE_PIECE = 10_000;

type Edit = [index: number, remove: number, add: unknown[]];

/**
 * micromark applies edits by copying the whole event list: it does so each time a container
 * (a list item, a quote) closes, so a page with thousands of nested list items (FastAPI's
 * release notes: 700 KB, 3 s) costs time that grows with the square of its length. Applying
 * the same edits in place, last first, touches only the events after each edit (usually a few
 * at the end). Same result: edits never overlap, and indices before an edit do not move.
 */
function consumeInPlace(this: { map: Edit[] }, events: unknown[]): void {
  const edits = this.map.sort((a, b) => a[0] - b[0]);
  for (let index = edits.length - 1; index >= 0; index -= 1) {
    const [at, remove, add] = edits[index] as Edit;
    if (add.length <= SPLICE_PIECE) {
      events.splice(at, remove, ...add);
      continue;
    }
    events.splice(at, remove);
    for (let from = 0; from < add.length; from += SPLICE_PIECE) {
      events.splice(at + from, 0, ...add.slice(from, from + SPLICE_PIECE));
    }
  }
  edits.length = 0;
}

(EditMap.prototype as unknown as { consume: typeof consumeInPlace }).consume = consumeInPlace;
