/**
 * Tiny in-test stand-ins for our own interfaces (search, store, generator) used by the answer
 * service tests. They record what they were asked so tests can check calls.
 */
import type { AnswerEvent, ChatMessage } from '../../../src/domain/answer-events.ts';
import type { GenerationPart, GenerationRequest, Generator } from '../../../src/domain/generator.ts';
import { pageUrlKey } from '../../../src/domain/page-url.ts';
import type { SearchRequest, SearchService } from '../../../src/domain/search-service.ts';
import type { ChunkStore, SearchHit, StoredChunk } from '../../../src/domain/store.ts';

/** A stored chunk with defaults derived from `id`. */
export const chunk = (id: string, overrides: Partial<StoredChunk> = {}): StoredChunk => ({
  id,
  index: 0,
  source: `docs/${id}.md`,
  title: `Title ${id}`,
  heading: `Heading ${id}`,
  anchor: 'heading',
  url: `https://book.example/docs/${id}#heading`,
  text: `Text of ${id}.`,
  hash: `hash-${id}`,
  ...overrides,
});

export const hit = (id: string, score = 1, overrides: Partial<StoredChunk> = {}): SearchHit => ({
  chunk: chunk(id, overrides),
  score,
});

/** Search that answers from a function of the request and records every request. */
export class RecordingSearch implements SearchService {
  readonly requests: SearchRequest[] = [];
  private readonly answer: (request: SearchRequest) => SearchHit[];

  constructor(answer: (request: SearchRequest) => SearchHit[] = () => []) {
    this.answer = answer;
  }

  async search(request: SearchRequest): Promise<SearchHit[]> {
    this.requests.push(request);
    return this.answer(request);
  }
}

const unused = (): never => {
  throw new Error('not used by the answer service');
};

/** A store that only knows the chunks of some pages (chunksOf, sourceForUrl); everything else throws. */
export function pagesStore(pages: Record<string, StoredChunk[]> = {}): ChunkStore {
  return {
    kind: 'embedded',
    init: unused,
    documentHash: unused,
    listDocuments: unused,
    sourceForUrl: async (url) =>
      Object.keys(pages).find((source) =>
        pages[source]?.some((chunk) => chunk.url !== null && pageUrlKey(chunk.url) === pageUrlKey(url)),
      ) ?? null,
    replaceDocument: unused,
    deleteDocument: unused,
    search: unused,
    chunksOf: async (source) => pages[source] ?? [],
    stats: unused,
    indexInfo: unused,
    setIndexInfo: unused,
    ping: async () => {},
    close: async () => {},
  };
}

/** A generator that streams scripted parts and records its calls. */
export class ScriptedGenerator implements Generator {
  readonly mode = 'openai' as const;
  readonly requests: GenerationRequest[] = [];
  readonly rewrites: Array<{ history: ChatMessage[]; question: string }> = [];
  /** Set when the consumer stopped iterating before the end. */
  returnedEarly = false;
  parts: GenerationPart[] = [
    { type: 'text-delta', text: 'Answer ' },
    { type: 'text-delta', text: 'text [1].' },
    {
      type: 'finish',
      finishReason: 'stop',
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    },
  ];
  rewrite: (history: ChatMessage[], question: string) => string = (_history, question) => question;

  async *generate(request: GenerationRequest): AsyncIterable<GenerationPart> {
    this.requests.push(request);
    let finished = false;
    try {
      for (const part of this.parts) yield part;
      finished = true;
    } finally {
      if (!finished) this.returnedEarly = true;
    }
  }

  async standaloneQuery(history: ChatMessage[], question: string): Promise<string> {
    this.rewrites.push({ history, question });
    return this.rewrite(history, question);
  }

  async ping(): Promise<void> {}
}

/** All events of a stream. */
export async function collect(stream: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const events: AnswerEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

export const never = (): AbortSignal => new AbortController().signal;
