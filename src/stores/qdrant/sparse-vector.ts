import { terms } from '../../domain/tokenize.ts';

/** A sparse vector in Qdrant's shape: parallel arrays, indices unique. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** BM25 parameters; IDF is applied by the server (Qdrant's `modifier: idf`), not here. */
const K1 = 1.2;
const B = 0.75;
/** Typical chunk length in terms; a constant because the store cannot know the corpus average. */
const AVERAGE_LENGTH = 200;
/** Title and heading words say what a passage is about, so they count as if repeated. */
const TITLE_WEIGHT = 2;
const HEADING_WEIGHT = 2;

/**
 * Stable 32-bit FNV-1a hash of a term's UTF-8 bytes: the sparse dimension of that term.
 * A hash (not a vocabulary) keeps indexing stateless; collisions at 2^32 are negligible.
 */
export function termIndex(term: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(term, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const toVector = (weights: Map<number, number>): SparseVector => {
  const entries = [...weights].sort((a, b) => a[0] - b[0]);
  return { indices: entries.map(([index]) => index), values: entries.map(([, value]) => value) };
};

/** Term frequencies by sparse index, plus the total number of terms counted. */
function countTerms(parts: Array<[text: string, weight: number]>): {
  counts: Map<number, number>;
  length: number;
} {
  const counts = new Map<number, number>();
  let length = 0;
  for (const [text, weight] of parts) {
    for (const term of terms(text)) {
      const index = termIndex(term);
      counts.set(index, (counts.get(index) ?? 0) + weight);
      length += weight;
    }
  }
  return { counts, length };
}

/**
 * The document side of BM25 for one chunk: each term's saturated, length-normalised frequency
 * tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)). The server multiplies by IDF at query time.
 */
export function documentSparseVector(chunk: { title: string; heading: string; text: string }): SparseVector {
  const { counts, length } = countTerms([
    [chunk.title, TITLE_WEIGHT],
    [chunk.heading, HEADING_WEIGHT],
    [chunk.text, 1],
  ]);
  const norm = K1 * (1 - B + (B * length) / AVERAGE_LENGTH);
  const weights = new Map<number, number>();
  for (const [index, tf] of counts) weights.set(index, (tf * (K1 + 1)) / (tf + norm));
  return toVector(weights);
}

/** The query side: weight 1 per distinct term, so the score is the BM25 sum over query terms. */
export function querySparseVector(text: string): SparseVector {
  const weights = new Map<number, number>();
  for (const term of terms(text)) weights.set(termIndex(term), 1);
  return toVector(weights);
}
