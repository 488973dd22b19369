import { withoutLinkTargets } from './inline-markdown.ts';
import type { TextUnit } from './text-units.ts';

/** A unit of some source, ready to be scored against the question. */
export interface Candidate {
  unit: TextUnit;
  /** Citation number of the unit's source. */
  n: number;
  /** Stemmed terms of the unit's text. */
  terms: string[];
  /** Stemmed terms of the source's title and heading path plus the unit's own heading. */
  headingTerms: ReadonlySet<string>;
  /** Source-level multiplier: higher-ranked sources and the selection count more. */
  boost: number;
  /** Relevance after scoring (0 when no query term occurs). */
  score: number;
  /** Query terms the unit contains. */
  matched: Set<string>;
}

const K1 = 1.2;
const B = 0.75;
/** Heading matches count this much of an in-text match (they say what the section is about). */
const HEADING_SHARE = 0.35;
/** A unit in the passage covering most of the question counts up to this much more. */
const PASSAGE_SHARE = 0.6;
/** Sentences the author put in bold count this much more. */
const EMPHASIS_BOOST = 1.25;
/** Fragments this short (link-list titles, labels) rarely answer anything: they count less. */
const FRAGMENT_WORDS = 6;
const FRAGMENT_FACTOR = 0.6;

/** A unit that is only a link (a "further reading" entry) points elsewhere rather than answering. */
const LINK_ONLY = /^\[[^\]]+\]\([^)\s]+\)\W*$/;
const LINK_ONLY_FACTOR = 0.4;

/** How much a short fragment or a bare link counts, relative to a full sentence. */
function fragmentFactor(text: string): number {
  if (LINK_ONLY.test(text)) return LINK_ONLY_FACTOR;
  return withoutLinkTargets(text).split(/\s+/).length < FRAGMENT_WORDS ? FRAGMENT_FACTOR : 1;
}

/** Inverse document frequency of each query term over the candidate units (BM25 form). */
export function inverseFrequencies(candidates: Candidate[], query: ReadonlyMap<string, number>) {
  const idf = new Map<string, number>();
  const total = candidates.length;
  for (const term of query.keys()) {
    const df = candidates.filter((candidate) => candidate.terms.includes(term)).length;
    idf.set(term, Math.log(1 + (total - df + 0.5) / (df + 0.5)));
  }
  return idf;
}

/** How much of the question (IDF-weighted) each source's units cover together, best = 1. */
function passageCoverage(
  candidates: Candidate[],
  query: ReadonlyMap<string, number>,
  idf: Map<string, number>,
) {
  const found = new Map<number, Set<string>>();
  for (const candidate of candidates) {
    const terms = found.get(candidate.n) ?? new Set<string>();
    for (const term of candidate.terms) if (query.has(term)) terms.add(term);
    for (const term of candidate.headingTerms) if (query.has(term)) terms.add(term);
    found.set(candidate.n, terms);
  }
  const weight = (terms: Set<string>) =>
    [...terms].reduce((sum, term) => sum + (query.get(term) ?? 0) * (idf.get(term) ?? 0), 0);
  const raw = new Map([...found].map(([n, terms]) => [n, weight(terms)]));
  const best = Math.max(0, ...raw.values());
  return new Map([...raw].map(([n, value]) => [n, best === 0 ? 0 : value / best]));
}

/**
 * Scores every candidate in place: BM25 over the candidate set, plus a bonus when the section's
 * heading names query terms, times the source boost, the passage's coverage of the question
 * and the author's emphasis.
 */
export function scoreCandidates(candidates: Candidate[], query: ReadonlyMap<string, number>): void {
  const idf = inverseFrequencies(candidates, query);
  const coverage = passageCoverage(candidates, query, idf);
  const lengths = candidates.map((candidate) => candidate.terms.length);
  const average = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, lengths.length);
  for (const candidate of candidates) {
    const counts = new Map<string, number>();
    for (const term of candidate.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const norm = K1 * (1 - B + (B * candidate.terms.length) / Math.max(1, average));
    let score = 0;
    let headingScore = 0;
    candidate.matched = new Set();
    for (const [term, weight] of query) {
      const termIdf = idf.get(term) ?? 0;
      const tf = counts.get(term) ?? 0;
      if (tf > 0) {
        candidate.matched.add(term);
        score += weight * termIdf * ((tf * (K1 + 1)) / (tf + norm));
      }
      if (candidate.headingTerms.has(term)) headingScore += weight * termIdf;
    }
    const passage = 1 + PASSAGE_SHARE * (coverage.get(candidate.n) ?? 0);
    const emphasis = candidate.unit.emphasized ? EMPHASIS_BOOST : 1;
    const prose = candidate.unit.kind !== 'code';
    const fragment = prose ? fragmentFactor(candidate.unit.text) : 1;
    candidate.score =
      score > 0
        ? (score + HEADING_SHARE * headingScore) * candidate.boost * passage * emphasis * fragment
        : 0;
  }
}

/**
 * Share of the question's weight (by IDF) that the best unit covers; terms found in no unit
 * count at the highest IDF. Low coverage means the passages are about something else.
 */
export function bestCoverage(candidates: Candidate[], query: ReadonlyMap<string, number>): number {
  const idf = inverseFrequencies(candidates, query);
  let total = 0;
  for (const [term, weight] of query) total += weight * (idf.get(term) ?? 0);
  let best = 0;
  for (const candidate of candidates) {
    let covered = 0;
    for (const term of candidate.matched) covered += (query.get(term) ?? 0) * (idf.get(term) ?? 0);
    best = Math.max(best, covered);
  }
  return total === 0 ? 0 : best / total;
}
