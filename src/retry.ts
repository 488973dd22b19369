import { setTimeout as delay } from 'node:timers/promises';

/** How failed calls to a remote service are retried. */
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

/** What an adapter knows about its service's failures. */
export interface RetryClassifier {
  /** True when the same call may succeed if tried again (rate limit, 5xx, timeout, network). */
  isRetryable(error: unknown): boolean;
  /** The wait the server asked for (Retry-After), in ms; undefined when it asked for none. */
  retryAfterMs?(error: unknown): number | undefined;
}

/** A standard AbortError, the one shape the rest of the app recognises (see isAbortError). */
export const abortError = (): Error => new DOMException('The operation was aborted', 'AbortError');

/** Waits `ms`; rejects with an AbortError as soon as `signal` aborts. */
export const abortableSleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
  await delay(ms, undefined, signal ? { signal } : {});
};

/** A policy with production defaults (500 ms base, 30 s cap, real jitter and sleep). */
export const retryPolicy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
  sleep: abortableSleep,
  ...overrides,
});

/**
 * Settles like `promise`, or rejects with an AbortError as soon as `signal` aborts. Used where a
 * client cannot take a signal: the request itself runs on until the client's own timeout.
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The wait before retry number `retry` (1 = first retry): the server's Retry-After when it
 * sent one, otherwise "full jitter" backoff, uniform in [0, min(max, base·2^(retry-1))), which
 * spreads concurrent clients apart better than a fixed exponential schedule.
 * Returns undefined when the server asks for a wait longer than the policy allows.
 */
export function retryDelay(
  error: unknown,
  retry: number,
  policy: RetryPolicy,
  classifier: RetryClassifier,
): number | undefined {
  const requested = classifier.retryAfterMs?.(error);
  if (requested !== undefined) return requested <= policy.maxDelayMs ? requested : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Runs `operation` until it succeeds, fails with an error the classifier will not retry, or runs
 * out of attempts. The final failure is thrown unchanged, so each adapter maps it once; an abort
 * of `signal` (before, during or between attempts) is thrown as an AbortError.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  classifier: RetryClassifier,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    if (signal?.aborted) throw abortError();
    try {
      return await abortable(operation(attempt), signal);
    } catch (error) {
      if (signal?.aborted) throw abortError();
      const retryable = attempt < policy.maxAttempts && classifier.isRetryable(error);
      const wait = retryable ? retryDelay(error, attempt, policy, classifier) : undefined;
      if (wait === undefined) throw error;
      try {
        await policy.sleep(wait, signal);
      } catch {
        throw abortError();
      }
    }
  }
}
