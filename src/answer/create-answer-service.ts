import type { Logger } from 'pino';
import type { AnswerEvent, ChatMessage, CitedSource, FinishReason, Usage } from '../domain/answer-events.ts';
import type { AnswerService, ChatRequest, SelectionRequest } from '../domain/answer-service.ts';
import { NO_CONTEXT_ANSWER, textPieces } from '../domain/answer-text.ts';
import { CitationFilter } from '../domain/citation-markers.ts';
import type { GenerationPart, Generator } from '../domain/generator.ts';
import type { SearchService } from '../domain/search-service.ts';
import type { ChunkStore } from '../domain/store.ts';
import { citeHits } from './cite-sources.ts';
import { capHistory } from './history.ts';
import { selectionQuery, selectionSource, withPageSource } from './selection-source.ts';
import { startedNow } from './started-now.ts';

/** What the answer service is built from. */
export interface AnswerServiceDeps {
  search: SearchService;
  /** Used for selection titles and links (chunksOf). */
  store: ChunkStore;
  generator: Generator;
  /** Most earlier messages passed on as history (newest kept). */
  maxHistoryTurns: number;
  /** Most characters of history passed on (newest kept). */
  maxHistoryChars: number;
  logger?: Pick<Logger, 'debug'> | undefined;
}

/** What one answer is generated from, once sources are known. */
interface AnswerInput {
  question: string;
  history: ChatMessage[];
  sources: CitedSource[];
  selection?: { text: string; context?: string | undefined } | undefined;
}

/**
 * Builds the answer service: it retrieves and numbers sources, emits them first, streams the
 * generator's text, and ends with exactly one `finish`. Nothing is emitted after `signal` aborts;
 * errors of search and generator propagate to the caller (the HTTP edge maps them).
 */
export function createAnswerService(deps: AnswerServiceDeps): AnswerService {
  const { search, store, generator } = deps;
  const cap = (messages: ChatMessage[]) => capHistory(messages, deps.maxHistoryTurns, deps.maxHistoryChars);

  async function* answer(input: AnswerInput, signal: AbortSignal): AsyncIterable<AnswerEvent> {
    if (signal.aborted) return;
    // The model stream opens before the sources go out: nothing else stands before the first token.
    const parts = input.sources.length > 0 ? startedNow(generator.generate({ ...input, signal })) : null;
    try {
      yield { type: 'sources', sources: input.sources };
      yield* answerText(input, parts, signal);
    } finally {
      parts?.close();
    }
  }

  async function* answerText(
    input: AnswerInput,
    parts: AsyncIterable<GenerationPart> | null,
    signal: AbortSignal,
  ): AsyncIterable<AnswerEvent> {
    let text = '';
    let finishReason: FinishReason = 'stop';
    let usage: Usage | null = null;
    let citations: number[] = [];
    if (parts === null) {
      // Nothing retrieved: say so without spending a model call.
      for (const piece of textPieces(NO_CONTEXT_ANSWER)) {
        if (signal.aborted) return;
        text += piece;
        yield { type: 'text-delta', text: piece };
      }
      finishReason = 'no_context';
    } else {
      // Markers of sources the reader was not sent are dropped before they reach the wire.
      const filter = new CitationFilter(input.sources.map((source) => source.n));
      for await (const part of parts) {
        if (signal.aborted) return;
        if (part.type === 'text-delta') {
          const kept = filter.push(part.text);
          text += kept;
          if (kept !== '') yield { type: 'text-delta', text: kept };
        } else {
          finishReason = part.finishReason;
          usage = part.usage;
        }
      }
      const rest = filter.flush();
      if (rest !== '' && !signal.aborted) {
        text += rest;
        yield { type: 'text-delta', text: rest };
      }
      citations = filter.cited;
    }
    if (signal.aborted) return;
    deps.logger?.debug(
      { sources: input.sources.length, finishReason, chars: text.length },
      'answer finished',
    );
    yield { type: 'finish', answer: text, finishReason, mode: generator.mode, usage, citations };
  }

  return {
    async *chat(request: ChatRequest, signal: AbortSignal) {
      const last = request.messages.at(-1);
      const question = last?.content ?? '';
      const history = cap(request.messages.slice(0, -1));
      const query =
        history.length > 0 ? await generator.standaloneQuery(history, question, signal) : question;
      if (signal.aborted) return;
      if (history.length > 0) {
        deps.logger?.debug(
          { reqId: request.requestId, question, query },
          'follow-up rewritten for retrieval',
        );
      }
      const hits = await search.search({ query, topK: request.topK }, signal);
      yield* answer({ question, history, sources: citeHits(hits) }, signal);
    },

    async *selection(asked: SelectionRequest, signal: AbortSignal) {
      const request = await withPageSource(asked, store, signal);
      const first = await selectionSource(request, store, signal);
      const sources = [first];
      if (!request.strict) {
        const query = selectionQuery(request.question, request.selectedText);
        const [samePage, book] = await Promise.all([
          request.source
            ? search.search({ query, topK: request.topK, sources: [request.source] }, signal)
            : Promise.resolve([]),
          search.search({ query, topK: request.topK }, signal),
        ]);
        const seen = new Set<string>();
        const hits = [...samePage, ...book].filter(
          (hit) => !seen.has(hit.chunk.id) && seen.add(hit.chunk.id),
        );
        sources.push(...citeHits(hits.slice(0, request.topK), 2));
      }
      const selection = { text: request.selectedText, context: request.surroundingContext };
      yield* answer(
        { question: request.question, history: cap(request.messages), sources, selection },
        signal,
      );
    },
  };
}
