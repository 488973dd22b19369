import type { Database, Statement } from 'better-sqlite3';
import type { PreparedDocument } from '../../domain/document.ts';
import { pageUrlKey } from '../../domain/page-url.ts';
import type { VectorIndex } from './vector-index.ts';

/**
 * Writes one document at a time, each in ONE SQLite transaction: old chunks and vectors out, new
 * ones in, document row upserted. A throw anywhere rolls the whole write back, so readers (and a
 * restarted process) see the previous version or the new one, never a mix.
 */
export class DocumentWriter {
  readonly #db: Database;
  readonly #vectors: VectorIndex;
  readonly #beforeCommit: ((source: string) => void) | undefined;
  readonly #deleteChunks: Statement;
  readonly #deleteDocument: Statement;
  readonly #insertChunk: Statement;
  readonly #upsertDocument: Statement;

  constructor(db: Database, vectors: VectorIndex, beforeCommit?: (source: string) => void) {
    this.#db = db;
    this.#vectors = vectors;
    this.#beforeCommit = beforeCommit;
    this.#deleteChunks = db.prepare('DELETE FROM chunks WHERE source = ?');
    this.#deleteDocument = db.prepare('DELETE FROM documents WHERE source = ?');
    this.#insertChunk = db.prepare(
      `INSERT INTO chunks(source, idx, title, heading, anchor, url, text, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#upsertDocument = db.prepare(
      `INSERT INTO documents(source, title, url, hash, metadata, chunk_count, updated_at, origin, url_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(source) DO UPDATE SET title = excluded.title, url = excluded.url, hash = excluded.hash,
         metadata = excluded.metadata, chunk_count = excluded.chunk_count, updated_at = excluded.updated_at,
         origin = excluded.origin, url_key = excluded.url_key`,
    );
  }

  /** Atomically replaces `doc` and its chunks; `vectors[i]` belongs to `doc.chunks[i]`. */
  replace(doc: PreparedDocument, vectors: number[][] | null): void {
    if (vectors !== null) this.#prepareVectors(doc, vectors);
    this.#db.transaction(() => {
      this.#removeChunks(doc.source);
      doc.chunks.forEach((chunk, position) => {
        const { lastInsertRowid } = this.#insertChunk.run(
          doc.source,
          chunk.index,
          chunk.title,
          chunk.heading,
          chunk.anchor,
          chunk.url,
          chunk.text,
          chunk.hash,
        );
        const vector = vectors?.[position];
        if (vector !== undefined) this.#vectors.insert(Number(lastInsertRowid), vector);
      });
      this.#upsertDocument.run(
        doc.source,
        doc.title,
        doc.url,
        doc.hash,
        JSON.stringify(doc.metadata ?? {}),
        doc.chunks.length,
        new Date().toISOString(),
        doc.origin,
        doc.url === null ? null : pageUrlKey(doc.url),
      );
      this.#beforeCommit?.(doc.source);
    })();
  }

  /** Atomically removes a document with its chunks and vectors; false when it did not exist. */
  delete(source: string): boolean {
    return this.#db.transaction(() => {
      this.#removeChunks(source);
      const { changes } = this.#deleteDocument.run(source);
      this.#beforeCommit?.(source);
      return changes > 0;
    })();
  }

  #removeChunks(source: string): void {
    // Vectors first: their ids are found through the chunk rows about to be deleted.
    this.#vectors.deleteSource(source);
    this.#deleteChunks.run(source);
  }

  /** Checks shape before the transaction and creates the vector table (DDL) outside of it. */
  #prepareVectors(doc: PreparedDocument, vectors: number[][]): void {
    if (vectors.length !== doc.chunks.length) {
      throw new RangeError(`${doc.source}: ${vectors.length} vectors for ${doc.chunks.length} chunks`);
    }
    const dimension = vectors[0]?.length;
    if (dimension === undefined) return;
    if (vectors.some((vector) => vector.length !== dimension)) {
      throw new RangeError(`${doc.source}: vectors of different lengths`);
    }
    this.#vectors.ensure(dimension);
  }
}
