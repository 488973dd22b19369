import type { GenerationPart, GenerationRequest, Generator } from '../domain/generator.ts';
import { estimateTokens } from '../domain/token-estimate.ts';
import type { PromptTokens } from './prompt-fit.ts';
import { budgetExhausted, isExhausted, type TokenBudget } from './token-budget.ts';

/** What a metered generator counts with. */
export interface GeneratorMeter {
  budget: TokenBudget;
  /** Estimated prompt tokens, for calls whose real usage is not reported. */
  estimate: PromptTokens;
  /** Told when counting fails (Redis down); the answer itself is not failed for it. */
  onSpendError(error: unknown): void;
}

/**
 * A generator that counts what it spends against the daily budget and refuses to start once it
 * is exhausted. Answers count the usage the model reports; when none is reported (a compatible
 * server without usage, or a stream cut short after it started) the prompt and the text
 * received are estimated, because the upstream bills them all the same.
 */
export function meterGenerator(inner: Generator, meter: GeneratorMeter): Generator {
  const { budget, estimate } = meter;
  const spend = (tokens: number) => budget.spend(tokens).catch(meter.onSpendError);

  async function* generate(request: GenerationRequest): AsyncGenerator<GenerationPart> {
    if (await isExhausted(budget)) throw budgetExhausted();
    let received = '';
    let counted = false;
    try {
      for await (const part of inner.generate(request)) {
        if (part.type === 'text-delta') received += part.text;
        else {
          counted = true;
          await spend(part.usage?.total_tokens ?? estimate.answer(request) + estimateTokens(received));
        }
        yield part;
      }
    } finally {
      // Cut short (client gone, upstream failed mid-stream): the prompt was processed anyway.
      if (!counted && (received !== '' || request.signal.aborted)) {
        await spend(estimate.answer(request) + estimateTokens(received));
      }
    }
  }

  return {
    mode: inner.mode,
    generate,
    async standaloneQuery(history, question, signal) {
      if (history.length === 0 || (await isExhausted(budget))) return question;
      const query = await inner.standaloneQuery(history, question, signal);
      await spend(estimate.query(history, question) + estimateTokens(query));
      return query;
    },
    ping: (signal) => inner.ping(signal),
  };
}
