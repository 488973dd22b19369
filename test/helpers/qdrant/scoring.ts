/** A sparse vector as Qdrant takes it. */
export interface Sparse {
  indices: number[];
  values: number[];
}

/** Qdrant's default RRF constant (its formula is 1 / (k + 0-based position)). */
export const DEFAULT_RRF_K = 2;

const dot = (a: number[], b: number[]): number => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

/** Unit-length copy: Qdrant normalises Cosine vectors on insert, so Cosine becomes a dot product. */
export const normalized = (vector: number[]): number[] => {
  const length = Math.sqrt(dot(vector, vector));
  return length === 0 ? vector : vector.map((value) => value / length);
};

/** Similarity of a stored dense vector to the query under `distance` (higher is better, except Euclid). */
export function denseScore(distance: string, stored: number[], query: number[]): number {
  if (distance === 'Cosine') return dot(stored, normalized(query));
  if (distance === 'Dot') return dot(stored, query);
  return Math.sqrt(stored.reduce((sum, value, i) => sum + (value - (query[i] ?? 0)) ** 2, 0));
}

/** BM25-style IDF as Qdrant's `modifier: idf` computes it: ln(1 + (N − n + 0.5) / (n + 0.5)). */
export const idf = (points: number, withTerm: number): number =>
  Math.log(1 + (points - withTerm + 0.5) / (withTerm + 0.5));

/** Sparse dot product over shared indices, each term scaled by `weight(index)`; null when nothing is shared. */
export function sparseScore(stored: Sparse, query: Sparse, weight: (index: number) => number): number | null {
  const positions = new Map(stored.indices.map((index, i) => [index, i]));
  let score = 0;
  let shared = false;
  query.indices.forEach((index, i) => {
    const at = positions.get(index);
    if (at === undefined) return;
    shared = true;
    score += (query.values[i] ?? 0) * (stored.values[at] ?? 0) * weight(index);
  });
  return shared ? score : null;
}

/**
 * Qdrant's weighted reciprocal rank fusion (lib/segment/src/common/reciprocal_rank_fusion.rs):
 * Σ 1 / ((position + 1) / weight + k − 1) over 0-based positions, best first; with weight 1 this
 * is 1 / (k + position). A weight <= 0 scores the list's points 0 but still lists them.
 */
export function reciprocalRankFusion<T extends { key: string }>(
  lists: T[][],
  k: number = DEFAULT_RRF_K,
  weights?: number[],
): Array<{ item: T; score: number }> {
  const fused = new Map<string, { item: T; score: number }>();
  lists.forEach((list, listIndex) => {
    const weight = weights?.[listIndex] ?? 1;
    list.forEach((item, position) => {
      const entry = fused.get(item.key) ?? { item, score: 0 };
      entry.score += weight > 0 ? 1 / ((position + 1) / weight + k - 1) : 0;
      fused.set(item.key, entry);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
