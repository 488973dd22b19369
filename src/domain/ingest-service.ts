import type { DocumentInput } from './document.ts';

/** What an ingest run did, as returned by POST /embed (contract field names). */
export interface IngestSummary {
  documents: number;
  chunks: number;
  unchanged: number;
  deleted: number;
  embedded: number;
  took_ms: number;
}

/** Progress callback for the CLI: `done` of `total` documents handled, `source` the last one. */
export type IngestProgress = (done: number, total: number, source: string) => void;

/** Ingests documents into the store: parse, chunk, embed when configured, replace atomically. */
export interface IngestService {
  /** Ingests documents sent as text (origin `api`); unchanged ones (same content hash) cost nothing. */
  ingestDocuments(
    inputs: DocumentInput[],
    signal?: AbortSignal,
    onProgress?: IngestProgress,
  ): Promise<IngestSummary>;
  /**
   * Ingests a file or directory given relative to DOCS_DIR (`.md`/`.mdx`, origin `docs`); with
   * `prune`, deletes stored `docs` documents under that directory whose files are gone. Throws AppError(400) for paths
   * escaping DOCS_DIR.
   */
  ingestPath(
    relativePath: string,
    options: { prune: boolean },
    signal?: AbortSignal,
    onProgress?: IngestProgress,
  ): Promise<IngestSummary>;
}
