/**
 * Event-loop stall during a large ingest (issue 9): the real service listens on loopback and
 * ingests ~1,500 documents (copies of the FastAPI corpus pages under different folders) through
 * `POST /embed {path}`, while `/health` and `/search` are probed every 10 ms. Reports probe
 * latency (measured from each probe's scheduled time, so time spent waiting for a blocked event
 * loop counts) and the event-loop delay histogram. Target: p99 under 50 ms.
 * Usage: node bench/ingest-stall.bench.ts [docsDir] [copies]  (default: the FastAPI corpus, 10 copies).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../eval/metrics.ts';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import { listMarkdownFiles } from '../src/ingest/markdown-files.ts';
import { createLogger } from '../src/logger.ts';
import { listenApp } from '../test/helpers/http.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const PROBE_INTERVAL_MS = 10;

/** Copies every page of `from` into `copies` folders of a fresh DOCS_DIR. */
async function buildDocsDir(from: string, copies: number): Promise<{ dir: string; documents: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stall-docs-'));
  const files = await listMarkdownFiles(from);
  for (let copy = 0; copy < copies; copy += 1) {
    for (const file of files) {
      const target = path.join(dir, `copy-${copy}`, file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.copyFile(path.join(from, file), target);
    }
  }
  return { dir, documents: files.length * copies };
}

/** Probes `url` on a fixed 10 ms grid until `done`; latency counts from the scheduled time. */
async function probe(url: string, init: RequestInit, done: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  let scheduled = performance.now();
  while (!done()) {
    const response = await fetch(url, init);
    await response.arrayBuffer();
    latencies.push(performance.now() - scheduled);
    scheduled += PROBE_INTERVAL_MS;
    const wait = scheduled - performance.now();
    if (wait > 0) await sleep(wait);
    else scheduled = performance.now();
  }
  return latencies;
}

async function main(): Promise<void> {
  const source = path.resolve(process.argv[2] ?? path.join(repoRoot, '../shared/corpora/fastapi-docs/docs'));
  const copies = Number(process.argv[3] ?? 10);
  const docs = await buildDocsDir(source, copies);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stall-data-'));
  const config = loadConfig({ DATA_DIR: dataDir, DOCS_DIR: docs.dir, LOG_LEVEL: 'silent' });
  const deps = await buildDeps(config, createLogger('silent'));
  const { app, url } = await listenApp(deps);
  try {
    let finished = false;
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const started = performance.now();
    const ingest = fetch(`${url}/embed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '.' }),
    }).then(async (response) => {
      const summary = await response.json();
      finished = true;
      return summary as { documents: number; chunks: number };
    });
    const search = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'How do I declare a request body?' }),
    };
    const [summary, health, searches] = await Promise.all([
      ingest,
      probe(`${url}/health`, {}, () => finished),
      probe(`${url}/search`, search, () => finished),
    ]);
    delay.disable();
    const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1);
    const row = (name: string, values: number[]) =>
      `${name.padEnd(8)} ${String(values.length).padStart(5)} probes  p50 ${percentile(values, 0.5).toFixed(1).padStart(7)} ms  p99 ${percentile(values, 0.99).toFixed(1).padStart(7)} ms  max ${Math.max(
        0,
        ...values,
      )
        .toFixed(1)
        .padStart(7)} ms`;
    console.log(
      `ingested ${summary.documents} documents (${summary.chunks} chunks) in ${(performance.now() - started).toFixed(0)} ms`,
    );
    console.log(row('/health', health));
    console.log(row('/search', searches));
    console.log(
      `event-loop delay: p50 ${ms(delay.percentile(50))} ms  p99 ${ms(delay.percentile(99))} ms  max ${ms(delay.max)} ms`,
    );
  } finally {
    await app.close();
    await deps.close();
    await fs.rm(docs.dir, { recursive: true, force: true });
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
