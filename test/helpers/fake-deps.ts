/**
 * Small in-memory stand-ins for our own service interfaces, so HTTP tests exercise the edge
 * (validation, framing, errors) without a store or a model. Not doubles of remote services.
 */
import pino from 'pino';
import type { AppDeps } from '../../src/app-deps.ts';
import { loadConfig } from '../../src/config.ts';
import type { AnswerEvent, CitedSource } from '../../src/domain/answer-events.ts';
import type { AnswerService, ChatRequest, SelectionRequest } from '../../src/domain/answer-service.ts';
import type { DocumentInput } from '../../src/domain/document.ts';
import type { Generator } from '../../src/domain/generator.ts';
import type { IngestService, IngestSummary } from '../../src/domain/ingest-service.ts';
import type { SearchRequest, SearchService } from '../../src/domain/search-service.ts';
import type { ChunkStore, DocumentRecord, SearchHit } from '../../src/domain/store.ts';
import { SqliteFeedbackStore } from '../../src/stores/feedback/sqlite-feedback-store.ts';
import { NO_RATE_LIMITS } from './no-rate-limits.ts';

/** A cited source with sensible defaults. */
export const citedSource = (n: number, overrides: Partial<CitedSource> = {}): CitedSource => ({
  n,
  id: `chunk-${n}`,
  source: `docs/page-${n}.md`,
  title: `Page ${n}`,
  heading: `Page ${n} > Section`,
  url: `https://book.example/docs/page-${n}#section`,
  text: `Passage number ${n} explains the topic.`,
  score: 1 / n,
  ...overrides,
});

/** A scripted answer: sources, the given tokens, then finish. */
export async function* scriptedAnswer(
  tokens: string[] = ['Bodies are ', 'parsed [1].'],
  sources: CitedSource[] = [citedSource(1)],
): AsyncGenerator<AnswerEvent> {
  yield { type: 'sources', sources };
  for (const text of tokens) yield { type: 'text-delta', text };
  yield {
    type: 'finish',
    answer: tokens.join(''),
    finishReason: 'stop',
    mode: 'extractive',
    usage: null,
    citations: [1],
  };
}

type Producer<R> = (request: R, signal: AbortSignal) => AsyncIterable<AnswerEvent>;

/** Records what the answer service was asked; the producers can be swapped per test. */
export class FakeAnswers implements AnswerService {
  chatProducer: Producer<ChatRequest> = () => scriptedAnswer();
  selectionProducer: Producer<SelectionRequest> = () => scriptedAnswer();
  readonly chatRequests: ChatRequest[] = [];
  readonly selectionRequests: SelectionRequest[] = [];
  readonly signals: AbortSignal[] = [];

  chat(request: ChatRequest, signal: AbortSignal): AsyncIterable<AnswerEvent> {
    this.chatRequests.push(request);
    this.signals.push(signal);
    return this.chatProducer(request, signal);
  }

  selection(request: SelectionRequest, signal: AbortSignal): AsyncIterable<AnswerEvent> {
    this.selectionRequests.push(request);
    this.signals.push(signal);
    return this.selectionProducer(request, signal);
  }
}

/** Records ingest calls and answers with a fixed summary. */
export class FakeIngest implements IngestService {
  readonly documentCalls: DocumentInput[][] = [];
  readonly pathCalls: { path: string; prune: boolean }[] = [];
  summary: IngestSummary = { documents: 1, chunks: 3, unchanged: 0, deleted: 0, embedded: 3, took_ms: 5 };

  async ingestDocuments(inputs: DocumentInput[]): Promise<IngestSummary> {
    this.documentCalls.push(inputs);
    return this.summary;
  }

  async ingestPath(path: string, options: { prune: boolean }): Promise<IngestSummary> {
    this.pathCalls.push({ path, prune: options.prune });
    return this.summary;
  }
}

/** Returns preset hits and records requests. */
export class FakeSearch implements SearchService {
  hits: SearchHit[] = [];
  readonly requests: SearchRequest[] = [];

  async search(request: SearchRequest): Promise<SearchHit[]> {
    this.requests.push(request);
    return this.hits;
  }
}

const unused = (name: string) => async (): Promise<never> => {
  throw new Error(`${name} is not used by the HTTP layer`);
};

/** A store holding document records only; `pingError` makes ping (and stats) fail. */
export function fakeStore(documents: DocumentRecord[] = []): ChunkStore & { pingError: Error | null } {
  const store = {
    kind: 'embedded' as const,
    pingError: null as Error | null,
    init: async () => {},
    documentHash: unused('documentHash'),
    listDocuments: async (prefix?: string) => documents.filter((doc) => doc.source.startsWith(prefix ?? '')),
    sourceForUrl: unused('sourceForUrl'),
    replaceDocument: unused('replaceDocument'),
    deleteDocument: async (source: string) => {
      const index = documents.findIndex((doc) => doc.source === source);
      if (index >= 0) documents.splice(index, 1);
      return index >= 0;
    },
    search: unused('search'),
    chunksOf: unused('chunksOf'),
    stats: async () => {
      if (store.pingError) throw store.pingError;
      return { documents: documents.length, chunks: documents.reduce((sum, doc) => sum + doc.chunks, 0) };
    },
    indexInfo: async () => null,
    setIndexInfo: async () => {},
    ping: async () => {
      if (store.pingError) throw store.pingError;
    },
    close: async () => {},
  };
  return store;
}

/** An extractive-mode generator whose ping can be made to fail or hang. */
export function fakeGenerator(): Generator & { ping: Generator['ping'] } {
  return {
    mode: 'extractive',
    generate: () => {
      throw new Error('generate is not used by the HTTP layer');
    },
    standaloneQuery: async (_history, question) => question,
    ping: async () => {},
  };
}

/** Fake dependencies plus handles on the fakes. `env` feeds loadConfig (e.g. ADMIN_TOKEN). */
export function fakeDeps(env: Record<string, string> = {}) {
  const answers = new FakeAnswers();
  const ingest = new FakeIngest();
  const search = new FakeSearch();
  const store = fakeStore([
    {
      source: 'docs/intro.md',
      title: 'Intro',
      url: null,
      chunks: 2,
      hash: 'abc',
      updated_at: '2026-01-01T00:00:00Z',
      origin: 'docs',
    },
  ]);
  const generator = fakeGenerator();
  // The real feedback adapter, in memory: it is ours and small, not a remote service to fake.
  const feedback = new SqliteFeedbackStore(':memory:');
  void feedback.init();
  const deps: AppDeps = {
    config: loadConfig({ LOG_LEVEL: 'silent', ...NO_RATE_LIMITS, ...env }),
    logger: pino({ level: 'silent' }),
    version: '0.0.0-test',
    store,
    embedder: null,
    generator,
    ingest,
    search,
    answers,
    feedback,
    links: null,
  };
  return { deps, answers, ingest, search, store, generator, feedback };
}
