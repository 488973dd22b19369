import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Embedder } from './domain/embedder.ts';
import type { Generator } from './domain/generator.ts';
import { cachedPing } from './spending/cached-ping.ts';
import { fitPrompts } from './spending/fitted-generator.ts';
import { meterEmbedder } from './spending/metered-embedder.ts';
import { meterGenerator } from './spending/metered-generator.ts';
import type { PromptTokens } from './spending/prompt-fit.ts';
import { redisTokenBudget } from './spending/redis-token-budget.ts';
import { memoryTokenBudget, type TokenBudget } from './spending/token-budget.ts';

/** Prefix of every key this service writes to Redis. */
const REDIS_PREFIX = 'docs-chat:';

/** /health reaches OpenAI at most once a minute while it answers, every 10 s while it does not. */
const PING_CACHE = { okTtlMs: 60_000, failTtlMs: 10_000, timeoutMs: 10_000 };

/** Connects to REDIS_URL, failing start-up with a clear message when it cannot. */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  // Loaded only when configured, like the OpenAI and Qdrant SDKs.
  const { Redis } = await import('ioredis');
  // No offline queue: while Redis is down, commands fail at once (rate limits are then skipped,
  // answers refused) instead of holding requests until it is back.
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on('error', (error: unknown) => logger.warn({ err: error }, 'redis connection error'));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot connect to REDIS_URL: ${error instanceof Error ? error.message : error}`);
  }
  return redis;
}

/** The paid parts as readers reach them, and the budget they count against. */
export interface GuardedSpending {
  /** Answers: prompts fitted to MAX_PROMPT_TOKENS, tokens counted, health pings cached. */
  generator: Generator;
  /** Query embeddings: counted, refused once the budget is spent, health pings cached. */
  queryEmbedder: Embedder | null;
  /** Absent when nothing is paid for (extractive answers, no embedder). */
  budget: TokenBudget | undefined;
}

/**
 * Wraps the OpenAI generator and embedder so that readers cannot spend beyond MAX_PROMPT_TOKENS
 * per prompt and DAILY_TOKEN_BUDGET per UTC day (shared through Redis when configured), and
 * /health does not call OpenAI on every request. Ingest keeps the unwrapped embedder: it is
 * an admin action, not something a reader can trigger.
 */
export function guardSpending(parts: {
  config: Config;
  generator: Generator;
  embedder: Embedder | null;
  /** Measures the paid generator's prompts; absent when nothing is paid for. */
  promptTokens: PromptTokens | undefined;
  redis: Redis | undefined;
  logger: Logger;
}): GuardedSpending {
  const { config, generator, embedder, promptTokens, redis, logger } = parts;
  if (!promptTokens) return { generator, queryEmbedder: embedder, budget: undefined };
  const budget = redis
    ? redisTokenBudget(redis, config.DAILY_TOKEN_BUDGET, { keyPrefix: REDIS_PREFIX })
    : memoryTokenBudget(config.DAILY_TOKEN_BUDGET);
  const onSpendError = (error: unknown) => logger.error({ err: error }, 'could not count spent tokens');
  const size = { maxTokens: config.MAX_PROMPT_TOKENS, ...promptTokens };
  const paidGenerator = fitPrompts(
    meterGenerator(generator, { budget, estimate: promptTokens, onSpendError }),
    size,
  );
  const queryEmbedder = embedder && meterEmbedder(embedder, budget, onSpendError);
  return {
    generator: { ...paidGenerator, ping: cachedPing((signal) => paidGenerator.ping(signal), PING_CACHE) },
    queryEmbedder: queryEmbedder && {
      ...queryEmbedder,
      ping: cachedPing((signal) => queryEmbedder.ping(signal), PING_CACHE),
    },
    budget,
  };
}
