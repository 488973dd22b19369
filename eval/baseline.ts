/**
 * The reference point the product must beat: LangChain.js's Markdown-aware recursive splitter
 * (1000 characters, 200 overlap) over the raw files, ranked by its in-memory BM25 retriever.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { listFiles } from './corpus-files.ts';
import type { RankedPassage } from './metrics.ts';

/** A ready baseline retriever over one corpus. */
export interface BaselineIndex {
  /** Number of chunks the splitter produced. */
  chunks: number;
  /** Milliseconds spent reading and splitting the corpus. */
  buildMs: number;
  /** Top `limit` passages for `query`, best first. */
  search(query: string, limit: number): Promise<RankedPassage[]>;
}

/** Splits every Markdown file of `docsDir` and indexes the chunks with BM25. */
export async function buildBaseline(docsDir: string): Promise<BaselineIndex> {
  const started = performance.now();
  const files = await listFiles(docsDir);
  const texts = await Promise.all(files.map((file) => readFile(path.join(docsDir, file), 'utf8')));
  const splitter = RecursiveCharacterTextSplitter.fromLanguage('markdown', {
    chunkSize: 1000,
    chunkOverlap: 200,
  });
  const documents = await splitter.createDocuments(
    texts,
    files.map((source) => ({ source })),
  );
  const buildMs = performance.now() - started;
  // One retriever per k: BM25Retriever fixes k at construction. Its ranking does not depend on
  // k, so the top 5 of k=10 equals what k=5 returns.
  const retrievers = new Map<number, BM25Retriever>();
  const retrieverFor = (k: number): BM25Retriever => {
    let retriever = retrievers.get(k);
    if (!retriever) {
      retriever = BM25Retriever.fromDocuments(documents, { k });
      retrievers.set(k, retriever);
    }
    return retriever;
  };
  return {
    chunks: documents.length,
    buildMs,
    async search(query, limit) {
      const found = await retrieverFor(limit).invoke(query);
      return found.map((doc) => ({ source: String(doc.metadata.source), text: doc.pageContent }));
    },
  };
}
