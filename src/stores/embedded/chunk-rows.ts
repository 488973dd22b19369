import type { Chunk, DocumentOrigin } from '../../domain/document.ts';
import type { DocumentRecord, StoredChunk } from '../../domain/store.ts';

/** A row of the `chunks` table: a Chunk with its SQLite row id, `index` stored as `idx`. */
export interface ChunkRow extends Omit<Chunk, 'index'> {
  id: number;
  idx: number;
}

/** A row of the `documents` table (metadata left out: nothing reads it back yet). */
export interface DocumentRow {
  source: string;
  title: string;
  url: string | null;
  hash: string;
  chunk_count: number;
  updated_at: string;
  origin: DocumentOrigin;
}

/** Columns selected for a ChunkRow, qualified with `alias`. */
export const chunkColumns = (alias: string): string =>
  ['id', 'source', 'idx', 'title', 'heading', 'anchor', 'url', 'text', 'hash']
    .map((column) => `${alias}.${column}`)
    .join(', ');

/**
 * The public chunk id: derived from source and position rather than the SQLite row id, so it stays
 * the same when a document is re-ingested (row ids are reassigned on every replace).
 */
export const chunkId = (source: string, index: number): string => `${source}#${index}`;

/** A stored row as the port's StoredChunk. */
export const toStoredChunk = (row: ChunkRow): StoredChunk => ({
  id: chunkId(row.source, row.idx),
  index: row.idx,
  source: row.source,
  title: row.title,
  heading: row.heading,
  anchor: row.anchor,
  url: row.url,
  text: row.text,
  hash: row.hash,
});

/** A documents row as the port's DocumentRecord. */
export const toDocumentRecord = (row: DocumentRow): DocumentRecord => ({
  source: row.source,
  title: row.title,
  url: row.url,
  chunks: row.chunk_count,
  hash: row.hash,
  updated_at: row.updated_at,
  origin: row.origin,
});
