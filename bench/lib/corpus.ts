/**
 * The corpus a benchmark runs on: the FastAPI book from ../shared when it is present (the figures
 * the README quotes), otherwise the in-repo sample book, saying so.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../../eval/corpus-files.ts';
import { loadQuestions } from '../../eval/question-set.ts';
import type { DocumentInput } from '../../src/domain/document.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** One corpus, read into memory, with the queries to time. */
export interface BenchCorpus {
  /** Human-readable name, e.g. `fastapi-docs (155 pages)`. */
  name: string;
  docsDir: string;
  /** Pages as the ingest API receives them (source = path under docsDir). */
  documents: DocumentInput[];
  bytes: number;
  queries: string[];
}

/** FastAPI from ../shared when present (or `docsDir` when given), else the sample book. */
export async function loadBenchCorpus(docsDir?: string): Promise<BenchCorpus> {
  const shared = path.join(repoRoot, '../shared/corpora/fastapi-docs/docs');
  const dir = docsDir ?? (existsSync(shared) ? shared : path.join(repoRoot, 'examples/docusaurus/docs'));
  const files = await listFiles(dir);
  const documents = await Promise.all(
    files.map(async (source) => ({ source, text: await readFile(path.join(dir, source), 'utf8') })),
  );
  const bytes = documents.reduce((sum, doc) => sum + Buffer.byteLength(doc.text), 0);
  const isFastapi = dir === shared;
  const queries = isFastapi
    ? (await loadQuestions(path.join(repoRoot, 'eval/questions/fastapi-dev.jsonl'))).flatMap((q) =>
        'question' in q ? [q.question] : [],
      )
    : documents.map(
        (doc) => `What does the book say about ${path.basename(doc.source).replace(/\.mdx?$/, '')}?`,
      );
  const label = isFastapi
    ? 'fastapi-docs'
    : docsDir
      ? path.basename(path.dirname(dir))
      : 'sample book (../shared absent)';
  return { name: `${label} (${documents.length} pages)`, docsDir: dir, documents, bytes, queries };
}

/** `copies` copies of the corpus under distinct sources (`copy-2/…`), the first one unchanged. */
export function replicate(documents: readonly DocumentInput[], copies: number): DocumentInput[] {
  return Array.from({ length: copies }, (_, copy) =>
    documents.map((doc) => (copy === 0 ? doc : { ...doc, source: `copy-${copy + 1}/${doc.source}` })),
  ).flat();
}
