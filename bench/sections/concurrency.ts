/**
 * Load: N simultaneous streamed `/chat` answers against a slow OpenAI-compatible upstream, and a
 * fixed rate of `/search` requests (autocannon), both against a forked server process whose own
 * event-loop delay and peak RSS are reported.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { indexBook } from '../lib/index-book.ts';
import { forkServer } from '../lib/server-child.ts';
import { startUpstream } from '../lib/upstream-child.ts';

export interface ConcurrencyFigures {
  streams: number;
  ok: number;
  errors: number;
  wallMs: number;
  serverMaxRssMb: number;
  serverPeakHeapMb: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  search: { rate: number; seconds: number; requests: number; non2xx: number; p50: number; p99: number };
  searchEventLoopP99Ms: number;
}

async function oneStream(url: string, index: number): Promise<boolean> {
  try {
    const response = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user_id: `bench-reader-${index}`,
        messages: [{ role: 'user', content: `How do I write a reducer? (${index})` }],
      }),
    });
    const body = await response.text();
    return response.status === 200 && body.includes('event: done') && !body.includes('event: error');
  } catch {
    return false;
  }
}

export async function benchConcurrency(
  docsDir: string,
  streams: number,
  searchSeconds: number,
): Promise<ConcurrencyFigures> {
  // The upstream runs in a process of its own, so neither it nor the load generator shares an
  // event loop with what they measure.
  const upstream = await startUpstream({ chunkDelayMs: 25 });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-load-'));
  const env = {
    DOCS_DIR: docsDir,
    DATA_DIR: dataDir,
    OPENAI_API_KEY: 'bench-key',
    OPENAI_BASE_URL: upstream.baseURL,
    SYNC_ON_START: 'false',
    // No daily budget: its admission would (rightly) turn most of 1,000 simultaneous answers away.
    DAILY_TOKEN_BUDGET: '0',
  };
  await indexBook(env);
  const server = await forkServer(env);
  try {
    await server.stats();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: streams }, (_, i) => oneStream(server.url, i)));
    const wallMs = performance.now() - started;
    const streamStats = await server.stats();
    const rate = 200;
    const result = await autocannon({
      url: `${server.url}/search`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'how do I combine reducers', top_k: 5 }),
      connections: 20,
      overallRate: rate,
      duration: searchSeconds,
    });
    const searchStats = await server.stats();
    const ok = results.filter(Boolean).length;
    return {
      streams,
      ok,
      errors: streams - ok,
      wallMs,
      serverMaxRssMb: searchStats.maxRssMb,
      serverPeakHeapMb: streamStats.peakHeapUsedMb,
      eventLoopP99Ms: streamStats.eventLoopP99Ms,
      eventLoopMaxMs: streamStats.eventLoopMaxMs,
      search: {
        rate,
        seconds: searchSeconds,
        requests: result.requests.total,
        non2xx: result.non2xx,
        p50: result.latency.p50,
        p99: result.latency.p99,
      },
      searchEventLoopP99Ms: searchStats.eventLoopP99Ms,
    };
  } finally {
    await server.stop();
    upstream.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
