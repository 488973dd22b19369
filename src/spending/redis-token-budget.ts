import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import {
  type Admission,
  HOLD_MS,
  nextUtcMidnight,
  type TokenBudget,
  unlimited,
  utcDay,
} from './token-budget.ts';

/** Where a Redis budget keeps its counters and how it tells the time. */
export interface RedisTokenBudgetOptions {
  /** Prefix of the keys (`<prefix>budget:2026-11-30`, `<prefix>budget:held`). */
  keyPrefix: string;
  /** Clock; tests move it. */
  now?: () => Date;
}

/** Redis being down must not look like "budget left": answers fail closed with a 503. */
const unreachable = (cause: unknown): AppError =>
  new AppError('upstream_unavailable', 'The token budget store (Redis) is unreachable', { cause });

/**
 * Admission in one step, so replicas cannot both take the last tokens. KEYS: the day's count,
 * the set of holds (member `<id>:<tokens>`, score = when it lapses). ARGV: now (ms), the
 * request's worst case, the daily limit, HOLD_MS, the new member. Returns 0 admitted,
 * 1 exhausted, 2 busy.
 */
const ADMIT = `
local now = tonumber(ARGV[1])
local tokens = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + tokens > limit then return 1 end
local held = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  held = held + tonumber(string.match(member, '(%d+)$'))
end
if used + held + tokens > limit then return 2 end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[5])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
return 0
`;

/** Runs a Redis call, turning a failure into a 503 AppError. */
async function call<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw unreachable(error);
  }
}

/**
 * A budget shared by every replica using the same Redis: one counter per UTC day, raised with
 * INCRBY and set to expire at the next UTC midnight in the same MULTI, so a crash between the
 * two cannot leave a counter that never expires; admissions go through one Lua script.
 */
export function redisTokenBudget(
  redis: Redis,
  dailyLimit: number,
  { keyPrefix, now = () => new Date() }: RedisTokenBudgetOptions,
): TokenBudget {
  const dayKey = (at: Date) => `${keyPrefix}budget:${utcDay(at)}`;
  const heldKey = `${keyPrefix}budget:held`;
  return {
    dailyLimit,
    async spend(tokens) {
      const at = now();
      const results = await call(
        redis.multi().incrby(dayKey(at), tokens).pexpireat(dayKey(at), nextUtcMidnight(at)).exec(),
      );
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (!results || failed) throw unreachable(failed ?? new Error('transaction discarded'));
    },
    async usedToday() {
      const value = await call(redis.get(dayKey(now())));
      return value === null ? 0 : Number(value);
    },
    async admit(tokens): Promise<Admission> {
      if (dailyLimit <= 0) return unlimited;
      const at = now();
      const member = `${randomUUID()}:${tokens}`;
      const args = [at.getTime(), tokens, dailyLimit, HOLD_MS, member];
      const outcome = await call(redis.eval(ADMIT, 2, dayKey(at), heldKey, ...args));
      if (outcome === 1) return { kind: 'exhausted' };
      if (outcome === 2) return { kind: 'busy' };
      return { kind: 'admitted', release: async () => void (await call(redis.zrem(heldKey, member))) };
    },
  };
}
