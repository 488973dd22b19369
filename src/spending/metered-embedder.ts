import type { Embedder } from '../domain/embedder.ts';
import { estimateTokens } from '../domain/token-estimate.ts';
import { budgetExhausted, isExhausted, type TokenBudget } from './token-budget.ts';

/**
 * An embedder for readers' queries that counts them against the daily budget and refuses once
 * it is exhausted; search then falls back to keywords. Tokens are estimated from the texts (the
 * Embedder port returns vectors only); ingest uses the embedder directly and is not counted.
 */
export function meterEmbedder(
  inner: Embedder,
  budget: TokenBudget,
  onSpendError: (error: unknown) => void,
): Embedder {
  return {
    model: inner.model,
    dimension: (signal) => inner.dimension(signal),
    async embed(texts, signal) {
      if (await isExhausted(budget)) throw budgetExhausted();
      const vectors = await inner.embed(texts, signal);
      const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
      await budget.spend(tokens).catch(onSpendError);
      return vectors;
    },
    ping: (signal) => inner.ping(signal),
  };
}
