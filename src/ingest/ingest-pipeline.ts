import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocumentInput, DocumentOrigin, PreparedDocument } from '../domain/document.ts';
import type { Embedder } from '../domain/embedder.ts';
import type { IngestProgress, IngestService, IngestSummary } from '../domain/ingest-service.ts';
import type { ChunkStore } from '../domain/store.ts';
import { resolveDocsPath } from './docs-path.ts';
import { ensureEmbeddingIndex } from './embedding-index.ts';
import { listMarkdownFiles } from './markdown-files.ts';
import { documentHash, prepareDocument } from './prepare-document.ts';
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
  /**
   * Hashing needs no parsing, so an unchanged document costs one hash and one lookup. The origin
   * is part of it, so a page sent as text and later found in DOCS_DIR (or back) is re-recorded.
   */
  const hashOf = (input: DocumentInput, origin: DocumentOrigin): string =>
    createHash('sha256')
      .update(documentHash(input, prepareOptions))
      .update(`${indexSuffix}|origin:${origin}`)
      .digest('hex');

  async function writeGroup(group: PreparedDocument[], signal?: AbortSignal): Promise<number> {
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
    for (const input of inputs) {
      signal?.throwIfAborted();
      const hash = hashOf(input, origin);
      summary.documents += 1;
      if ((await store.documentHash(input.source, signal)) === hash) {
        summary.unchanged += 1;
      } else {
        const doc = { ...prepareDocument(input, prepareOptions), hash, origin };
        group.push(doc);
        groupChunks += doc.chunks.length;
        summary.chunks += doc.chunks.length;
      }
      if (groupChunks >= EMBED_GROUP_CHUNKS) {
        summary.embedded += await writeGroup(group, signal);
        group = [];
        groupChunks = 0;
      }
      done += 1;
      onProgress?.(done, inputs.length, input.source);
    }
    summary.embedded += await writeGroup(group, signal);
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
      for (const doc of await store.listDocuments(prefix, signal)) {
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
