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
 * How both stores fuse a keyword and a vector ranking (design/decisions/0005-hybrid-fusion-revisited.md):
 * weighted RRF in Qdrant's form, score = 1 / (k + keywordRank) + 1 / (k + vectorRank / vectorWeight).
 * Configurable (HYBRID_RRF_K, HYBRID_VECTOR_WEIGHT); the keyword ranking always weighs 1.
 */
export interface HybridFusion {
  /** Rank constant over 1-based ranks; Qdrant, counting positions from 0, takes k + 1. */
  k: number;
  /** Weight of the vector ranking (the keyword ranking weighs 1). */
  vectorWeight: number;
}

/**
 * The default: k = 0 (sharp reciprocal ranks: a confident keyword top keeps large gaps) and vector
 * weight 1/√20 ≈ 0.224, strictly between two bounds:
 * - above 1/5, so a vector-only hit at vector rank 1 outranks keyword rank 5 and always enters
 *   the top 5 (an embedder that finds what keywords miss is heard);
 * - below 1/4, so vector-only hits never pass keyword rank 4 (and keyword rank 1, at 1 > ½ + w,
 *   is never displaced at all).
 * Their geometric mean is irrational, so a vector score never ties a keyword score.
 */
export const DEFAULT_HYBRID_FUSION: HybridFusion = { k: 0, vectorWeight: 1 / Math.sqrt(20) };

/** Fuses a keyword and a vector ranking (best first) as {@link HybridFusion} says. */
export function fuseKeywordAndVector<Id>(
  keyword: readonly Id[],
  vector: readonly Id[],
  fusion: HybridFusion = DEFAULT_HYBRID_FUSION,
): FusedItem<Id>[] {
  return reciprocalRankFusion([keyword, vector], { k: fusion.k, weights: [1, fusion.vectorWeight] });
}
