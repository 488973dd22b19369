/**
 * `npm run bench`: one table of ours against baselines measured in the same run (MiniSearch and
 * LangChain.js in-process), with the targets of issue 13 and the machine, also written as JSON to
 * bench/results/latest.json. On the FastAPI corpus when ../shared is present, else the sample book.
 * `--smoke` runs a reduced version (CI): the sample book, fewer rounds, 100 streams, 3 s of load.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadBenchCorpus } from './lib/corpus.ts';
import { type Row, renderTable } from './lib/table.ts';
import { benchColdStart } from './sections/cold-start.ts';
import { benchConcurrency } from './sections/concurrency.ts';
import { benchIngest } from './sections/ingest.ts';
import { benchSearch } from './sections/search.ts';
import { benchTtft } from './sections/ttft.ts';

const { values } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, docs: { type: 'string' } },
});
const smoke = values.smoke;
const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = await loadBenchCorpus(
  values.docs ?? (smoke ? path.join(repoRoot, 'examples/docusaurus/docs') : undefined),
);
const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
console.log(
  `corpus: ${corpus.name}, ${(corpus.bytes / 1e6).toFixed(2)} MB, ${corpus.queries.length} queries`,
);
console.log(`machine: ${machine}${smoke ? ' (smoke run: reduced sizes)' : ''}`);

const rounds = smoke ? 2 : 5;
const search1 = await benchSearch(corpus, 1, rounds);
const search10 = smoke ? null : await benchSearch(corpus, 10, 2);
const ingest = await benchIngest(corpus, smoke ? 1 : 3);
const load = await benchConcurrency(
  path.join(repoRoot, 'examples/docusaurus/docs'),
  smoke ? 100 : 1000,
  smoke ? 3 : 30,
);
const ttft = await benchTtft(corpus.docsDir, corpus.queries.slice(0, smoke ? 10 : 60));
const cold = await benchColdStart(corpus.docsDir, smoke ? 2 : 5);

const ms = (value: number) => `${value.toFixed(2)} ms`;
const rows: Row[] = [
  {
    measure: '`/search` p50 in-process, 1×',
    ours: ms(search1.ours.p50),
    reference: `MiniSearch ${ms(search1.minisearch.p50)}; LangChain BM25 ${ms(search1.langchain?.p50 ?? 0)}`,
    target: '≤ 2 ms',
    met: search1.ours.p50 <= 2,
  },
  ...(search10
    ? [
        {
          measure: `\`/search\` p50 in-process, 10× (${search10.chunks} chunks)`,
          ours: ms(search10.ours.p50),
          reference: `MiniSearch ${ms(search10.minisearch.p50)}`,
          target: '≤ 10 ms',
          met: search10.ours.p50 <= 10,
        },
        {
          measure: '`/search` p50 over HTTP, 10×',
          ours: ms(search10.oursHttp.p50),
          reference: `MiniSearch in-process ${ms(search10.minisearch.p50)}`,
          target: '—',
          met: null,
        },
      ]
    : []),
  {
    measure: '`/search` p50 over HTTP, 1×',
    ours: ms(search1.oursHttp.p50),
    reference: `MiniSearch in-process ${ms(search1.minisearch.p50)}`,
    target: '≤ MiniSearch in-process',
    met: search1.oursHttp.p50 <= search1.minisearch.p50,
  },
  {
    measure: 'ingest, whole pipeline in-process',
    ours: `${ingest.mbPerSecond.wholeInProcess.toFixed(1)} MB/s`,
    reference: `LangChain.js Markdown splitter ${ingest.mbPerSecond.splitter.toFixed(1)} MB/s`,
    target: '≥ 0.25× splitter',
    met: ingest.mbPerSecond.wholeInProcess >= 0.25 * ingest.mbPerSecond.splitter,
  },
  {
    measure: 'ingest through `POST /embed` (batches of 50)',
    ours: `${ingest.mbPerSecond.wholeHttp.toFixed(1)} MB/s`,
    reference: `splitter ${ingest.mbPerSecond.splitter.toFixed(1)} MB/s`,
    target: '≥ 0.25× splitter',
    met: ingest.mbPerSecond.wholeHttp >= 0.25 * ingest.mbPerSecond.splitter,
  },
  {
    measure: 'ingest stages: parse + chunk / index',
    ours: `${ingest.mbPerSecond.parseChunk.toFixed(1)} / ${ingest.mbPerSecond.index.toFixed(1)} MB/s`,
    reference: `splitter ${ingest.mbPerSecond.splitter.toFixed(1)} MB/s`,
    target: '—',
    met: null,
  },
  {
    measure: 're-ingest of the unchanged corpus (with embedder)',
    ours: `${ms(ingest.reingestMs)}, ${ingest.reingestEmbeddingCalls} embedding calls`,
    reference: `first ingest embedded ${ingest.firstEmbeddedChunks} chunks`,
    target: '< 1 s, 0 calls',
    met: ingest.reingestMs < 1000 && ingest.reingestEmbeddingCalls === 0,
  },
  {
    measure: "time to first token − the upstream's own delay (model path)",
    ours: `p50 ${ms(ttft.ttftMinusUpstream.p50)}, p95 ${ms(ttft.ttftMinusUpstream.p95)}`,
    reference: `upstream alone (floor) p50 ${ms(ttft.directFromUpstream.p50)}; embedding awaited first p50 ${ms(ttft.embeddingAwaitedFirst.p50)}`,
    target: '≤ 5 ms p50',
    met: ttft.ttftMinusUpstream.p50 <= 5,
  },
  {
    measure: `gap between tokens (upstream ${ttft.upstream.tokenGapMs} ms)`,
    ours: `p50 ${ms(ttft.tokenGap.p50)}, p95 ${ms(ttft.tokenGap.p95)}`,
    reference: `${ttft.questions} questions`,
    target: '≈ upstream (not buffered)',
    met: Math.abs(ttft.tokenGap.p50 - ttft.upstream.tokenGapMs) < ttft.upstream.tokenGapMs / 2,
  },
  {
    measure: `${load.streams} concurrent SSE answers (slow upstream)`,
    ours: `${load.ok} ok, ${load.errors} errors, peak RSS ${load.serverMaxRssMb.toFixed(0)} MB (JS heap ${load.serverPeakHeapMb.toFixed(0)} MB), event-loop p99 ${ms(load.eventLoopP99Ms)}`,
    reference: `all done in ${(load.wallMs / 1000).toFixed(1)} s`,
    target: '0 errors, RSS < 300 MB',
    met: load.errors === 0 && load.serverMaxRssMb < 300,
  },
  {
    measure: `\`/search\` at ${load.search.rate} req/s for ${load.search.seconds} s (autocannon)`,
    ours: `p50 ${load.search.p50} ms, p99 ${load.search.p99} ms, ${load.search.non2xx} non-2xx of ${load.search.requests}`,
    reference: `server event-loop p99 ${ms(load.searchEventLoopP99Ms)}`,
    target: 'p99 reported, 0 non-2xx',
    met: load.search.non2xx === 0,
  },
  {
    measure: 'cold start to healthy, corpus already indexed',
    ours: `p50 ${ms(cold.p50)}`,
    reference: `max of ${cold.n}: ${ms(cold.p99)}`,
    target: '< 500 ms',
    met: cold.p50 < 500,
  },
];

console.log(`\n${renderTable(rows)}`);
const resultsDir = path.join(repoRoot, 'bench/results');
await mkdir(resultsDir, { recursive: true });
const file = path.join(resultsDir, smoke ? 'smoke.json' : 'latest.json');
await writeFile(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), machine, corpus: corpus.name, smoke, rows, search1, search10, ingest, ttft, load, cold }, null, 2)}\n`,
);
console.log(`\nwritten to ${path.relative(repoRoot, file)}`);
