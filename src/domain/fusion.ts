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
  /** Weight per ranking, in the order given; default 1 for each. A weight <= 0 contributes nothing. */
  weights?: readonly number[];
}

/**
 * Fuses several best-first rankings of ids into one with weighted Reciprocal Rank Fusion, as
 * Qdrant 1.19 computes it: score(id) = Σ 1 / (k + rank / weight), rank counted from 1. The weight
 * stretches ranks (weight ½ makes rank 1 count like rank 2), so with k = 0 the score is exactly
 * Σ weight / rank. RRF needs no score normalisation, which is why it suits mixing bm25 (unbounded)
 * with cosine distances. An id repeated within one ranking counts only at its best rank. Ties
 * keep the order in which ids were first seen.
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
      // Qdrant likewise still lists the ids of a ranking weighted <= 0, at score 0.
      const score = weight > 0 ? 1 / (k + (position + 1) / weight) : 0;
      scores.set(id, (scores.get(id) ?? 0) + score);
    });
  });
  // Array.prototype.sort is stable, so equal scores stay in first-seen (Map insertion) order.
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

/**
 * How both stores fuse keyword and vector rankings (design/decisions/0004-hybrid-fusion.md):
 * score = 1 / keywordRank + VECTOR_WEIGHT / vectorRank. With k = 0 the keyword ranks stay far
 * apart at the top (1, ½, ⅓ …) instead of 1/61, 1/62, … , so a weak or noisy vector ranking
 * cannot reshuffle a confident keyword top; the vector weight lies strictly between two bounds:
 * - above 1/10, so a vector-only hit at vector rank 1 outranks keyword rank 10 and enters a
 *   10-hit page even when keywords found ten or more chunks;
 * - below ½ − ⅓ = 1/6, so vector evidence alone never moves keyword ranks 1 and 2.
 * Their geometric mean, 1/√60 ≈ 0.129, is irrational, so a vector score never ties a keyword score.
 */
export const HYBRID_FUSION = {
  /** Rank constant (1-based ranks); Qdrant, counting positions from 0, takes k + 1. */
  k: 0,
  /** Weight of the keyword ranking. */
  keywordWeight: 1,
  /** Weight of the vector ranking. */
  vectorWeight: 1 / Math.sqrt(60),
} as const;

/** Fuses a keyword and a vector ranking (best first) with {@link HYBRID_FUSION}. */
export function fuseKeywordAndVector<Id>(keyword: readonly Id[], vector: readonly Id[]): FusedItem<Id>[] {
  return reciprocalRankFusion([keyword, vector], {
    k: HYBRID_FUSION.k,
    weights: [HYBRID_FUSION.keywordWeight, HYBRID_FUSION.vectorWeight],
  });
}
