import type { Candidate } from './sentence-scoring.ts';

/** How the focus passage's window is chosen. */
export interface WindowLimits {
  /** Most characters of prose the window quotes. */
  budget: number;
}

/** The first prose unit of a passage often states what the section is about: a share of its best. */
const LEAD_SHARE = 0.35;
/** Retrieval rank counts when choosing the focus passage: rank r weighs 1 + RANK_WEIGHT / r. */
const RANK_WEIGHT = 0.5;

/** Characters a unit costs in the answer (text plus separator and citation room). */
export const unitCost = (candidate: Candidate): number => candidate.unit.text.length + 6;

/** A run of consecutive prose units of one passage and what it is worth. */
interface Window {
  units: Candidate[];
  value: number;
}

/**
 * The most valuable run of consecutive prose units of one passage that fits `budget`: answers
 * often sit next to, not inside, the sentence that repeats the question's words ("X is not a valid
 * name. … Then you can declare an `alias`"), so quoting the run around the best match catches them.
 * Ties go to the earlier run, which keeps the section's opening statement.
 */
function bestRun(prose: Candidate[], budget: number): Window | undefined {
  const best = Math.max(0, ...prose.map((candidate) => candidate.score));
  if (best === 0) return undefined;
  const worth = (candidate: Candidate, index: number) =>
    candidate.score + (index === 0 && candidate.unit.position <= 1 ? LEAD_SHARE * best : 0);
  let choice: Window | undefined;
  for (let from = 0; from < prose.length; from += 1) {
    let cost = 0;
    let value = 0;
    const units: Candidate[] = [];
    for (let to = from; to < prose.length; to += 1) {
      const unit = prose[to] as Candidate;
      if (cost + unitCost(unit) > budget) break;
      cost += unitCost(unit);
      value += worth(unit, to);
      units.push(unit);
    }
    if (units.length > 0 && (!choice || value > choice.value)) choice = { units, value };
  }
  return choice;
}

/**
 * The focus of the answer: the run of consecutive sentences (of the passage whose best run is
 * worth most, retrieval rank counted) that the answer opens with.
 */
export function pickWindow(candidates: Candidate[], limits: WindowLimits): Candidate[] {
  const bySource = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    if (candidate.unit.kind === 'code') continue;
    const list = bySource.get(candidate.n) ?? [];
    list.push(candidate);
    bySource.set(candidate.n, list);
  }
  let choice: Window | undefined;
  let rank = 0;
  for (const prose of bySource.values()) {
    rank += 1;
    const run = bestRun(
      prose.sort((a, b) => a.unit.position - b.unit.position),
      limits.budget,
    );
    if (!run) continue;
    const value = run.value * (1 + RANK_WEIGHT / rank);
    if (!choice || value > choice.value) choice = { units: run.units, value };
  }
  return choice?.units ?? [];
}
