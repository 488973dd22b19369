import { setTimeout as delay } from 'node:timers/promises';
import { abortError, isRetryable, retryAfterMs, toAppError } from './errors.ts';

/** How failed OpenAI calls are retried. */
export interface RetryPolicy {
  /** Total attempts including the first (at least 1). */
  maxAttempts: number;
  /** Backoff ceiling of the first retry; doubles on each further retry. */
  baseDelayMs: number;
  /** Upper bound of any wait; a server asking for longer (Retry-After) makes us give up instead. */
  maxDelayMs: number;
  /** Uniform random number in [0, 1) used for full jitter; injectable for tests. */
  random: () => number;
  /** Waits `ms`, rejecting early when `signal` aborts; injectable for tests. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const abortableSleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
  await delay(ms, undefined, signal ? { signal } : {});
};

/** The production policy for OPENAI_MAX_RETRIES retries after the first attempt. */
export const retryPolicy = (maxRetries: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: maxRetries + 1,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
  sleep: abortableSleep,
  ...overrides,
});

/**
 * The wait before retry number `retry` (1 = first retry): the server's Retry-After when it
 * sent one, otherwise "full jitter" backoff, uniform in [0, min(max, base·2^(retry-1))), which
 * spreads concurrent clients apart better than a fixed exponential schedule.
 * Returns undefined when the server asks for a wait longer than the policy allows.
 */
export function retryDelay(error: unknown, retry: number, policy: RetryPolicy): number | undefined {
  const requested = retryAfterMs(error);
  if (requested !== undefined) return requested <= policy.maxDelayMs ? requested : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Runs `operation` until it succeeds, fails with a non-retryable error, or runs out of attempts;
 * the final failure is thrown as an AppError (an abort as an AbortError).
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    if (signal?.aborted) throw abortError();
    try {
      return await operation(attempt);
    } catch (error) {
      if (signal?.aborted) throw abortError();
      const wait =
        attempt < policy.maxAttempts && isRetryable(error) ? retryDelay(error, attempt, policy) : undefined;
      if (wait === undefined) throw toAppError(error);
      try {
        await policy.sleep(wait, signal);
      } catch {
        throw abortError();
      }
    }
  }
}
