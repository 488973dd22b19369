import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../errors.ts';
import { deleteMeta, readMeta, writeMeta } from './meta.ts';
import { VECTOR_TABLE, vectorTableDdl } from './schema.ts';
import { sourceCondition } from './source-filter.ts';

/** sqlite-vec refuses KNN queries with k above this. */
export const MAX_KNN = 4096;

/** Source filters of a KNN query. */
export interface VectorFilter {
  sourcePrefix?: string | undefined;
  sources?: string[] | undefined;
}

/**
 * The sqlite-vec side of the embedded store. The vec0 table is created on first need because its
 * dimension is fixed at creation and only known from the embedder. Row ids are the integer ids of
 * `chunks`, bound as BigInt (sqlite-vec rejects the REAL that a JS number binds as).
 */
export class VectorIndex {
  readonly #db: Database;
  #dimension: number | null;
  #insert: Statement | null = null;

  constructor(db: Database) {
    this.#db = db;
    const recorded = readMeta(db, 'vector_dimension');
    this.#dimension = recorded === null ? null : Number(recorded);
  }

  /** Dimension of the stored vectors, or null before the table exists. */
  get dimension(): number | null {
    return this.#dimension;
  }

  /** Creates the vec0 table for `dimension` if absent; throws index_mismatch for another dimension. */
  ensure(dimension: number): void {
    if (!Number.isInteger(dimension) || dimension < 1) {
      throw new RangeError(`Vector dimension must be a positive integer, got ${dimension}`);
    }
    if (this.#dimension === dimension) return;
    this.assertDimension(dimension);
    this.#db.transaction(() => {
      this.#db.exec(vectorTableDdl(dimension));
      writeMeta(this.#db, 'vector_dimension', String(dimension));
    })();
    this.#dimension = dimension;
  }

  /** Drops every stored vector (they are useless once the embedding model changes). */
  drop(): void {
    this.#db.transaction(() => {
      this.#db.exec(`DROP TABLE IF EXISTS ${VECTOR_TABLE}`);
      deleteMeta(this.#db, 'vector_dimension');
    })();
    this.#dimension = null;
    this.#insert = null;
  }

  /** Throws AppError(index_mismatch) when vectors of another dimension are stored. */
  assertDimension(dimension: number): void {
    if (this.#dimension !== null && this.#dimension !== dimension) {
      throw new AppError(
        'index_mismatch',
        `The index holds ${this.#dimension}-dimensional vectors but got ${dimension}; re-ingest with the recorded embedding model or reset the index`,
      );
    }
  }

  /** Stores the vector of chunk `chunkId`; call inside the caller's write transaction. */
  insert(chunkId: number, vector: readonly number[]): void {
    this.#insert ??= this.#db.prepare(`INSERT INTO ${VECTOR_TABLE}(chunk_id, embedding) VALUES (?, ?)`);
    this.#insert.run(BigInt(chunkId), new Float32Array(vector));
  }

  /** Removes the vectors of all chunks of `source`; no-op before the table exists. */
  deleteSource(source: string): void {
    if (this.#dimension === null) return;
    this.#db
      .prepare(`DELETE FROM ${VECTOR_TABLE} WHERE chunk_id IN (SELECT id FROM chunks WHERE source = ?)`)
      .run(source);
  }

  /** Chunk ids nearest to `vector` (cosine), best first, after applying `filter`. */
  nearest(vector: readonly number[], k: number, filter: VectorFilter): number[] {
    if (this.#dimension === null) return [];
    this.assertDimension(vector.length);
    const condition = sourceCondition('source', filter);
    // sqlite-vec applies a `chunk_id IN (…)` constraint during the KNN scan, so filtered results stay exact.
    const filterSql =
      condition.params.length === 0 ? '' : `AND chunk_id IN (SELECT id FROM chunks WHERE ${condition.sql})`;
    const rows = this.#db
      .prepare(
        `SELECT chunk_id FROM ${VECTOR_TABLE}
         WHERE embedding MATCH ? AND k = ? ${filterSql} ORDER BY distance`,
      )
      .all(new Float32Array(vector), Math.min(k, MAX_KNN), ...condition.params) as { chunk_id: number }[];
    return rows.map((row) => row.chunk_id);
  }
}
