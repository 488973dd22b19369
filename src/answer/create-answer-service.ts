import type { Logger } from 'pino';
import type { AnswerEvent, ChatMessage, CitedSource, FinishReason, Usage } from '../domain/answer-events.ts';
import type { AnswerService, ChatRequest, SelectionRequest } from '../domain/answer-service.ts';
import { NO_CONTEXT_ANSWER, textPieces } from '../domain/answer-text.ts';
import type { Generator } from '../domain/generator.ts';
import type { SearchService } from '../domain/search-service.ts';
import type { ChunkStore } from '../domain/store.ts';
import { citeHits } from './cite-sources.ts';
import { capHistory } from './history.ts';
import { selectionQuery, selectionSource, withPageSource } from './selection-source.ts';

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
    yield { type: 'sources', sources: input.sources };
    let text = '';
    let finishReason: FinishReason = 'stop';
    let usage: Usage | null = null;
    if (input.sources.length === 0) {
      // Nothing retrieved: say so without spending a model call.
      for (const piece of textPieces(NO_CONTEXT_ANSWER)) {
        if (signal.aborted) return;
        text += piece;
        yield { type: 'text-delta', text: piece };
      }
      finishReason = 'no_context';
    } else {
      for await (const part of generator.generate({ ...input, signal })) {
        if (signal.aborted) return;
        if (part.type === 'text-delta') {
          text += part.text;
          yield part;
        } else {
          finishReason = part.finishReason;
          usage = part.usage;
        }
      }
    }
    if (signal.aborted) return;
    deps.logger?.debug(
      { sources: input.sources.length, finishReason, chars: text.length },
      'answer finished',
    );
    yield { type: 'finish', answer: text, finishReason, mode: generator.mode, usage };
  }

  return {
    async *chat(request: ChatRequest, signal: AbortSignal) {
      const last = request.messages.at(-1);
      const question = last?.content ?? '';
      const history = cap(request.messages.slice(0, -1));
      const query =
        history.length > 0 ? await generator.standaloneQuery(history, question, signal) : question;
      if (signal.aborted) return;
      deps.logger?.debug({ rewritten: query !== question, topK: request.topK }, 'chat retrieval');
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
