import type { QdrantClient, Schemas } from '@qdrant/js-client-rest';
import type { IndexInfo } from '../../domain/store.ts';
import { AppError } from '../../errors.ts';

/** Names of the two vectors of a chunk point. */
export const DENSE_VECTOR = 'dense';
export const SPARSE_VECTOR = 'bm25';

/** Payload fields filtered on; keyword indexes keep those filters cheap on large collections. */
const INDEXED_FIELDS = ['kind', 'source', 'source_dirs', 'url_key'] as const;

/** Runs one idempotent call on the store's collection with retries; failures leave as AppErrors. */
export type QdrantCall = <T>(
  operation: string,
  run: (client: QdrantClient, name: string) => Promise<T>,
  signal?: AbortSignal,
) => Promise<T>;

/** Dense vector size, or how to find it (the embedder's probe); absent for keyword-only search. */
export type DenseDimension = number | ((signal?: AbortSignal) => Promise<number>) | undefined;

/** Creates the collection when absent and its payload indexes; safe to run on every start. */
export async function ensureCollection(
  call: QdrantCall,
  dimension: DenseDimension,
  signal?: AbortSignal,
): Promise<void> {
  const { exists } = await call('collection check', (c, name) => c.collectionExists(name), signal);
  if (!exists) await createCollection(call, dimension, signal);
  for (const field of INDEXED_FIELDS) {
    await call(
      'payload index creation',
      (c, name) => c.createPayloadIndex(name, { field_name: field, field_schema: 'keyword', wait: true }),
      signal,
    );
  }
}

async function createCollection(call: QdrantCall, dimension: DenseDimension, signal?: AbortSignal) {
  const size = typeof dimension === 'function' ? await dimension(signal) : dimension;
  const vectors = size === undefined ? {} : { [DENSE_VECTOR]: { size, distance: 'Cosine' as const } };
  try {
    await call(
      'collection creation',
      (c, name) =>
        c.createCollection(name, { vectors, sparse_vectors: { [SPARSE_VECTOR]: { modifier: 'idf' } } }),
      signal,
    );
  } catch (error) {
    // Another instance may have created it between our check and our create: that is success.
    const { exists } = await call('collection check', (c, name) => c.collectionExists(name), signal);
    if (!exists) throw error;
  }
}

/** Throws index_mismatch unless the collection's dense vector holds vectors of `info.dimension`. */
export async function assertDenseSize(
  call: QdrantCall,
  collection: string,
  info: IndexInfo,
  signal?: AbortSignal,
): Promise<void> {
  const described = await call('collection lookup', (c, name) => c.getCollection(name), signal);
  const size = denseSize(described.config.params.vectors);
  if (size === info.dimension) return;
  throw new AppError(
    'index_mismatch',
    `Qdrant collection "${collection}" ${size === undefined ? 'has no dense vectors' : `holds ${size}-dimensional vectors`} ` +
      `but ${info.model} makes ${info.dimension}-dimensional ones. Delete the collection (or choose a new ` +
      'QDRANT_COLLECTION) and ingest again.',
  );
}

/** Size of the `dense` named vector in a collection's vector config, if it has one. */
function denseSize(vectors: Schemas['VectorsConfig'] | undefined): number | undefined {
  if (vectors === undefined || 'size' in vectors) return undefined;
  const dense = (vectors as Record<string, Schemas['VectorParams']>)[DENSE_VECTOR];
  return dense?.size;
}
