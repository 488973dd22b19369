import type { Candidate } from './sentence-scoring.ts';

/** Limits of one extractive answer. */
export interface PickLimits {
  /** Most characters of quoted prose (sentences and list items). */
  budget: number;
  /** Most units quoted. */
  maxUnits: number;
  /** Most characters of the one code block an answer may quote, on top of the prose. */
  codeBudget: number;
  /** The question asks how / for an example: quote the best matching code block too. */
  wantCode: boolean;
  /**
   * Later units must bring a question term the quoted units (text or headings) do not cover yet,
   * or read on from one: chat answers. Selection answers explain the selection with its own words.
   */
  freshOnly?: boolean | undefined;
}

/** Later picks must reach this share of the best score, so weak matches are not padded in. */
const MIN_SHARE = 0.3;
/** A term already quoted counts this much again (prefer units that add something new). */
const REPEAT_WEIGHT = 0.35;
/** A direct neighbour of a quoted unit reads on from it: bonus as a share of the best score. */
const NEIGHBOUR_SHARE = 0.45;

/** A code block from a source already quoted counts this much more than one from elsewhere. */
const SAME_SOURCE_CODE = 1.5;

/** Characters a unit costs in the answer. */
const unitCost = (candidate: Candidate): number => candidate.unit.text.length + 6;

/** Tracks what the picked units use of the limits. */
class Budget {
  private prose = 0;
  private code = 0;
  private readonly limits: PickLimits;

  constructor(limits: PickLimits) {
    this.limits = limits;
  }

  fits(candidate: Candidate): boolean {
    if (candidate.unit.kind === 'code')
      return this.code === 0 && unitCost(candidate) <= this.limits.codeBudget;
    return this.prose + unitCost(candidate) <= this.limits.budget;
  }

  add(candidate: Candidate): void {
    if (candidate.unit.kind === 'code') this.code += 1;
    else this.prose += unitCost(candidate);
  }
}

/** Next to each other in one section of one source (paragraph breaks do not matter). */
const adjacent = (a: Candidate, b: Candidate): boolean =>
  a.n === b.n && a.unit.heading === b.unit.heading && Math.abs(a.unit.position - b.unit.position) === 1;

/** The unit right after `unit` in its passage. */
const nextUnit = (candidates: Candidate[], unit: Candidate): Candidate | undefined =>
  candidates.find(
    (candidate) => candidate.n === unit.n && candidate.unit.position === unit.unit.position + 1,
  );

/**
 * The unit a picked one introduces ("…the sizes are:"), which must follow it; when it introduces
 * a list, every item of that list in turn (a list cut after its first item reads as the answer
 * being the first item only).
 */
function continuation(candidates: Candidate[], picked: Candidate[], budget: Budget): Candidate | undefined {
  for (const intro of picked) {
    if (!intro.unit.text.trimEnd().endsWith(':')) continue;
    let next = nextUnit(candidates, intro);
    const list = next?.unit.kind === 'item' ? next.unit.block : undefined;
    while (next && picked.includes(next) && list !== undefined) {
      next = nextUnit(candidates, next);
      if (next?.unit.kind !== 'item' || next.unit.block !== list) next = undefined;
    }
    if (next && !picked.includes(next) && budget.fits(next)) return next;
  }
  return undefined;
}

/** The unit that adds most: uncovered query terms, or reading on from a picked unit. */
function nextBest(
  candidates: Candidate[],
  picked: Candidate[],
  budget: Budget,
  best: number,
  freshOnly: boolean,
) {
  // A quoted passage also covers what its headings name ("State is read-only" covers "read").
  const covered = new Set(picked.flatMap((candidate) => [...candidate.matched, ...candidate.headingTerms]));
  let choice: Candidate | undefined;
  let choiceValue = MIN_SHARE * best;
  for (const candidate of candidates) {
    // Code comes only with the sentence that introduces it or as the one block of a how-answer.
    if (candidate.unit.kind === 'code' || picked.includes(candidate) || !budget.fits(candidate)) continue;
    const fresh = [...candidate.matched].filter((term) => !covered.has(term)).length;
    const repeats = candidate.matched.size - fresh;
    const novelty =
      candidate.matched.size === 0 ? 0 : (fresh + REPEAT_WEIGHT * repeats) / candidate.matched.size;
    const reads = picked.some((other) => adjacent(other, candidate));
    // A sentence from elsewhere that only repeats what is quoted pads the answer.
    if (freshOnly && fresh === 0 && !reads) continue;
    const neighbour = reads ? NEIGHBOUR_SHARE * best : 0;
    const value = candidate.score * novelty + neighbour;
    if (value > choiceValue || (value === choiceValue && choice === undefined && value > 0)) {
      choice = candidate;
      choiceValue = value;
    }
  }
  return choice;
}

/** The matching code block that best goes with the quoted prose, if the answer has none yet. */
function bestCode(candidates: Candidate[], picked: Candidate[], budget: Budget): Candidate | undefined {
  if (picked.some((candidate) => candidate.unit.kind === 'code')) return undefined;
  const quoted = new Set(picked.map((candidate) => candidate.n));
  let choice: Candidate | undefined;
  let choiceValue = 0;
  for (const candidate of candidates) {
    if (candidate.unit.kind !== 'code' || candidate.score === 0 || !budget.fits(candidate)) continue;
    const value = candidate.score * (quoted.has(candidate.n) ? SAME_SOURCE_CODE : 1);
    if (value > choiceValue) {
      choice = candidate;
      choiceValue = value;
    }
  }
  return choice;
}

/**
 * Greedily picks the units to quote: `first` (already chosen by the caller) or the best unit,
 * then what an introducing sentence announces, then units that add uncovered query terms or
 * continue a picked unit, within the limits; for how-questions one code block if none yet.
 * Returns them in pick order.
 */
export function pickUnits(candidates: Candidate[], limits: PickLimits, first: Candidate[] = []): Candidate[] {
  const budget = new Budget(limits);
  const picked: Candidate[] = [];
  const take = (candidate: Candidate) => {
    picked.push(candidate);
    budget.add(candidate);
  };
  for (const candidate of first) if (picked.length === 0 || budget.fits(candidate)) take(candidate);
  const best = Math.max(0, ...candidates.map((candidate) => candidate.score));
  if (picked.length === 0) {
    const top = candidates.find((candidate) => candidate.score === best && best > 0);
    if (!top) return [];
    take(top);
  }
  // What an introducing sentence announces is part of it, so it does not count against maxUnits.
  for (;;) {
    const introduced = continuation(candidates, picked, budget);
    const choice =
      introduced ??
      (picked.length < limits.maxUnits
        ? nextBest(candidates, picked, budget, best, limits.freshOnly ?? false)
        : undefined);
    if (!choice) break;
    take(choice);
  }
  const code = limits.wantCode ? bestCode(candidates, picked, budget) : undefined;
  if (code) take(code);
  return picked;
}
