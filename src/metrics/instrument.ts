import type { Histogram } from 'prom-client';
import type { AnswerEvent } from '../domain/answer-events.ts';
import type { AnswerService } from '../domain/answer-service.ts';
import type { Embedder } from '../domain/embedder.ts';
import type { GenerationPart, Generator } from '../domain/generator.ts';
import type { SearchService } from '../domain/search-service.ts';
import type { ChunkStore } from '../domain/store.ts';
import type { Metrics } from './metrics.ts';

type Labels = Record<string, string>;

/** Runs `call`, observing its duration with `outcome` ok/error added to `labels`. */
async function timed<T>(histogram: Histogram<string>, labels: Labels, call: () => Promise<T>): Promise<T> {
  const stop = histogram.startTimer(labels);
  try {
    const result = await call();
    stop({ outcome: 'ok' });
    return result;
  } catch (error) {
    stop({ outcome: 'error' });
    throw error;
  }
}

/** An iterable whose whole iteration (first part to last, or failure) is observed. */
async function* timedIteration<T>(histogram: Histogram<string>, labels: Labels, parts: AsyncIterable<T>) {
  const stop = histogram.startTimer(labels);
  let outcome = 'error';
  try {
    yield* parts;
    outcome = 'ok';
  } finally {
    stop({ outcome });
  }
}

/**
 * A view of `target` whose named methods go through `wrap`; every other member passes through
 * bound to the target (the adapters are classes, so a spread would lose their methods, and
 * members added to a port later keep working).
 */
function wrapMethods<T extends object>(
  target: T,
  methods: readonly (keyof T & string)[],
  wrap: (operation: string, call: () => unknown) => unknown,
): T {
  const names = new Set<string | symbol>(methods);
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      if (!names.has(property)) return value.bind(object);
      return (...args: unknown[]) => wrap(String(property), () => value.apply(object, args));
    },
  });
}

/** Times every embedding call (an OpenAI or compatible server: always upstream). */
export const instrumentEmbedder = (embedder: Embedder, metrics: Metrics): Embedder =>
  wrapMethods(embedder, ['embed'], (operation, call) =>
    timed(metrics.upstreamDuration, { upstream: 'openai', operation }, call as () => Promise<unknown>),
  );

/** Times OpenAI generations (whole stream) and query rewrites; the extractive answerer is local. */
export const instrumentGenerator = (generator: Generator, metrics: Metrics): Generator =>
  generator.mode !== 'openai'
    ? generator
    : wrapMethods(generator, ['generate', 'standaloneQuery'], (operation, call) => {
        const labels = { upstream: 'openai', operation: operation === 'generate' ? 'generate' : 'rewrite' };
        return operation === 'generate'
          ? timedIteration(metrics.upstreamDuration, labels, call() as AsyncIterable<GenerationPart>)
          : timed(metrics.upstreamDuration, labels, call as () => Promise<unknown>);
      });

/** Times Qdrant's searches and writes; the embedded SQLite store is in-process and not an upstream. */
export const instrumentStore = (store: ChunkStore, metrics: Metrics): ChunkStore =>
  store.kind !== 'qdrant'
    ? store
    : wrapMethods(store, ['search', 'replaceDocument', 'deleteDocument'], (operation, call) =>
        timed(metrics.upstreamDuration, { upstream: 'qdrant', operation }, call as () => Promise<unknown>),
      );

/** Times each retrieval, wherever it is asked for (search endpoint, answers). */
export const instrumentSearch = (search: SearchService, metrics: Metrics): SearchService =>
  wrapMethods(search, ['search'], async (_operation, call) => {
    const stop = metrics.retrievalDuration.startTimer();
    try {
      return await call();
    } finally {
      stop();
    }
  });

/** Counts the tokens each answer reports in its finish part, for every protocol that answers. */
export function countAnswerTokens(answers: AnswerService, metrics: Metrics): AnswerService {
  async function* counted(events: AsyncIterable<AnswerEvent>): AsyncGenerator<AnswerEvent> {
    for await (const event of events) {
      if (event.type === 'finish' && event.usage) {
        metrics.tokens.inc({ kind: 'prompt' }, event.usage.prompt_tokens);
        metrics.tokens.inc({ kind: 'completion' }, event.usage.completion_tokens);
      }
      yield event;
    }
  }
  return wrapMethods(answers, ['chat', 'selection'], (_operation, call) =>
    counted(call() as AsyncIterable<AnswerEvent>),
  );
}
