import type { Chunk, DocumentOrigin, PreparedDocument } from './document.ts';
import type { HybridFusion } from './fusion.ts';

/** A chunk as stored, with its store-wide id. */
export interface StoredChunk extends Chunk {
  /** Store-wide id (string form), stable for the same source + index. */
  id: string;
}

/** A retrieved chunk with its relevance score (higher is better). */
export interface SearchHit {
  chunk: StoredChunk;
  score: number;
}

/** What `GET /documents` lists. */
export interface DocumentRecord {
  source: string;
  title: string;
  url: string | null;
  chunks: number;
  hash: string;
  updated_at: string;
  /** How the document entered the index; documents indexed before origins were recorded count as `api`. */
  origin: DocumentOrigin;
}

/** A search against the store: lexical text always, dense vector when an embedder is configured. */
export interface SearchQuery {
  /** Natural-language query text (may contain any characters). */
  text: string;
  /** Query embedding; when present the store fuses vector and keyword results (RRF). */
  vector?: number[] | undefined;
  /** How to fuse the two rankings when `vector` is present; default DEFAULT_HYBRID_FUSION. */
  fusion?: HybridFusion | undefined;
  /** Maximum number of hits. */
  limit: number;
  /** Only chunks whose source starts with this prefix. */
  sourcePrefix?: string | undefined;
  /** Only chunks of exactly these sources. */
  sources?: string[] | undefined;
}

/** The embedding model and dimension the stored vectors were made with. */
export interface IndexInfo {
  model: string;
  dimension: number;
}

/** Totals for /health. */
export interface StoreStats {
  documents: number;
  chunks: number;
}

/**
 * The port every chunk store implements (SQLite embedded, Qdrant). Writes of one document are
 * atomic: readers see the old version or the new one, never a mix.
 */
export interface ChunkStore {
  /** `embedded` or `qdrant`, as reported by /health. */
  readonly kind: 'embedded' | 'qdrant';
  /** Creates tables/collections if absent; safe to call on every start. */
  init(signal?: AbortSignal): Promise<void>;
  /** Content hash of a stored document, or null when the source is unknown. */
  documentHash(source: string, signal?: AbortSignal): Promise<string | null>;
  /** Stored documents, optionally only those whose source starts with `prefix`. */
  listDocuments(prefix?: string, signal?: AbortSignal): Promise<DocumentRecord[]>;
  /** Atomically replaces all chunks of `doc.source`; `vectors[i]` belongs to `doc.chunks[i]`. */
  replaceDocument(doc: PreparedDocument, vectors: number[][] | null, signal?: AbortSignal): Promise<void>;
  /**
   * The source of the stored document whose page URL is `url`, ignoring `#anchor`, query and
   * trailing-slash differences; null when no document has that URL.
   */
  sourceForUrl(url: string, signal?: AbortSignal): Promise<string | null>;
  /** Removes a document and its chunks; false when it did not exist. */
  deleteDocument(source: string, signal?: AbortSignal): Promise<boolean>;
  /** Ranked hits, best first; an empty index gives []. Never throws on odd query text. */
  search(query: SearchQuery, signal?: AbortSignal): Promise<SearchHit[]>;
  /**
   * Optional: the same search while the query vector is still being computed, so the keyword
   * part runs meanwhile (time to first token). `vector` resolves to undefined when embedding
   * failed: keyword results only. Stores without it get `search` once the vector is known.
   */
  searchWhileEmbedding?(
    query: Omit<SearchQuery, 'vector'>,
    vector: Promise<number[] | undefined>,
    signal?: AbortSignal,
  ): Promise<SearchHit[]>;
  /** All chunks of one source in document order (used to add same-page context). */
  chunksOf(source: string, signal?: AbortSignal): Promise<StoredChunk[]>;
  /** Document and chunk totals. */
  stats(signal?: AbortSignal): Promise<StoreStats>;
  /** The embedding model recorded with the index, or null when it holds no vectors yet. */
  indexInfo(signal?: AbortSignal): Promise<IndexInfo | null>;
  /** Records the embedding model of the vectors about to be written. */
  setIndexInfo(info: IndexInfo, signal?: AbortSignal): Promise<void>;
  /** Throws when the store is unreachable; cheap (used by /health). */
  ping(signal?: AbortSignal): Promise<void>;
  /** Releases connections/file handles. */
  close(): Promise<void>;
}
