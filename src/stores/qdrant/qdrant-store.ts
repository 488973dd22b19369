import type { QdrantClient, Schemas } from '@qdrant/js-client-rest';
import type { PreparedDocument } from '../../domain/document.ts';
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
import { AppError } from '../../errors.ts';
import { type RetryPolicy, retryPolicy, withRetry } from '../../retry.ts';
import { assertDenseSize, type DenseDimension, ensureCollection, type QdrantCall } from './collection.ts';
import { deleteDocumentPoints, replaceDocumentPoints, upsertPoints } from './document-writes.ts';
import { QDRANT_RETRY, toStoreError } from './errors.ts';
import { allOf, directoryOf, kindIs, sourceIs, underDirectory, urlKeyIs } from './filters.ts';
import {
  chunkFromPayload,
  documentFromPayload,
  indexInfoFromPayload,
  indexInfoPayload,
  type Payload,
} from './payload.ts';
import { documentPointId, INDEX_INFO_POINT_ID } from './point-id.ts';
import { searchRequest } from './search-request.ts';

/** How a QdrantStore is built. */
export interface QdrantStoreOptions {
  client: QdrantClient;
  /** Collection name (QDRANT_COLLECTION). */
  collection: string;
  /** Dense vector size, or how to find it (the embedder's probe); absent for keyword-only search. */
  dimension?: DenseDimension;
  /** Changes to QDRANT_RETRY_POLICY for every call (all calls are idempotent: ids are deterministic). */
  retry?: Partial<RetryPolicy> | undefined;
  /** Points per upsert request; keeps bodies far below Qdrant's 32 MB request limit. */
  batchSize?: number | undefined;
}

const SCROLL_PAGE = 256;

/**
 * Three attempts within about 1.5 s: enough for a proxy hiccup, short enough for a request. A 429
 * asking for up to 5 s is waited out; a longer one fails at once as rate_limited.
 */
const QDRANT_RETRY_POLICY: Partial<RetryPolicy> = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 5_000 };

/**
 * ChunkStore on one Qdrant collection. Chunk points carry a named dense vector (`dense`, Cosine)
 * and a BM25 sparse vector (`bm25`, IDF applied by Qdrant); document records and the index info
 * are vector-less points in the same collection, told apart by the `kind` payload field.
 */
export class QdrantStore implements ChunkStore {
  readonly kind = 'qdrant' as const;
  readonly #client: QdrantClient;
  readonly #collection: string;
  readonly #dimension: QdrantStoreOptions['dimension'];
  readonly #retry: RetryPolicy;
  readonly #batchSize: number;

  constructor(options: QdrantStoreOptions) {
    this.#client = options.client;
    this.#collection = options.collection;
    this.#dimension = options.dimension;
    this.#retry = retryPolicy({ ...QDRANT_RETRY_POLICY, ...options.retry });
    this.#batchSize = options.batchSize ?? 64;
  }

  /** Runs one idempotent Qdrant call with retries; failures leave as AppErrors. */
  readonly #call: QdrantCall = async (operation, run, signal) => {
    try {
      return await withRetry(() => run(this.#client, this.#collection), QDRANT_RETRY, this.#retry, signal);
    } catch (error) {
      throw toStoreError(error, operation);
    }
  };

  async init(signal?: AbortSignal): Promise<void> {
    await ensureCollection(this.#call, this.#dimension, signal);
  }

  async #retrievePayload(id: string, signal?: AbortSignal): Promise<Payload | null> {
    const points = await this.#call('point lookup', (c, name) => c.retrieve(name, { ids: [id] }), signal);
    return points[0]?.payload ?? null;
  }

  async documentHash(source: string, signal?: AbortSignal): Promise<string | null> {
    const payload = await this.#retrievePayload(documentPointId(source), signal);
    // '' marks a replacement that never finished: report "unknown" so the next ingest redoes it.
    return payload && typeof payload.hash === 'string' && payload.hash !== '' ? payload.hash : null;
  }

  /** All payloads of points matching `filter`, page by page. */
  async #scrollPayloads(filter: Schemas['Filter'], signal?: AbortSignal) {
    const out: Array<{ id: string | number; payload: Payload }> = [];
    let offset: Schemas['ExtendedPointId'] | null | undefined;
    do {
      const page = await this.#call(
        'scroll',
        (c, name) =>
          c.scroll(name, { filter, limit: SCROLL_PAGE, with_payload: true, ...(offset ? { offset } : {}) }),
        signal,
      );
      for (const point of page.points) out.push({ id: point.id, payload: point.payload ?? {} });
      offset = page.next_page_offset as Schemas['ExtendedPointId'] | null | undefined;
    } while (offset !== null && offset !== undefined);
    return out;
  }

  async listDocuments(prefix?: string, signal?: AbortSignal): Promise<DocumentRecord[]> {
    const directory = directoryOf(prefix ?? '');
    const filter = directory
      ? allOf(kindIs('document'), underDirectory(directory))
      : allOf(kindIs('document'));
    const records = (await this.#scrollPayloads(filter, signal)).map(({ payload }) =>
      documentFromPayload(payload),
    );
    return records
      .filter((record) => record.source.startsWith(prefix ?? ''))
      .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  }

  async sourceForUrl(url: string, signal?: AbortSignal): Promise<string | null> {
    const key = pageUrlKey(url);
    if (key === null) return null;
    const filter = allOf(kindIs('document'), urlKeyIs(key));
    const page = await this.#call(
      'scroll',
      (c, name) => c.scroll(name, { filter, limit: 1, with_payload: ['source'] }),
      signal,
    );
    const source = page.points[0]?.payload?.source;
    return typeof source === 'string' ? source : null;
  }

  async replaceDocument(
    doc: PreparedDocument,
    vectors: number[][] | null,
    signal?: AbortSignal,
  ): Promise<void> {
    await replaceDocumentPoints(this.#call, doc, vectors, this.#batchSize, signal);
  }

  async deleteDocument(source: string, signal?: AbortSignal): Promise<boolean> {
    return deleteDocumentPoints(this.#call, source, signal);
  }

  async search(query: SearchQuery, signal?: AbortSignal): Promise<SearchHit[]> {
    const sources = await this.#sourcesFor(query, signal);
    const request = searchRequest(query, sources);
    if (request === null) return [];
    const { points } = await this.#call('query', (c, name) => c.query(name, request), signal);
    return points.map((point) => ({
      chunk: chunkFromPayload(point.id, point.payload ?? {}),
      score: point.score,
    }));
  }

  /**
   * The exact source list a query is limited to, or undefined for "no source limit". A prefix
   * that is a whole directory is matched in Qdrant on `source_dirs`; any other prefix
   * (`tutorial/bo`) is resolved to the matching sources through the document records.
   */
  async #sourcesFor(query: SearchQuery, signal?: AbortSignal): Promise<string[] | undefined> {
    const prefix = query.sourcePrefix;
    if (!prefix || directoryOf(prefix) === prefix) return query.sources;
    const matching = (await this.listDocuments(prefix, signal)).map((record) => record.source);
    return query.sources ? matching.filter((source) => query.sources?.includes(source)) : matching;
  }

  async chunksOf(source: string, signal?: AbortSignal): Promise<StoredChunk[]> {
    const points = await this.#scrollPayloads(allOf(kindIs('chunk'), sourceIs(source)), signal);
    return points.map(({ id, payload }) => chunkFromPayload(id, payload)).sort((a, b) => a.index - b.index);
  }

  async stats(signal?: AbortSignal): Promise<StoreStats> {
    const count = (kind: 'document' | 'chunk') =>
      this.#call('count', (c, name) => c.count(name, { filter: allOf(kindIs(kind)), exact: true }), signal);
    const [documents, chunks] = await Promise.all([count('document'), count('chunk')]);
    return { documents: documents.count, chunks: chunks.count };
  }

  async indexInfo(signal?: AbortSignal): Promise<IndexInfo | null> {
    return indexInfoFromPayload(await this.#retrievePayload(INDEX_INFO_POINT_ID, signal));
  }

  /** Also checks that the collection's dense vector can hold vectors of `info.dimension`. */
  async setIndexInfo(info: IndexInfo, signal?: AbortSignal): Promise<void> {
    await assertDenseSize(this.#call, this.#collection, info, signal);
    const point = { id: INDEX_INFO_POINT_ID, vector: {}, payload: indexInfoPayload(info) };
    await upsertPoints(this.#call, [point], signal);
  }

  async ping(signal?: AbortSignal): Promise<void> {
    const { exists } = await this.#call('collection check', (c, name) => c.collectionExists(name), signal);
    if (!exists)
      throw new AppError('upstream_unavailable', `Qdrant collection "${this.#collection}" does not exist`);
  }

  async close(): Promise<void> {
    // The REST client holds only keep-alive sockets, which close themselves when idle.
  }
}
