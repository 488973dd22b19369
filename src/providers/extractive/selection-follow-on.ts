import { terms } from '../../domain/tokenize.ts';
import type { Candidate } from './sentence-scoring.ts';

/** Letters and digits only, lower-cased: Markdown, links and punctuation do not hide a match. */
const squashText = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * `squashText` of a text searched in, remembering the last one: a request checks every candidate
 * against the same selection (up to 20,000 characters), which would otherwise be squashed once
 * per candidate.
 */
const squashHaystack = (() => {
  let last = { text: '', squashed: '' };
  return (text: string): string => {
    if (last.text !== text) last = { text, squashed: squashText(text) };
    return last.squashed;
  };
})();

/** A unit whose words all appear, in order, in `text` (Markdown, links and punctuation aside). */
export function quotedIn(candidate: Candidate, text: string): boolean {
  const unit = squashText(candidate.unit.text);
  return unit.length > 0 && squashHaystack(text).includes(unit);
}

/** Lines of selected code long enough to recognise the block they come from. */
const MIN_LINE_CHARS = 12;

/**
 * A retrieved code block holding the selected code: at least half of the selection's longer lines
 * appear in it (long blocks are quoted as excerpts, so not every line need be there).
 */
export const holdsSelectedCode = (candidate: Candidate, selectionText: string): boolean =>
  selectedCodeShare(candidate, selectionText) >= 0.5;

/** The selection's squashed lines long enough to recognise, remembered for the last selection. */
const selectedLines = (() => {
  let last = { text: '', lines: [] as string[] };
  return (selectionText: string): string[] => {
    if (last.text !== selectionText)
      last = {
        text: selectionText,
        lines: selectionText
          .split('\n')
          .map(squashText)
          .filter((line) => line.length >= MIN_LINE_CHARS),
      };
    return last.lines;
  };
})();

/** Share of the selection's longer lines that a retrieved code block holds (0 for prose). */
function selectedCodeShare(candidate: Candidate, selectionText: string): number {
  if (candidate.n === 1 || candidate.unit.kind !== 'code') return 0;
  const lines = selectedLines(selectionText);
  if (lines.length === 0) return 0;
  const code = squashText(candidate.unit.text);
  return lines.filter((line) => code.includes(line)).length / lines.length;
}

/** A retrieved unit that only repeats part of the selected text (already quoted as [1]). */
export const repeatsSelection = (candidate: Candidate, selectionText: string): boolean =>
  candidate.n !== 1 && (quotedIn(candidate, selectionText) || holdsSelectedCode(candidate, selectionText));

/** Prose units the page puts around selected code: the sentences leading to it, then those after. */
const CODE_LEAD_UNITS = 3;
const CODE_AFTER_UNITS = 2;

/**
 * When the selection is code the page shows, what the page says about it: the prose units of the
 * same section right before the retrieved code block holding most of it (best ranked on a tie) (the sentences that
 * introduce it, "…we enable fake timers by calling `jest.useFakeTimers()`. This is replacing the
 * original implementation of `setTimeout()`…") and right after it. Empty when no retrieved code
 * block holds the selection.
 */
export function selectedCodeContext(candidates: Candidate[], selectionText: string): Candidate[] {
  // The block holding most of the selection (an exact copy before a similar example), best ranked.
  const share = new Map(
    candidates.map((candidate) => [candidate, selectedCodeShare(candidate, selectionText)]),
  );
  const block = candidates
    .filter((candidate) => (share.get(candidate) ?? 0) >= 0.5)
    .sort(
      (a, b) => (share.get(b) ?? 0) - (share.get(a) ?? 0) || a.n - b.n || a.unit.position - b.unit.position,
    )[0];
  if (!block) return [];
  const section = candidates
    .filter((candidate) => candidate.n === block.n && candidate.unit.heading === block.unit.heading)
    .sort((a, b) => a.unit.position - b.unit.position);
  const at = section.indexOf(block);
  // Blocks shown together (a module, then its test) share the prose before and after them.
  const proseRun = (from: number, step: 1 | -1, limit: number): Candidate[] => {
    const run: Candidate[] = [];
    for (let i = from; i >= 0 && i < section.length && run.length < limit; i += step) {
      const unit = section[i] as Candidate;
      if (unit.unit.kind !== 'code') run.push(unit);
      else if (run.length > 0) break;
    }
    return run;
  };
  return [...proseRun(at - 1, -1, CODE_LEAD_UNITS).reverse(), ...proseRun(at + 1, 1, CODE_AFTER_UNITS)];
}

/**
 * Adds the selection's words to the question's terms at `weight` (below the question's own 1):
 * a follow-up such as "Why is that a good idea?" names nothing, the selection names the topic.
 */
export function withSelectionTerms(
  query: ReadonlyMap<string, number>,
  selectionText: string,
  weight: number,
): Map<string, number> {
  const weights = new Map(query);
  for (const term of terms(selectionText)) if (!weights.has(term)) weights.set(term, weight);
  return weights;
}

/**
 * The prose units that read on from the selection where a retrieved passage contains it (best
 * ranked such passage): the author's next sentences usually explain or justify what was selected
 * ("…emit an action." → "This ensures that neither the views nor the network callbacks…").
 * At most `maxUnits`, same section only, code skipped.
 */
export function followingSelection(
  candidates: Candidate[],
  selectionText: string,
  maxUnits: number,
): Candidate[] {
  const found = candidates
    .filter((candidate) => candidate.unit.kind !== 'code' && repeatsSelection(candidate, selectionText))
    .sort((a, b) => a.n - b.n || b.unit.position - a.unit.position)[0];
  if (!found) return [];
  return candidates
    .filter(
      (candidate) =>
        candidate.n === found.n &&
        candidate.unit.kind !== 'code' &&
        candidate.unit.heading === found.unit.heading &&
        candidate.unit.position > found.unit.position &&
        !repeatsSelection(candidate, selectionText),
    )
    .sort((a, b) => a.unit.position - b.unit.position)
    .slice(0, maxUnits);
}
