import { terms } from '../../domain/tokenize.ts';
import type { Candidate } from './sentence-scoring.ts';

/** Letters and digits only, lower-cased: Markdown, links and punctuation do not hide a match. */
const squash = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A unit whose words all appear, in order, in `text` (Markdown, links and punctuation aside). */
export function quotedIn(candidate: Candidate, text: string): boolean {
  const unit = squash(candidate.unit.text);
  return unit.length > 0 && squash(text).includes(unit);
}

/** A retrieved unit that only repeats part of the selected text (already quoted as [1]). */
export const repeatsSelection = (candidate: Candidate, selectionText: string): boolean =>
  candidate.n !== 1 && quotedIn(candidate, selectionText);

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
