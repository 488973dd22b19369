import type { Embedder } from '../domain/embedder.ts';
import type { HybridFusion } from '../domain/fusion.ts';
import type { SearchRequest, SearchService } from '../domain/search-service.ts';
import type { ChunkStore } from '../domain/store.ts';
import { rankHits } from './rank-hits.ts';

/** Candidates searched for a section whose heading names the query. */
const HEADING_POOL = 40;

/** What the search service is built from. */
export interface SearchServiceOptions {
  store: ChunkStore;
  /** When present, queries are embedded and the store fuses vector and keyword results. */
  embedder: Embedder | null;
  /** Told when query embedding fails and search falls back to keywords. */
  onEmbeddingFailure?: ((error: unknown) => void) | undefined;
  /** How the store fuses keyword and vector rankings; the store's default when absent. */
  fusion?: HybridFusion | undefined;
}

/**
 * Retrieval over any ChunkStore: embeds the query when an embedder is configured. When the
 * embedding service fails, keyword search still answers: a reader gets results, and /health
 * reports the outage.
 */
export function createSearchService({
  store,
  embedder,
  onEmbeddingFailure,
  fusion,
}: SearchServiceOptions): SearchService {
  async function embedQuery(text: string, signal?: AbortSignal): Promise<number[] | undefined> {
    if (!embedder) return undefined;
    try {
      return (await embedder.embed([text], signal))[0];
    } catch (error) {
      if (signal?.aborted) throw error;
      onEmbeddingFailure?.(error);
      return undefined;
    }
  }

  return {
    async search(request: SearchRequest, signal?: AbortSignal) {
      const text = request.query.trim();
      if (text === '') return [];
      // Sections titled exactly with the query's terms may rank far down (one common word matches
      // everywhere), so they are looked for among a wider pool than the page asked for.
      const query = {
        text,
        fusion,
        limit: Math.max(request.topK, HEADING_POOL),
        sourcePrefix: request.sourcePrefix,
        sources: request.sources,
      };
      // The embedding request is in flight while the store runs its keyword search, where it can.
      const vector = embedQuery(text, signal);
      // Rejects only on abort; a store returning early must not leave that unhandled.
      vector.catch(() => {});
      const pool = store.searchWhileEmbedding
        ? await store.searchWhileEmbedding(query, vector, signal)
        : await store.search({ ...query, vector: await vector }, signal);
      return rankHits(pool, text, request.topK);
    },
  };
}
