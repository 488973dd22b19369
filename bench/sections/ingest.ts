/**
 * Ingest throughput (MB/s of Markdown) per stage — parse+chunk, index (store writes), the whole
 * pipeline in-process and over HTTP (`POST /embed`, batches of 50) — against the LangChain.js
 * Markdown splitter alone; and the unchanged re-ingest with an embedder: time and embedding calls.
 */
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { prepareDocument } from '../../src/ingest/prepare-document.ts';
import { startOpenAITestServer } from '../../test/helpers/openai-test-server.ts';
import type { BenchCorpus } from '../lib/corpus.ts';
import { postJson, startBenchService } from '../lib/service.ts';

export interface IngestFigures {
  /** MB/s by stage; `splitter` is the reference. */
  mbPerSecond: {
    splitter: number;
    parseChunk: number;
    index: number;
    wholeInProcess: number;
    wholeHttp: number;
  };
  reingestMs: number;
  reingestEmbeddingCalls: number;
  firstEmbeddedChunks: number;
}

const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

async function bestOf(times: number, run: () => Promise<unknown> | unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export async function benchIngest(corpus: BenchCorpus, repeats: number): Promise<IngestFigures> {
  const { documents, bytes } = corpus;
  const splitter = RecursiveCharacterTextSplitter.fromLanguage('markdown', {
    chunkSize: 1000,
    chunkOverlap: 200,
  });
  const splitterMs = await bestOf(repeats, () =>
    Promise.all(documents.map((doc) => splitter.splitText(doc.text))),
  );
  const parseChunkMs = await bestOf(repeats, () => documents.map((doc) => prepareDocument(doc)));
  const prepared = documents.map((doc) => ({ ...prepareDocument(doc), origin: 'api' as const }));

  let indexMs = Number.POSITIVE_INFINITY;
  let wholeMs = Number.POSITIVE_INFINITY;
  let httpMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i += 1) {
    const forIndex = await startBenchService(corpus.docsDir);
    indexMs = Math.min(
      indexMs,
      await bestOf(1, async () => {
        for (const doc of prepared) await forIndex.deps.store.replaceDocument(doc, null);
      }),
    );
    await forIndex.close();
    const whole = await startBenchService(corpus.docsDir);
    wholeMs = Math.min(wholeMs, await bestOf(1, () => whole.deps.ingest.ingestDocuments(documents)));
    await whole.close();
    const overHttp = await startBenchService(corpus.docsDir);
    httpMs = Math.min(
      httpMs,
      await bestOf(1, async () => {
        for (let start = 0; start < documents.length; start += 50) {
          await postJson(`${overHttp.url}/embed`, { documents: documents.slice(start, start + 50) });
        }
      }),
    );
    await overHttp.close();
  }

  const upstream = await startOpenAITestServer();
  const withEmbedder = await startBenchService(corpus.docsDir, {
    OPENAI_API_KEY: 'bench-key',
    OPENAI_BASE_URL: upstream.baseURL,
  });
  try {
    const first = await withEmbedder.deps.ingest.ingestPath('.', { prune: false });
    upstream.reset();
    const started = performance.now();
    await postJson(`${withEmbedder.url}/embed`, { path: '.' });
    const reingestMs = performance.now() - started;
    return {
      mbPerSecond: {
        splitter: mbps(bytes, splitterMs),
        parseChunk: mbps(bytes, parseChunkMs),
        index: mbps(bytes, indexMs),
        wholeInProcess: mbps(bytes, wholeMs),
        wholeHttp: mbps(bytes, httpMs),
      },
      reingestMs,
      reingestEmbeddingCalls: upstream.requests.filter((r) => r.path === '/v1/embeddings').length,
      firstEmbeddedChunks: first.embedded,
    };
  } finally {
    await withEmbedder.close();
    await upstream.close();
  }
}
