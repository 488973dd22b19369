import type { CitedSource } from '../../domain/answer-events.ts';
import { terms } from '../../domain/tokenize.ts';
import { codeExcerpt } from './code-excerpt.ts';
import { withoutLinkTargets } from './inline-markdown.ts';
import type { Candidate } from './sentence-scoring.ts';
import { splitUnits, type TextUnit } from './text-units.ts';
import type { UnitReader } from './unit-cache.ts';

/** What candidates are built from. */
export interface CandidateInput {
  sources: CitedSource[];
  /** When present, source [1] is this selection: it is read from here, not from its text. */
  selection?: { text: string; context?: string | undefined } | undefined;
  query: ReadonlyMap<string, number>;
  /** Reads a retrieved passage's units (a cache: the same chunks come back request after request). */
  passageUnits?: UnitReader | undefined;
}

/** The top-ranked source counts this much more; the bonus halves, thirds… down the ranking. */
const RANK_BONUS = 0.5;
/** The selection counts more than anything retrieved; its surrounding context counts less. */
const SELECTION_BOOST = 1.6;
const CONTEXT_BOOST = 0.8;
/** Longer code blocks are cut to the lines that matter. */
const MAX_CODE_CHARS = 600;
/** Keeps context units from reading as neighbours of the selection's units. */
const CONTEXT_BLOCK_OFFSET = 100_000;

/** Terms of a unit; camelCase identifiers also count by their parts (`loggerMiddleware`). */
function unitTerms(markdown: string): string[] {
  const text = withoutLinkTargets(markdown);
  const parts = text.match(/\b[a-z]+(?:[A-Z][a-z]+)+\b/g) ?? [];
  return [...terms(text), ...terms(parts.join(' ').replace(/([a-z])([A-Z])/g, '$1 $2'))];
}

function toCandidates(
  units: readonly TextUnit[],
  source: CitedSource,
  boost: number,
  input: CandidateInput,
): Candidate[] {
  const sourceHeading = `${source.title} ${source.heading}`;
  const out: Candidate[] = [];
  for (const unit of units) {
    const text = unit.kind === 'code' ? codeExcerpt(unit.text, input.query, MAX_CODE_CHARS) : unit.text;
    out.push({
      unit: { ...unit, text },
      n: source.n,
      terms: unitTerms(text),
      headingTerms: new Set(terms(`${sourceHeading} ${unit.heading}`)),
      boost,
      score: 0,
      matched: new Set(),
    });
  }
  return out;
}

/** Splits every source into scoreable units (selection and its context for source [1]). */
export function buildCandidates(input: CandidateInput): Candidate[] {
  return input.sources.flatMap((source, rank) => {
    if (input.selection && source.n === 1) {
      const selected = toCandidates(splitUnits(input.selection.text), source, SELECTION_BOOST, input);
      const contextUnits = splitUnits(input.selection.context ?? '').map((unit) => ({
        ...unit,
        block: unit.block + CONTEXT_BLOCK_OFFSET,
        position: unit.position + CONTEXT_BLOCK_OFFSET,
      }));
      return [...selected, ...toCandidates(contextUnits, source, CONTEXT_BOOST, input)];
    }
    const boost = 1 + RANK_BONUS / (1 + rank);
    // The selection and its context are new text on every request: only passages are cached.
    const units = (input.passageUnits ?? splitUnits)(source.text);
    return toCandidates(units, source, boost, input);
  });
}

/** True when a candidate is part of the selected text itself (not its context). */
export const isSelected = (candidate: Candidate, selection: boolean): boolean =>
  selection && candidate.n === 1 && candidate.unit.position < CONTEXT_BLOCK_OFFSET;
