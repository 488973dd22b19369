import type { Schemas } from '@qdrant/js-client-rest';
import type { PreparedDocument } from '../../domain/document.ts';
import { DENSE_VECTOR, type QdrantCall, SPARSE_VECTOR } from './collection.ts';
import { allOf, kindIs, sourceIs } from './filters.ts';
import { chunkPayload, documentPayload } from './payload.ts';
import { chunkPointId, documentPointId } from './point-id.ts';
import { documentSparseVector } from './sparse-vector.ts';

type Point = Schemas['PointStruct'];

/** Upserts points and waits until they are searchable. */
export async function upsertPoints(call: QdrantCall, points: Point[], signal?: AbortSignal): Promise<void> {
  await call('upsert', (c, name) => c.upsert(name, { wait: true, points }), signal);
}

/**
 * Qdrant has no multi-point transaction, so the order of writes carries the guarantee:
 * 1. upsert the new chunks (same ids overwrite in place) plus the record with hash '' (pending);
 * 2. delete the old version's chunks beyond the new count;
 * 3. write the final record with the new hash.
 * A failure at any step leaves every position searchable (old or new text, never nothing) and
 * the record pending, so documentHash() reports null and the next ingest redoes the document.
 */
export async function replaceDocumentPoints(
  call: QdrantCall,
  doc: PreparedDocument,
  vectors: number[][] | null,
  batchSize: number,
  signal?: AbortSignal,
): Promise<void> {
  if (vectors !== null && vectors.length !== doc.chunks.length) {
    throw new RangeError(`${doc.chunks.length} chunks but ${vectors.length} vectors for ${doc.source}`);
  }
  const updatedAt = new Date().toISOString();
  const record = (hash: string): Point => ({
    id: documentPointId(doc.source),
    vector: {},
    payload: documentPayload(doc, hash, updatedAt),
  });
  const points: Point[] = doc.chunks.map((chunk, i) => {
    const dense = vectors?.[i];
    const vector = {
      [SPARSE_VECTOR]: documentSparseVector(chunk),
      ...(dense ? { [DENSE_VECTOR]: dense } : {}),
    };
    return { id: chunkPointId(doc.source, chunk.index), vector, payload: chunkPayload(chunk) };
  });
  const batches = [[record(''), ...points.slice(0, batchSize)]];
  for (let start = batchSize; start < points.length; start += batchSize) {
    batches.push(points.slice(start, start + batchSize));
  }
  for (const batch of batches) await upsertPoints(call, batch, signal);
  const stale = {
    must: [kindIs('chunk'), sourceIs(doc.source), { key: 'index', range: { gte: doc.chunks.length } }],
  };
  await call('stale chunk deletion', (c, name) => c.delete(name, { wait: true, filter: stale }), signal);
  await upsertPoints(call, [record(doc.hash)], signal);
}

/** Removes a document's record and chunks in one filter delete; false when it had none. */
export async function deleteDocumentPoints(
  call: QdrantCall,
  source: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const filter = allOf(sourceIs(source));
  const { count } = await call('count', (c, name) => c.count(name, { filter, exact: true }), signal);
  if (count === 0) return false;
  await call('document deletion', (c, name) => c.delete(name, { wait: true, filter }), signal);
  return true;
}
