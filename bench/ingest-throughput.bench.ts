/**
 * Ingest throughput of the embedded default, per corpus, as a ratio against LangChain.js's
 * Markdown splitter measured in the same run (issue 13's target: full ingest ≥ 0.25× its MB/s):
 *  1. parse + chunk: `prepareDocument` over every page, in memory;
 *  2. full ingest: parse + chunk + index (SQLite FTS5) through the real ingest service;
 *  3. baseline: `MarkdownTextSplitter` (chunk size 1,500) over the same texts.
 * Usage: node bench/ingest-throughput.bench.ts [docsDir...]  (default: the FastAPI and Redux
 * corpora under ../shared when present, else the sample book).
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MarkdownTextSplitter } from '@langchain/textsplitters';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import { listMarkdownFiles } from '../src/ingest/markdown-files.ts';
import { prepareDocument } from '../src/ingest/prepare-document.ts';
import { createLogger } from '../src/logger.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const SHARED = ['fastapi-docs', 'redux-docs'].map((name) =>
  path.join(repoRoot, '../shared/corpora', name, 'docs'),
);
const ROUNDS = 3;

/** Best of `ROUNDS` timings in milliseconds (the least disturbed by other processes). */
async function bestOf(run: () => Promise<unknown> | unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

async function fullIngestMs(docsDir: string): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round += 1) {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-ingest-'));
    const deps = await buildDeps(
      loadConfig({ DATA_DIR: dataDir, DOCS_DIR: docsDir, LOG_LEVEL: 'silent' }),
      createLogger('silent'),
    );
    try {
      const started = performance.now();
      await deps.ingest.ingestPath('.', { prune: false });
      best = Math.min(best, performance.now() - started);
    } finally {
      await deps.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }
  return best;
}

async function benchCorpus(docsDir: string): Promise<void> {
  const files = await listMarkdownFiles(docsDir);
  const texts = await Promise.all(
    files.map(async (source) => ({ source, text: await fs.readFile(path.join(docsDir, source), 'utf8') })),
  );
  const megabytes = texts.reduce((sum, input) => sum + Buffer.byteLength(input.text), 0) / 1e6;
  const splitter = new MarkdownTextSplitter({ chunkSize: 1500, chunkOverlap: 0 });
  const parseMs = await bestOf(() => texts.map((input) => prepareDocument(input)));
  const ingestMs = await fullIngestMs(docsDir);
  const baselineMs = await bestOf(() => Promise.all(texts.map((input) => splitter.splitText(input.text))));
  const rate = (ms: number) => megabytes / (ms / 1000);
  console.log(`${docsDir}: ${files.length} pages, ${megabytes.toFixed(2)} MB`);
  console.log(
    `  parse + chunk          ${rate(parseMs).toFixed(2).padStart(7)} MB/s (${parseMs.toFixed(0)} ms)`,
  );
  console.log(
    `  full ingest (indexed)  ${rate(ingestMs).toFixed(2).padStart(7)} MB/s (${ingestMs.toFixed(0)} ms)`,
  );
  console.log(
    `  LangChain splitter     ${rate(baselineMs).toFixed(2).padStart(7)} MB/s (${baselineMs.toFixed(0)} ms)`,
  );
  console.log(`  ratio full ingest / LangChain: ${(baselineMs / ingestMs).toFixed(3)} (target ≥ 0.25)`);
}

const dirs = process.argv.slice(2);
const targets =
  dirs.length > 0
    ? dirs.map((dir) => path.resolve(dir))
    : SHARED.every((dir) => existsSync(dir))
      ? SHARED
      : [path.join(repoRoot, 'examples/docusaurus/docs')];
for (const dir of targets) await benchCorpus(dir);
