import type { Embedder } from '../domain/embedder.ts';
import { estimateTokens } from '../domain/token-estimate.ts';
import { budgetExhausted, type TokenBudget } from './token-budget.ts';

/**
 * An embedder for readers' queries that counts them against the daily budget and refuses when
 * they would not fit in what is left; search then falls back to keywords. Tokens are estimated
 * from the texts (the Embedder port returns vectors only); ingest uses the embedder directly and
 * is not counted.
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
      const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
      const limit = budget.dailyLimit;
      if (limit > 0 && (await budget.usedToday()) + tokens > limit) throw budgetExhausted();
      const vectors = await inner.embed(texts, signal);
      await budget.spend(tokens).catch(onSpendError);
      return vectors;
    },
    ping: (signal) => inner.ping(signal),
  };
}
