import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AppError } from '../../errors.ts';
import { abortError, type RetryClassifier } from '../../retry.ts';

/** Retry 429, 5xx, connection failures and timeouts; never other 4xx, aborts or unknown errors. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError && typeof error.status === 'number') {
    return error.status === 429 || error.status >= 500;
  }
  return false;
}

/** The wait a 429/503 asks for (`retry-after-ms`, then `retry-after` seconds or HTTP date), in ms. */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  if (!(error instanceof APIError) || !(error.headers instanceof Headers)) return undefined;
  const milliseconds = Number.parseFloat(error.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const header = error.headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How OpenAI failures are retried (see src/retry.ts). */
export const OPENAI_RETRY: RetryClassifier = { isRetryable, retryAfterMs: (error) => retryAfterMs(error) };

/** What is safe to keep as `cause`: status and ids, never the upstream body (it can echo the key). */
const summary = (error: APIError) => ({
  status: error.status,
  requestId: error.requestID ?? null,
  type: error.type ?? null,
  code: error.code ?? null,
});

/**
 * Maps a final OpenAI failure to the AppError the HTTP contract knows. Aborts become a standard
 * AbortError (the SDK's APIUserAbortError has `name === 'Error'`, which isAbortError would miss), AppErrors pass through, unknown (programming) errors are returned unchanged.
 */
export function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof APIUserAbortError) return abortError();
  if (error instanceof APIConnectionTimeoutError) {
    return new AppError('upstream_timeout', 'OpenAI did not respond in time');
  }
  if (error instanceof APIConnectionError) {
    return new AppError('upstream_unavailable', 'Could not reach OpenAI');
  }
  if (error instanceof APIError) {
    const cause = summary(error);
    const status = error.status;
    if (status === 429)
      return new AppError('rate_limited', 'OpenAI rate limit reached; try again later', { cause });
    if (status === 401 || status === 403) {
      return new AppError('upstream_unavailable', 'OpenAI rejected the API key', { cause });
    }
    if (status === undefined)
      return new AppError('upstream_unavailable', 'OpenAI reported an error', { cause });
    if (status >= 500)
      return new AppError('upstream_unavailable', `OpenAI is unavailable (status ${status})`, { cause });
    // Other 4xx mean our request was wrong (bad model name, input too long): not retryable.
    return new AppError('internal', `OpenAI rejected the request (status ${status})`, { cause });
  }
  if (error instanceof SyntaxError)
    return new AppError('upstream_unavailable', 'OpenAI sent a malformed response');
  return error;
}
