import { createHash } from 'node:crypto';
import type { Chunk, PreparedDocument } from '../../src/domain/document.ts';
import { createQdrantClient } from '../../src/stores/qdrant/client.ts';
import { QdrantStore, type QdrantStoreOptions } from '../../src/stores/qdrant/qdrant-store.ts';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A prepared document with one chunk per text, as the ingest pipeline would hand it over. */
export function preparedDocument(source: string, texts: string[], title = source): PreparedDocument {
  const chunks: Chunk[] = texts.map((text, index) => ({
    index,
    source,
    title,
    heading: title,
    anchor: null,
    url: null,
    text,
    hash: sha(text),
  }));
  return { source, origin: 'docs', title, url: null, hash: sha(texts.join('\n')), metadata: {}, chunks };
}

/**
 * Stores two documents under `prefix` for a hybrid query of 'cats' with vector [1, 0]: dense alone
 * puts "fish swim" first, keywords alone put "cats cats cats" (in b.md, no vectors) first and
 * "cats purr" second; fused, "cats purr", found by both, comes second, above the vector-only hits.
 */
export async function storeHybridRankingDocuments(store: QdrantStore, prefix = ''): Promise<void> {
  await store.replaceDocument(preparedDocument(`${prefix}a.md`, ['fish swim', 'cats purr', 'dogs bark']), [
    [1, 0],
    [0.9, 0.1],
    [0, 1],
  ]);
  await store.replaceDocument(preparedDocument(`${prefix}b.md`, ['cats cats cats']), null);
}

/** A QdrantStore on `url` with fast retries, for tests. */
export function testStore(
  url: string,
  options: Partial<Omit<QdrantStoreOptions, 'client'>> & { apiKey?: string } = {},
): QdrantStore {
  const { apiKey, ...rest } = options;
  return new QdrantStore({
    client: createQdrantClient({ url, apiKey, timeoutMs: 5000 }),
    collection: 'test',
    retry: { maxAttempts: 3, baseDelayMs: 1 },
    ...rest,
  });
}
