import type { Chunk, PreparedDocument } from '../../domain/document.ts';
import { pageUrlKey } from '../../domain/page-url.ts';
import type { DocumentRecord, IndexInfo, StoredChunk } from '../../domain/store.ts';

/**
 * What a point is. Chunks carry vectors; `document` and `index` points carry only payload, so
 * they can never turn up in a vector query and one collection holds the whole store.
 */
export type PointKind = 'chunk' | 'document' | 'index';

/** Qdrant payload values as we write them (JSON). */
export type Payload = Record<string, unknown>;

/**
 * Every directory prefix of a source, e.g. `a/b/c.md` → `['a/', 'a/b/']`. Qdrant keyword
 * indexes only match whole values, so prefix filters match on this array instead.
 */
export function sourceDirectories(source: string): string[] {
  const directories: string[] = [];
  for (let end = source.indexOf('/'); end !== -1; end = source.indexOf('/', end + 1)) {
    directories.push(source.slice(0, end + 1));
  }
  return directories;
}

/** Payload of one chunk point. */
export const chunkPayload = (chunk: Chunk): Payload => ({
  kind: 'chunk' satisfies PointKind,
  source: chunk.source,
  source_dirs: sourceDirectories(chunk.source),
  index: chunk.index,
  title: chunk.title,
  heading: chunk.heading,
  anchor: chunk.anchor,
  url: chunk.url,
  text: chunk.text,
  hash: chunk.hash,
});

/** A stored chunk back from its payload. */
export const chunkFromPayload = (id: string | number, payload: Payload): StoredChunk => ({
  id: String(id),
  index: Number(payload.index),
  source: String(payload.source),
  title: String(payload.title ?? ''),
  heading: String(payload.heading ?? ''),
  anchor: typeof payload.anchor === 'string' ? payload.anchor : null,
  url: typeof payload.url === 'string' ? payload.url : null,
  text: String(payload.text ?? ''),
  hash: String(payload.hash ?? ''),
});

/**
 * Payload of a document's record point. `hash: ''` marks a replacement in progress: its chunks
 * may be half written, so the document must count as changed until the final record lands.
 */
export const documentPayload = (doc: PreparedDocument, hash: string, updatedAt: string): Payload => ({
  kind: 'document' satisfies PointKind,
  source: doc.source,
  source_dirs: sourceDirectories(doc.source),
  title: doc.title,
  url: doc.url,
  url_key: doc.url === null ? null : pageUrlKey(doc.url),
  origin: doc.origin,
  chunks: doc.chunks.length,
  hash,
  updated_at: updatedAt,
  metadata: doc.metadata,
});

/** A document record back from its payload. */
export const documentFromPayload = (payload: Payload): DocumentRecord => ({
  source: String(payload.source),
  title: String(payload.title ?? ''),
  url: typeof payload.url === 'string' ? payload.url : null,
  chunks: Number(payload.chunks ?? 0),
  hash: String(payload.hash ?? ''),
  updated_at: String(payload.updated_at ?? ''),
  // Records written before origins were recorded count as `api`, which is never pruned.
  origin: payload.origin === 'docs' ? 'docs' : 'api',
});

/** Payload of the index-info point. */
export const indexInfoPayload = (info: IndexInfo): Payload => ({
  kind: 'index' satisfies PointKind,
  model: info.model,
  dimension: info.dimension,
});

/** Index info back from its payload, or null when the point holds something else. */
export function indexInfoFromPayload(payload: Payload | null | undefined): IndexInfo | null {
  if (typeof payload?.model !== 'string' || typeof payload.dimension !== 'number') return null;
  return { model: payload.model, dimension: payload.dimension };
}
