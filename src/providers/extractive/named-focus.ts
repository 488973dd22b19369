import type { CitedSource } from '../../domain/answer-events.ts';
import { namingLevel, queryNames } from '../../domain/heading-naming.ts';
import { unitCost } from './pick-window.ts';
import type { Candidate } from './sentence-scoring.ts';

/**
 * The opening of an answer about a named subject: when the best-ranked source's heading names
 * what the question asks about ("What is a reducer?" and "Glossary > Reducer", "What does
 * --runInBand do?" and "`--runInBand`", a follow-up's "return" under the asked API's "Returns"),
 * the section's own first sentences define it, so the answer opens with them: the run of
 * consecutive prose units from the section's start, within `budget` characters (the first unit
 * always), from the section's first retrieved passage when it was cut into several. Empty when
 * source [1] does not name the subject or has no prose.
 */
export function namedFocus(
  candidates: Candidate[],
  sources: CitedSource[],
  query: string,
  budget: number,
): Candidate[] {
  const top = sources[0];
  if (!top || !namingLevel(queryNames(query), top.heading)) return [];
  // A long section is cut into several passages: its first retrieved one opens it.
  const best = sources
    .filter((source) => source.source === top.source && source.heading === top.heading)
    .reduce((first, source) => ((source.index ?? 0) < (first.index ?? 0) ? source : first), top);
  const prose = candidates
    .filter((candidate) => candidate.n === best.n && candidate.unit.kind !== 'code')
    .sort((a, b) => a.unit.position - b.unit.position);
  const run: Candidate[] = [];
  let cost = 0;
  for (const candidate of prose) {
    const previous = run.at(-1);
    if (previous && candidate.unit.position !== previous.unit.position + 1) break;
    if (previous && cost + unitCost(candidate) > budget) break;
    run.push(candidate);
    cost += unitCost(candidate);
  }
  return run;
}

/**
 * The opening sentence of the retrieved section that directly encloses the focus passage on the
 * same page ("Union or anyOf" for a run from "Union or anyOf > Union in Python 3.10"): a
 * subsection often matches the question's words best while its parent's first sentence states
 * what it details ("You can declare a response to be the `Union` of two or more types…"). Empty
 * when the direct parent was not retrieved. Measured: one sentence of the direct parent gains
 * FastAPI 3 keys and loses none; two sentences or any ancestor (a page's general introduction)
 * lose Redux and Jest keys (design/decisions/0006).
 */
export function parentLead(candidates: Candidate[], sources: CitedSource[], focus: Candidate[]): Candidate[] {
  const at = sources.find((source) => source.n === focus[0]?.n);
  const parentHeading = at?.heading.split(' > ').slice(0, -1).join(' > ');
  const parent = sources.find(
    (source) => at && parentHeading && source.source === at.source && source.heading === parentHeading,
  );
  if (!parent) return [];
  const lead = candidates
    .filter((candidate) => candidate.n === parent.n && candidate.unit.kind !== 'code')
    .sort((a, b) => a.unit.position - b.unit.position)[0];
  return lead ? [lead] : [];
}
