import type { Embedder } from '../providers/embedder.ts';
import type { ChunkStore } from '../stores/store.ts';
import type { SearchRequest, SearchService } from './search-service.ts';

/** What the search service is built from. */
export interface SearchServiceOptions {
  store: ChunkStore;
  /** When present, queries are embedded and the store fuses vector and keyword results. */
  embedder: Embedder | null;
}

/** Retrieval over any ChunkStore: embeds the query when an embedder is configured. */
export function createSearchService({ store, embedder }: SearchServiceOptions): SearchService {
  return {
    async search(request: SearchRequest, signal?: AbortSignal) {
      const text = request.query.trim();
      if (text === '') return [];
      const vector = embedder ? (await embedder.embed([text], signal))[0] : undefined;
      return store.search(
        { text, vector, limit: request.topK, sourcePrefix: request.sourcePrefix, sources: request.sources },
        signal,
      );
    },
  };
}
