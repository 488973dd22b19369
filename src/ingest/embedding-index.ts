import type { Embedder } from '../domain/embedder.ts';
import type { ChunkStore, IndexInfo } from '../domain/store.ts';
import { AppError } from '../errors.ts';

/**
 * Throws index_mismatch when vectors recorded as `recorded` would be mixed with vectors of
 * `wanted` (a different model, or a different dimension when it is known). The message says how
 * to re-index.
 */
export function assertSameEmbeddingModel(
  recorded: IndexInfo,
  wanted: { model: string; dimension?: number | undefined },
  storeKind: ChunkStore['kind'],
): void {
  const sameDimension = wanted.dimension === undefined || wanted.dimension === recorded.dimension;
  if (recorded.model === wanted.model && sameDimension) return;
  const configured =
    wanted.dimension === undefined ? wanted.model : `${wanted.model} (${wanted.dimension} dimensions)`;
  throw new AppError(
    'index_mismatch',
    `The index holds vectors of ${recorded.model} (${recorded.dimension} dimensions) but EMBEDDING_MODEL is ` +
      `${configured}. Vectors of different models cannot be mixed. ` +
      `Either set EMBEDDING_MODEL=${recorded.model} (and EMBEDDING_DIMENSIONS=${recorded.dimension} if you set it), ` +
      `or re-index: ${storeKind === 'qdrant' ? 'delete the Qdrant collection (or choose a new QDRANT_COLLECTION)' : 'delete DATA_DIR/index.sqlite'} and ingest again.`,
  );
}

/**
 * Makes sure the store's vectors come from the configured embedding model: records the model on
 * first use and refuses to mix vectors of two models (or dimensions) in one index.
 */
export async function ensureEmbeddingIndex(
  store: ChunkStore,
  embedder: Embedder,
  signal?: AbortSignal,
): Promise<IndexInfo> {
  const wanted: IndexInfo = { model: embedder.model, dimension: await embedder.dimension(signal) };
  const recorded = await store.indexInfo(signal);
  if (recorded === null) {
    await store.setIndexInfo(wanted, signal);
    return wanted;
  }
  assertSameEmbeddingModel(recorded, wanted, store.kind);
  return recorded;
}
