import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import { nextUtcMidnight, type TokenBudget, utcDay } from './token-budget.ts';

/** Where a Redis budget keeps its counters and how it tells the time. */
export interface RedisTokenBudgetOptions {
  /** Prefix of the per-day keys (`<prefix>budget:2026-11-30`). */
  keyPrefix: string;
  /** Clock; tests move it across midnight. */
  now?: () => Date;
}

/** Redis being down must not look like "budget left": answers fail closed with a 503. */
const unreachable = (cause: unknown): AppError =>
  new AppError('upstream_unavailable', 'The token budget store (Redis) is unreachable', { cause });

/**
 * A budget shared by every replica using the same Redis: one counter per UTC day, raised with
 * INCRBY and set to expire at the next UTC midnight in the same MULTI, so a crash between the
 * two cannot leave a counter that never expires.
 */
export function redisTokenBudget(
  redis: Redis,
  dailyLimit: number,
  { keyPrefix, now = () => new Date() }: RedisTokenBudgetOptions,
): TokenBudget {
  const key = (at: Date) => `${keyPrefix}budget:${utcDay(at)}`;
  return {
    dailyLimit,
    async spend(tokens) {
      const at = now();
      const results = await redis
        .multi()
        .incrby(key(at), tokens)
        .pexpireat(key(at), nextUtcMidnight(at))
        .exec()
        .catch((error: unknown) => {
          throw unreachable(error);
        });
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (!results || failed) throw unreachable(failed ?? new Error('transaction discarded'));
    },
    async usedToday() {
      const value = await redis.get(key(now())).catch((error: unknown) => {
        throw unreachable(error);
      });
      return value === null ? 0 : Number(value);
    },
  };
}
