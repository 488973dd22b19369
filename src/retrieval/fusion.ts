/** The usual Reciprocal Rank Fusion constant (Cormack et al., 2009): damps the weight of top ranks. */
export const RRF_K = 60;

/** One fused result: an id and its summed RRF score (higher is better). */
export interface FusedItem<Id> {
  id: Id;
  score: number;
}

/** Tuning for {@link reciprocalRankFusion}. */
export interface FusionOptions {
  /** Rank constant added to every rank; default {@link RRF_K}. */
  k?: number;
  /** Weight per ranking, in the order given; default 1 for each. */
  weights?: readonly number[];
}

/**
 * Fuses several best-first rankings of ids into one with Reciprocal Rank Fusion:
 * score(id) = Σ weight / (k + rank), rank counted from 1. RRF needs no score normalisation,
 * which is why it suits mixing bm25 (unbounded) with cosine distances. An id repeated within
 * one ranking counts only at its best rank. Ties keep the order in which ids were first seen.
 */
export function reciprocalRankFusion<Id>(
  rankings: readonly (readonly Id[])[],
  options: FusionOptions = {},
): FusedItem<Id>[] {
  const k = options.k ?? RRF_K;
  if (!Number.isFinite(k) || k < 0) throw new RangeError(`RRF k must be a finite number >= 0, got ${k}`);
  const scores = new Map<Id, number>();
  rankings.forEach((ranking, list) => {
    const weight = options.weights?.[list] ?? 1;
    const seen = new Set<Id>();
    ranking.forEach((id, position) => {
      if (seen.has(id)) return;
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + weight / (k + position + 1));
    });
  });
  // Array.prototype.sort is stable, so equal scores stay in first-seen (Map insertion) order.
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
