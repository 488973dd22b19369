import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DocumentInput, DocumentOrigin, PreparedDocument } from '../domain/document.ts';
import type { Embedder } from '../domain/embedder.ts';
import type { IngestProgress, IngestService, IngestSummary } from '../domain/ingest-service.ts';
import type { ChunkStore } from '../domain/store.ts';
import { resolveDocsPath } from './docs-path.ts';
import { documentHash } from './document-hash.ts';
import { createDocumentPreparer } from './document-preparer.ts';
import { ensureEmbeddingIndex } from './embedding-index.ts';
import { listMarkdownFiles } from './markdown-files.ts';
import { type PlannedDocument, preparedInOrder } from './prepare-ahead.ts';
import { readDocsFile } from './read-docs-file.ts';
import type { SiteLinks } from './site-links.ts';

/** What the ingest pipeline is built from. */
export interface IngestPipelineOptions {
  store: ChunkStore;
  embedder: Embedder | null;
  docsDir: string;
  /** How DOCS_DIR pages link to the public site (resolveSiteLinks); null for no links. */
  links: SiteLinks | null;
}

/** Chunks embedded per group: large enough to batch well, small enough to bound memory. */
const EMBED_GROUP_CHUNKS = 256;

/**
 * Parsing and SQLite writes are synchronous: a long ingest hands the event loop back after at
 * most this much work, so /health and /search are answered in between.
 */
const YIELD_AFTER_MS = 8;

/** An `await`-able that yields to the event loop once `YIELD_AFTER_MS` of work has passed. */
function createYielder(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < YIELD_AFTER_MS) return;
    await nextTurn();
    since = performance.now();
  };
}

/**
 * The ingest pipeline: parse → compare hash → embed (when configured) → replace atomically.
 * The stored hash also covers the embedding model, so switching embedders re-embeds everything.
 */
export function createIngestService(options: IngestPipelineOptions): IngestService {
  const { store, embedder } = options;
  const indexSuffix = embedder ? `|embedder:${embedder.model}` : '|embedder:none';

  const prepareOptions = {
    siteUrl: options.links?.siteUrl,
    docsRouteBase: options.links?.routeBase,
    trailingSlash: options.links?.trailingSlash,
  };
  // Parsing runs on worker threads (one per core): one large page would otherwise stall every request.
  const preparer = createDocumentPreparer();
  /**
   * Hashing needs no parsing, so an unchanged document costs one hash and one lookup. The origin
   * is part of it, so a page sent as text and later found in DOCS_DIR (or back) is re-recorded.
   */
  const hashOf = (input: DocumentInput, origin: DocumentOrigin): string =>
    createHash('sha256')
      .update(documentHash(input, prepareOptions))
      .update(`${indexSuffix}|origin:${origin}`)
      .digest('hex');

  async function writeGroup(
    group: PreparedDocument[],
    yieldIfDue: () => Promise<void>,
    signal?: AbortSignal,
  ): Promise<number> {
    if (group.length === 0) return 0;
    let vectors: number[][] | null = null;
    if (embedder) {
      await ensureEmbeddingIndex(store, embedder, signal);
      vectors = await embedder.embed(
        group.flatMap((doc) => doc.chunks.map((chunk) => embeddingText(doc, chunk.heading, chunk.text))),
        signal,
      );
    }
    let offset = 0;
    for (const doc of group) {
      const own = vectors ? vectors.slice(offset, offset + doc.chunks.length) : null;
      offset += doc.chunks.length;
      await store.replaceDocument(doc, own, signal);
      await yieldIfDue();
    }
    return vectors ? vectors.length : 0;
  }

  async function ingestInputs(
    inputs: DocumentInput[],
    origin: DocumentOrigin,
    signal?: AbortSignal,
    onProgress?: IngestProgress,
  ): Promise<IngestSummary> {
    const started = performance.now();
    const summary: IngestSummary = {
      documents: 0,
      chunks: 0,
      unchanged: 0,
      deleted: 0,
      embedded: 0,
      took_ms: 0,
    };
    let group: PreparedDocument[] = [];
    let groupChunks = 0;
    let done = 0;
    const yieldIfDue = createYielder();
    const planned: PlannedDocument[] = [];
    for (const input of inputs) {
      await yieldIfDue();
      signal?.throwIfAborted();
      const hash = hashOf(input, origin);
      planned.push({ input, hash, changed: (await store.documentHash(input.source, signal)) !== hash });
    }
    const prepare = (input: DocumentInput) => preparer.prepare(input, prepareOptions);
    for await (const { planned: entry, document } of preparedInOrder(
      planned,
      prepare,
      preparer.parallelism,
    )) {
      await yieldIfDue();
      signal?.throwIfAborted();
      summary.documents += 1;
      if (document === null) {
        summary.unchanged += 1;
      } else {
        const doc = { ...document, hash: entry.hash, origin };
        group.push(doc);
        groupChunks += doc.chunks.length;
        summary.chunks += doc.chunks.length;
      }
      if (groupChunks >= EMBED_GROUP_CHUNKS) {
        summary.embedded += await writeGroup(group, yieldIfDue, signal);
        group = [];
        groupChunks = 0;
      }
      done += 1;
      onProgress?.(done, inputs.length, entry.input.source);
    }
    summary.embedded += await writeGroup(group, yieldIfDue, signal);
    summary.took_ms = Math.round(performance.now() - started);
    return summary;
  }

  async function ingestPath(
    relativePath: string,
    { prune }: { prune: boolean },
    signal?: AbortSignal,
    onProgress?: IngestProgress,
  ): Promise<IngestSummary> {
    const started = performance.now();
    const target = await resolveDocsPath(options.docsDir, relativePath);
    const files = target.isDirectory
      ? (await listMarkdownFiles(target.absolute)).map((file) => path.posix.join(target.relative, file))
      : [target.relative];
    const inputs: DocumentInput[] = [];
    const root = await fs.realpath(options.docsDir);
    // Every file is read before anything is written, so a refused file leaves the index untouched.
    for (const source of files) inputs.push({ source, text: await readDocsFile(root, source) });
    const summary = await ingestInputs(inputs, 'docs', signal, onProgress);
    if (prune && target.isDirectory) {
      const present = new Set(files);
      const prefix = target.relative === '' ? '' : `${target.relative}/`;
      const yieldIfDue = createYielder();
      for (const doc of await store.listDocuments(prefix, signal)) {
        await yieldIfDue();
        // Documents sent as text have no file: a missing file says nothing about them.
        if (doc.origin !== 'docs' || present.has(doc.source)) continue;
        if (await store.deleteDocument(doc.source, signal)) summary.deleted += 1;
      }
    }
    summary.took_ms = Math.round(performance.now() - started);
    return summary;
  }

  return {
    ingestDocuments: (inputs, signal, onProgress) => ingestInputs(inputs, 'api', signal, onProgress),
    ingestPath,
  };
}

/** Text sent to the embedding model: title and heading path give the passage its context. */
const embeddingText = (doc: PreparedDocument, heading: string, text: string): string =>
  `${heading || doc.title}\n\n${text}`;
