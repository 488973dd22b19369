import { AppError } from '../errors.ts';
import type { Embedder } from '../providers/embedder.ts';
import type { ChunkStore, IndexInfo } from '../stores/store.ts';

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
  if (recorded.model !== wanted.model || recorded.dimension !== wanted.dimension) {
    throw new AppError(
      'index_mismatch',
      `The index holds vectors of ${recorded.model} (${recorded.dimension} dimensions) but EMBEDDING_MODEL is ` +
        `${wanted.model} (${wanted.dimension} dimensions). Vectors of different models cannot be mixed. ` +
        `Either set EMBEDDING_MODEL=${recorded.model} (and EMBEDDING_DIMENSIONS=${recorded.dimension} if you set it), ` +
        `or re-index: ${store.kind === 'qdrant' ? 'delete the Qdrant collection (or choose a new QDRANT_COLLECTION)' : 'delete the index file in DATA_DIR'} and ingest again.`,
    );
  }
  return recorded;
}
