/**
 * Benchmarks of the embedded default, each reported as a ratio against a baseline measured in
 * the same run (absolute times vary with the machine; ratios are what we track):
 *  1. search latency: our SearchService vs LangChain.js BM25Retriever over the same corpus/queries;
 *  2. incremental ingest: re-ingesting an unchanged corpus vs the first ingest;
 *  3. start-up memory: RSS growth of ingesting + indexing vs the corpus size on disk.
 * Usage: npm run bench [-- <docsDir> <questions.jsonl>]  (default: the FastAPI corpus and its
 * dev questions when ../shared is present, else the sample book with its page titles as queries).
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBaseline } from '../eval/baseline.ts';
import { loadQuestions } from '../eval/question-set.ts';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import { createLogger } from '../src/logger.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const sharedFastapi = path.join(repoRoot, '../shared/corpora/fastapi-docs/docs');
const ROUNDS = 5;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function timeEach(queries: string[], run: (query: string) => Promise<unknown>): Promise<number[]> {
  for (const query of queries.slice(0, 10)) await run(query); // warm-up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const query of queries) {
      const started = performance.now();
      await run(query);
      times.push(performance.now() - started);
    }
  }
  return times;
}

async function queriesFor(questionsPath: string | undefined, deps: Awaited<ReturnType<typeof buildDeps>>) {
  if (questionsPath) {
    return (await loadQuestions(questionsPath)).flatMap((question) =>
      'question' in question ? [question.question] : [],
    );
  }
  return (await deps.store.listDocuments()).map((doc) => `What does the book say about ${doc.title}?`);
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function main(): Promise<void> {
  const useShared = process.argv.length < 3 && existsSync(sharedFastapi);
  const docsDir = path.resolve(
    process.argv[2] ?? (useShared ? sharedFastapi : path.join(repoRoot, 'examples/docusaurus/docs')),
  );
  const questionsPath =
    process.argv[3] ?? (useShared ? path.join(repoRoot, 'eval/questions/fastapi-dev.jsonl') : undefined);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, DOCS_DIR: docsDir, LOG_LEVEL: 'silent' });
  const rssBefore = process.memoryUsage().rss;
  const deps = await buildDeps(config, createLogger('silent'));
  try {
    const first = performance.now();
    const ingested = await deps.ingest.ingestPath('.', { prune: false });
    const firstMs = performance.now() - first;
    const again = performance.now();
    const reingested = await deps.ingest.ingestPath('.', { prune: false });
    const againMs = performance.now() - again;
    const rssGrowth = process.memoryUsage().rss - rssBefore;

    const queries = await queriesFor(questionsPath, deps);
    const ours = await timeEach(queries, (query) => deps.search.search({ query, topK: 5 }));
    const baseline = await buildBaseline(docsDir);
    const theirs = await timeEach(queries, (query) => baseline.search(query, 5));

    const corpusBytes = await directorySize(docsDir);
    const row = (name: string, times: number[]) =>
      `${name.padEnd(26)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(2).padStart(7)} ms`;
    console.log(
      `corpus ${docsDir}: ${ingested.documents} pages, ${ingested.chunks} chunks, ${(corpusBytes / 1e6).toFixed(2)} MB`,
    );
    console.log(`${queries.length} queries x ${ROUNDS} rounds`);
    console.log(row('search (ours)', ours));
    console.log(row('search (LangChain BM25)', theirs));
    console.log(
      `search p50 ratio ours/baseline: ${(percentile(ours, 50) / percentile(theirs, 50)).toFixed(3)}  ` +
        `p95 ratio: ${(percentile(ours, 95) / percentile(theirs, 95)).toFixed(3)}`,
    );
    console.log(
      `ingest: first ${firstMs.toFixed(0)} ms, unchanged re-ingest ${againMs.toFixed(0)} ms ` +
        `(${reingested.unchanged}/${reingested.documents} unchanged), ratio ${(againMs / firstMs).toFixed(3)}`,
    );
    console.log(
      `memory: RSS grew ${(rssGrowth / 1e6).toFixed(1)} MB while ingesting ${(corpusBytes / 1e6).toFixed(2)} MB ` +
        `(ratio ${(rssGrowth / corpusBytes).toFixed(1)})`,
    );
  } finally {
    await deps.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
