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
 * Usage: node bench/ttft.bench.ts [docsDir] [questions.jsonl]  (default: the FastAPI corpus and its
 * dev questions when ../shared is present, else the sample book with its page titles as questions).
 * Writes bench/results/ttft-<date>.json.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createParser } from 'eventsource-parser';
import { loadQuestions } from '../eval/question-set.ts';
import { createAnswerService } from '../src/answer/create-answer-service.ts';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import type { ChunkStore } from '../src/domain/store.ts';
import { createLogger } from '../src/logger.ts';
import { createSearchService } from '../src/retrieval/create-search-service.ts';
import { listenApp } from '../test/helpers/http.ts';
import type { OpenAITestServerOptions } from '../test/helpers/openai-test-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const sharedFastapi = path.join(repoRoot, '../shared/corpora/fastapi-docs/docs');
/** The upstream's own time to first token and gap between tokens. */
const FIRST_TOKEN_DELAY_MS = 40;
const TOKEN_GAP_MS = 15;
const QUESTIONS = 60;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

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

/** Starts bench/openai-upstream.ts as a child process; resolves with its base URL and a stop function. */
async function startUpstream(
  options: OpenAITestServerOptions,
): Promise<{ baseURL: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [path.join(import.meta.dirname, 'openai-upstream.ts'), JSON.stringify(options)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve(data.toString()));
    child.once('exit', (code) => reject(new Error(`upstream exited with ${code}`)));
  });
  const { baseURL } = JSON.parse(line) as { baseURL: string };
  return { baseURL, stop: () => child.stdin.end() };
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

const summary = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });

async function questionsFor(questionsPath: string | undefined, docsDir: string): Promise<string[]> {
  if (questionsPath) {
    const all = await loadQuestions(questionsPath);
    return all.flatMap((q) => (q.type === 'selection' ? [] : [q.question])).slice(0, QUESTIONS);
  }
  const pages = (await fs.readdir(docsDir, { recursive: true })).filter((file) => /\.mdx?$/.test(file));
  return pages.map((page) => `What is ${path.basename(page).replace(/\.mdx?$/, '')}?`);
}

async function main(): Promise<void> {
  const useShared = process.argv[2] === undefined && existsSync(sharedFastapi);
  const docsDir = path.resolve(process.argv[2] ?? (useShared ? sharedFastapi : 'examples/docusaurus/docs'));
  const questionsPath =
    process.argv[3] ?? (useShared ? path.join(repoRoot, 'eval/questions/fastapi-dev.jsonl') : undefined);
  if (!useShared && process.argv[2] === undefined)
    console.log('../shared corpora absent: timing the sample book');
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
    const questions = await questionsFor(questionsPath, docsDir);
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
    const gaps = timings.flatMap((t) => t.gapsMs);
    const result = {
      date: new Date().toISOString(),
      machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
      corpus: docsDir,
      questions: timings.length,
      upstream: { firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, tokenGapMs: TOKEN_GAP_MS },
      ttftMinusUpstreamMs: { ...summary(overhead(timings)), target: 5 },
      embeddingAwaitedFirstMs: summary(overhead(awaited)),
      directFromUpstreamMs: summary(direct),
      sourcesMs: summary(timings.map((t) => t.sourcesMs)),
      tokenGapMs: { ...summary(gaps), upstream: TOKEN_GAP_MS },
    };
    const fmt = (value: number) => `${value.toFixed(1)} ms`;
    const row = (name: string, value: { p50: number; p95: number }, target: string) =>
      console.log(`| ${name} | ${fmt(value.p50)} | ${fmt(value.p95)} | ${target} |`);
    console.log(
      `corpus ${docsDir}: ${timings.length} questions, upstream first token ${FIRST_TOKEN_DELAY_MS} ms`,
    );
    console.log(`machine: ${result.machine}`);
    console.log(`| measure | p50 | p95 | target |\n|---|---|---|---|`);
    row('time to first token − upstream delay', result.ttftMinusUpstreamMs, '≤ 5 ms p50');
    row('same, query embedding awaited before the keyword search', result.embeddingAwaitedFirstMs, '—');
    row('first token straight from the upstream − its delay (floor)', result.directFromUpstreamMs, '—');
    row('sources event', result.sourcesMs, '—');
    row(`gap between tokens (upstream ${TOKEN_GAP_MS} ms)`, result.tokenGapMs, '≈ upstream');
    const out = path.join(repoRoot, 'bench', 'results', `ttft-${result.date.slice(0, 10)}.json`);
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await before.app.close();
    await app.close();
    await deps.close();
    upstream.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
