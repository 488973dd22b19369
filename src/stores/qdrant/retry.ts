import { setTimeout as delay } from 'node:timers/promises';

/** How a failed idempotent call is retried. */
export interface RetryOptions {
  /** Total attempts including the first (at least 1). */
  attempts: number;
  /** Backoff ceiling of the first retry; doubles on each further retry (full jitter). */
  baseDelayMs: number;
}

/** Three attempts within about 1.5 s: enough for a proxy hiccup, short enough for a request. */
export const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 500 };

const abortError = (): Error => new DOMException('The operation was aborted', 'AbortError');

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
 * Runs `operation` until it succeeds, fails with an error `isRetryable` rejects, or runs out of
 * attempts; throws the last error unchanged. Only for idempotent operations.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  options: RetryOptions,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    if (signal?.aborted) throw abortError();
    try {
      return await abortable(operation(), signal);
    } catch (error) {
      if (signal?.aborted || attempt >= options.attempts || !isRetryable(error)) throw error;
      const ceiling = options.baseDelayMs * 2 ** (attempt - 1);
      await delay(Math.floor(Math.random() * ceiling), undefined, signal ? { signal } : {});
    }
  }
}
