import type { Schemas } from '@qdrant/js-client-rest';
import { DEFAULT_HYBRID_FUSION, type HybridFusion } from '../../domain/fusion.ts';
import type { SearchQuery } from '../../domain/store.ts';
import { directoryOf, kindIs, sourceIn, underDirectory } from './filters.ts';
import { querySparseVector } from './sparse-vector.ts';

type QueryRequest = Schemas['QueryRequest'];

/** Candidates each branch hands to the fusion: fusion can only reorder what it is given. */
const candidatesFor = (limit: number): number => Math.max(limit * 4, 20);

/**
 * Qdrant's weighted RRF is the embedded store's fusion (fuseKeywordAndVector): its formula
 * 1 / (k + (position + 1) / weight − 1) counts positions from 0, so its k is ours + 1. Weights
 * follow the prefetch order: dense, then bm25.
 */
export const hybridRrf = (fusion: HybridFusion): Schemas['RrfQuery'] => ({
  rrf: { k: fusion.k + 1, weights: [fusion.vectorWeight, 1] },
});

/** The filter of a search: chunks only, plus the source restrictions. */
function searchFilter(query: SearchQuery, sources: string[] | undefined): Schemas['Filter'] {
  const must: Schemas['FieldCondition'][] = [kindIs('chunk')];
  const prefix = query.sourcePrefix;
  if (prefix && directoryOf(prefix) === prefix) must.push(underDirectory(prefix));
  if (sources !== undefined) must.push(sourceIn(sources));
  return { must };
}

/**
 * The Query API request for `query`, or null when nothing can match (no usable terms and no
 * vector, or an empty source list). `sources` is the resolved source restriction.
 * With a vector: dense and BM25 prefetches fused by Qdrant's weighted RRF; without: BM25 alone.
 */
export function searchRequest(query: SearchQuery, sources: string[] | undefined): QueryRequest | null {
  if (sources !== undefined && sources.length === 0) return null;
  const sparse = querySparseVector(query.text);
  const hasTerms = sparse.indices.length > 0;
  const filter = searchFilter(query, sources);
  const base = { filter, limit: query.limit, with_payload: true };
  if (query.vector && hasTerms) {
    const candidates = candidatesFor(query.limit);
    return {
      prefetch: [
        { query: query.vector, using: 'dense', filter, limit: candidates },
        { query: sparse, using: 'bm25', filter, limit: candidates },
      ],
      query: hybridRrf(query.fusion ?? DEFAULT_HYBRID_FUSION),
      limit: query.limit,
      with_payload: true,
    };
  }
  if (query.vector) return { ...base, query: query.vector, using: 'dense' };
  if (hasTerms) return { ...base, query: sparse, using: 'bm25' };
  return null;
}
