import type { Embedder } from '../providers/embedder.ts';
import type { ChunkStore } from '../stores/store.ts';
import type { SearchRequest, SearchService } from './search-service.ts';

/** What the search service is built from. */
export interface SearchServiceOptions {
  store: ChunkStore;
  /** When present, queries are embedded and the store fuses vector and keyword results. */
  embedder: Embedder | null;
  /** Told when query embedding fails and search falls back to keywords. */
  onEmbeddingFailure?: ((error: unknown) => void) | undefined;
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
      const vector = await embedQuery(text, signal);
      return store.search(
        { text, vector, limit: request.topK, sourcePrefix: request.sourcePrefix, sources: request.sources },
        signal,
      );
    },
  };
}
