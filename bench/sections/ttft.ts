/**
 * Time to first token over real HTTP, minus the upstream's own delay. The service runs as in
 * production (buildDeps + createApp on loopback) with the OpenAI-compatible test server as its
 * embedder and chat model; that server opens each stream at once and sends the first text chunk
 * after a fixed delay, then one chunk per gap. Per question we time, from the request:
 *  - sources: the `sources` event;  - first token: the first `token` event;
 * and report first token − the upstream's delay (our overhead: retrieval, prompt, the hop to the
 * model and back) as p50/p95, plus the inter-token gaps the reader sees against the upstream's.
 * Measured in the same run, interleaved question by question: the service as built; the same
 * service with the query embedding awaited before the keyword search starts (the order before
 * issue 13.3, and still the order for stores that search in one request, like Qdrant); and a
 * client streaming straight from the upstream (the floor: the loopback hop alone).
 * A section of `npm run bench` (bench/run.ts), on the benchmark's corpus and questions.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createParser } from 'eventsource-parser';
import { createAnswerService } from '../../src/answer/create-answer-service.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps } from '../../src/deps.ts';
import type { ChunkStore } from '../../src/domain/store.ts';
import { createLogger } from '../../src/logger.ts';
import { createSearchService } from '../../src/retrieval/create-search-service.ts';
import { listenApp } from '../../test/helpers/http.ts';
import { NO_RATE_LIMITS } from '../../test/helpers/no-rate-limits.ts';
import { type Summary, summarize } from '../lib/stats.ts';
import { startUpstream } from '../lib/upstream-child.ts';

/** The upstream's own time to first token and gap between tokens. */
const FIRST_TOKEN_DELAY_MS = 40;
const TOKEN_GAP_MS = 15;

interface Timing {
  sourcesMs: number;
  firstTokenMs: number;
  /** Gaps between consecutive `token` events. */
  gapsMs: number[];
}

async function timeAnswer(url: string, question: string): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(`${url}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: question }], user_id: 'bench' }),
  });
  let sourcesMs = Number.NaN;
  const tokenTimes: number[] = [];
  const parser = createParser({
    onEvent: (event) => {
      const at = performance.now() - started;
      if (event.event === 'sources') sourcesMs = at;
      if (event.event === 'token') tokenTimes.push(at);
    },
  });
  if (!response.body) throw new Error(`no body (${response.status})`);
  const decoder = new TextDecoder();
  for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
  const firstTokenMs = tokenTimes[0];
  if (firstTokenMs === undefined) throw new Error(`no token for ${question}`);
  return { sourcesMs, firstTokenMs, gapsMs: tokenTimes.slice(1).map((at, i) => at - (tokenTimes[i] ?? at)) };
}

/** First content chunk of a chat completion streamed straight from the upstream, from the request. */
async function timeDirect(baseURL: string, question: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: question }],
    }),
  });
  let first = Number.NaN;
  const parser = createParser({
    onEvent: (event) => {
      if (
        Number.isNaN(first) &&
        event.data !== '[DONE]' &&
        JSON.parse(event.data).choices[0]?.delta?.content
      ) {
        first = performance.now() - started;
      }
    },
  });
  if (!response.body) throw new Error('no body');
  const decoder = new TextDecoder();
  for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
  return first;
}

/** The store without its overlapping search: the search service awaits the embedding first. */
const sequential = (store: ChunkStore): ChunkStore =>
  new Proxy(store, {
    get: (target, name, receiver) => {
      if (name === 'searchWhileEmbedding') return undefined;
      const value = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

/** What the TTFT section measured (milliseconds). */
export interface TtftFigures {
  questions: number;
  upstream: { firstTokenDelayMs: number; tokenGapMs: number };
  ttftMinusUpstream: Summary;
  embeddingAwaitedFirst: Summary;
  directFromUpstream: Summary;
  sources: Summary;
  tokenGap: Summary;
}

/** Times `questions` as streamed answers with a model, against the floor of the upstream alone. */
export async function benchTtft(docsDir: string, questions: readonly string[]): Promise<TtftFigures> {
  const upstream = await startUpstream({
    defaultDimensions: 256,
    firstTokenDelayMs: FIRST_TOKEN_DELAY_MS,
    chunkDelayMs: TOKEN_GAP_MS,
  });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ttft-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DOCS_DIR: docsDir,
    LOG_LEVEL: 'silent',
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: upstream.baseURL,
    EMBEDDING_MODEL: 'hashed-bag-of-words',
    DAILY_TOKEN_BUDGET: '0',
    ...NO_RATE_LIMITS,
  });
  const deps = await buildDeps(config, createLogger('silent'));
  const { app, url } = await listenApp(deps);
  const store = sequential(deps.store);
  const search = createSearchService({ store, embedder: deps.embedder });
  const answers = createAnswerService({
    search,
    store,
    generator: deps.generator,
    maxHistoryTurns: 6,
    maxHistoryChars: 6000,
  });
  const before = await listenApp({ ...deps, search, answers });
  try {
    await fetch(`${url}/embed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '.' }),
    });
    for (const question of questions.slice(0, 5)) {
      await timeAnswer(url, question);
      await timeAnswer(before.url, question);
    } // warm-up
    const timings: Timing[] = [];
    const awaited: Timing[] = [];
    const direct: number[] = [];
    for (const question of questions) {
      timings.push(await timeAnswer(url, question));
      awaited.push(await timeAnswer(before.url, question));
      direct.push((await timeDirect(upstream.baseURL, question)) - FIRST_TOKEN_DELAY_MS);
    }
    const overhead = (list: Timing[]) => list.map((t) => t.firstTokenMs - FIRST_TOKEN_DELAY_MS);
    return {
      questions: timings.length,
      upstream: { firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, tokenGapMs: TOKEN_GAP_MS },
      ttftMinusUpstream: summarize(overhead(timings)),
      embeddingAwaitedFirst: summarize(overhead(awaited)),
      directFromUpstream: summarize(direct),
      sources: summarize(timings.map((t) => t.sourcesMs)),
      tokenGap: summarize(timings.flatMap((t) => t.gapsMs)),
    };
  } finally {
    await before.app.close();
    await app.close();
    await deps.close();
    upstream.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
