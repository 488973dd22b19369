import type { Generator } from '../domain/generator.ts';
import { fitAnswerInput, fitQueryHistory, type PromptSize } from './prompt-fit.ts';

/**
 * A generator whose prompts never exceed the prompt budget: each request is cut down (see
 * fitAnswerInput) before it reaches `inner`, so a maximal request costs a known amount.
 */
export function fitPrompts(inner: Generator, size: PromptSize): Generator {
  return {
    mode: inner.mode,
    generate: (request) => inner.generate(fitAnswerInput(request, size)),
    standaloneQuery: (history, question, signal) =>
      inner.standaloneQuery(fitQueryHistory(history, question, size), question, signal),
    ping: (signal) => inner.ping(signal),
  };
}
