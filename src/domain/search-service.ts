import type { SearchHit } from './store.ts';

/** A search as the HTTP layer and the answer service ask for it. */
export interface SearchRequest {
  query: string;
  topK: number;
  sourcePrefix?: string | undefined;
  /** Restrict to these sources (selection: same page). */
  sources?: string[] | undefined;
}

/** Retrieval over the store: query cleaning, embedding (when configured), fusion, reranking. */
export interface SearchService {
  /** Ranked hits, best first; never throws on odd query text; [] on an empty index. */
  search(request: SearchRequest, signal?: AbortSignal): Promise<SearchHit[]>;
}
