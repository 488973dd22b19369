import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { PreparedDocument } from '../../domain/document.ts';
import { fuseKeywordAndVector } from '../../domain/fusion.ts';
import { pageUrlKey } from '../../domain/page-url.ts';
import type {
  ChunkStore,
  DocumentRecord,
  IndexInfo,
  SearchHit,
  SearchQuery,
  StoredChunk,
  StoreStats,
} from '../../domain/store.ts';
import {
  type ChunkRow,
  chunkColumns,
  type DocumentRow,
  toDocumentRecord,
  toStoredChunk,
} from './chunk-rows.ts';
import { DocumentWriter } from './document-writer.ts';
import { type Bm25Weights, DEFAULT_BM25_WEIGHTS, KeywordSearch } from './keyword-search.ts';
import { toMatchExpression } from './match-expression.ts';
import { readMeta, writeMeta } from './meta.ts';
import { migrate } from './schema.ts';
import { sourceCondition } from './source-filter.ts';
import { MAX_KNN, VectorIndex } from './vector-index.ts';

/** Options of {@link EmbeddedStore}. */
export interface EmbeddedStoreOptions {
  /** SQLite file, e.g. `${DATA_DIR}/index.sqlite`; its directory is created if missing. `:memory:` works too. */
  file: string;
  /** Vector dimension to create the vector table with at init when the index records none yet. */
  dimension?: number | undefined;
  /** bm25 column weights; defaults to {@link DEFAULT_BM25_WEIGHTS}. Partial values override single columns. */
  weights?: Partial<Bm25Weights> | undefined;
  /** With a query vector, each of keyword and vector search fetches `limit × candidateFactor` candidates to fuse; default 4. */
  candidateFactor?: number | undefined;
  /**
   * TEST SEAM: called inside the write transaction of replaceDocument/deleteDocument just before
   * it commits. Throwing here simulates a crash mid-write (the transaction rolls back).
   */
  beforeCommit?: ((source: string) => void) | undefined;
}

interface Parts {
  db: Database.Database;
  keyword: KeywordSearch;
  vectors: VectorIndex;
  writer: DocumentWriter;
}

/**
 * The embedded ChunkStore: one SQLite file (WAL) holding documents, chunks, an FTS5 index and,
 * once vectors arrive, a sqlite-vec table. Keyword search alone, or keyword + vector fused by
 * fuseKeywordAndVector. Scores: -bm25 for keyword-only results, the fused score with a query vector.
 * better-sqlite3 is synchronous; the async methods only honour the port and the abort signal.
 */
export class EmbeddedStore implements ChunkStore {
  readonly kind = 'embedded' as const;
  readonly #options: EmbeddedStoreOptions;
  #parts: Parts | null = null;

  constructor(options: EmbeddedStoreOptions) {
    this.#options = options;
  }

  get #open(): Parts {
    if (this.#parts === null) throw new Error('EmbeddedStore is not open: call init() first');
    return this.#parts;
  }

  async init(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.#parts !== null) return;
    const { file } = this.#options;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      // Safe from corruption in WAL mode; only the last commits may be lost on power failure.
      db.pragma('synchronous = NORMAL');
      sqliteVec.load(db);
      migrate(db);
      const vectors = new VectorIndex(db);
      const { dimension } = this.#options;
      if (dimension !== undefined && vectors.dimension === null) vectors.ensure(dimension);
      const weights = { ...DEFAULT_BM25_WEIGHTS, ...this.#options.weights };
      this.#parts = {
        db,
        vectors,
        keyword: new KeywordSearch(db, weights),
        writer: new DocumentWriter(db, vectors, this.#options.beforeCommit),
      };
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async documentHash(source: string, signal?: AbortSignal): Promise<string | null> {
    signal?.throwIfAborted();
    const row = this.#open.db.prepare('SELECT hash FROM documents WHERE source = ?').get(source) as
      | { hash: string }
      | undefined;
    return row?.hash ?? null;
  }

  async listDocuments(prefix?: string, signal?: AbortSignal): Promise<DocumentRecord[]> {
    signal?.throwIfAborted();
    const condition = sourceCondition('source', { sourcePrefix: prefix });
    const rows = this.#open.db
      .prepare(
        `SELECT source, title, url, hash, chunk_count, updated_at, origin FROM documents
         WHERE ${condition.sql} ORDER BY source`,
      )
      .all(...condition.params) as DocumentRow[];
    return rows.map(toDocumentRecord);
  }

  async sourceForUrl(url: string, signal?: AbortSignal): Promise<string | null> {
    signal?.throwIfAborted();
    const key = pageUrlKey(url);
    if (key === null) return null;
    const row = this.#open.db
      .prepare('SELECT source FROM documents WHERE url_key = ? ORDER BY source LIMIT 1')
      .get(key) as { source: string } | undefined;
    return row?.source ?? null;
  }

  async replaceDocument(
    doc: PreparedDocument,
    vectors: number[][] | null,
    signal?: AbortSignal,
  ): Promise<void> {
    signal?.throwIfAborted();
    this.#open.writer.replace(doc, vectors);
  }

  async deleteDocument(source: string, signal?: AbortSignal): Promise<boolean> {
    signal?.throwIfAborted();
    return this.#open.writer.delete(source);
  }

  async search(query: SearchQuery, signal?: AbortSignal): Promise<SearchHit[]> {
    return this.searchWhileEmbedding(query, Promise.resolve(query.vector), signal);
  }

  /** Runs the keyword search (synchronous SQLite) first, then awaits the vector to fuse with it. */
  async searchWhileEmbedding(
    query: Omit<SearchQuery, 'vector'>,
    vectorPromise: Promise<number[] | undefined>,
    signal?: AbortSignal,
  ): Promise<SearchHit[]> {
    signal?.throwIfAborted();
    const match = toMatchExpression(query.text);
    if (match === null || query.limit < 1 || query.sources?.length === 0) return [];
    const { keyword, vectors } = this.#open;
    const hybrid = vectors.dimension !== null;
    const pool = hybrid ? Math.min(query.limit * (this.#options.candidateFactor ?? 4), MAX_KNN) : query.limit;
    const lexical = keyword.search(match, pool, query);
    const vector = await vectorPromise;
    signal?.throwIfAborted();
    if (vector === undefined || !hybrid) {
      return lexical
        .slice(0, query.limit)
        .map(({ row, rank }) => ({ chunk: toStoredChunk(row), score: -rank }));
    }
    const nearest = vectors.nearest(vector, pool, query);
    const fused = fuseKeywordAndVector(
      lexical.map(({ row }) => row.id),
      nearest,
      query.fusion,
    ).slice(0, query.limit);
    const rows = new Map(lexical.map(({ row }) => [row.id, row]));
    const missing = fused.map((item) => item.id).filter((id) => !rows.has(id));
    for (const row of this.#rowsById(missing)) rows.set(row.id, row);
    return fused.flatMap(({ id, score }) => {
      const row = rows.get(id);
      return row === undefined ? [] : [{ chunk: toStoredChunk(row), score }];
    });
  }

  #rowsById(ids: number[]): ChunkRow[] {
    if (ids.length === 0) return [];
    return this.#open.db
      .prepare(`SELECT ${chunkColumns('c')} FROM chunks c WHERE c.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as ChunkRow[];
  }

  async chunksOf(source: string, signal?: AbortSignal): Promise<StoredChunk[]> {
    signal?.throwIfAborted();
    const rows = this.#open.db
      .prepare(`SELECT ${chunkColumns('c')} FROM chunks c WHERE c.source = ? ORDER BY c.idx`)
      .all(source) as ChunkRow[];
    return rows.map(toStoredChunk);
  }

  async stats(signal?: AbortSignal): Promise<StoreStats> {
    signal?.throwIfAborted();
    return this.#open.db
      .prepare(
        `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM chunks) AS chunks`,
      )
      .get() as StoreStats;
  }

  async indexInfo(signal?: AbortSignal): Promise<IndexInfo | null> {
    signal?.throwIfAborted();
    const { db } = this.#open;
    const model = readMeta(db, 'embedding_model');
    const dimension = readMeta(db, 'embedding_dimension');
    return model === null || dimension === null ? null : { model, dimension: Number(dimension) };
  }

  /**
   * Records the embedding model. When it differs from the recorded model or dimension, all stored
   * vectors are dropped (vectors of two models are not comparable); documents and keyword search
   * stay, and the caller must re-embed documents to restore vector search.
   */
  async setIndexInfo(info: IndexInfo, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const { db, vectors } = this.#open;
    const current = await this.indexInfo();
    const changed =
      (current !== null && (current.model !== info.model || current.dimension !== info.dimension)) ||
      (vectors.dimension !== null && vectors.dimension !== info.dimension);
    if (changed) vectors.drop();
    vectors.ensure(info.dimension);
    db.transaction(() => {
      writeMeta(db, 'embedding_model', info.model);
      writeMeta(db, 'embedding_dimension', String(info.dimension));
    })();
  }

  async ping(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.#open.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.#parts?.db.close();
    this.#parts = null;
  }
}

/** Creates and initialises an {@link EmbeddedStore}. */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const store = new EmbeddedStore(options);
  await store.init();
  return store;
}
