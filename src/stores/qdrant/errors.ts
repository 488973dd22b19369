import { QdrantClientResourceExhaustedError } from '@qdrant/js-client-rest';
import { AppError, isAbortError } from '../../errors.ts';
import type { RetryClassifier } from '../../retry.ts';

/** The parts of the fetcher's ApiError we use (the class is not re-exported by the client). */
interface HttpFailure {
  status: number;
  data?: unknown;
}

const isHttpFailure = (error: unknown): error is Error & HttpFailure =>
  error instanceof Error && typeof (error as Partial<HttpFailure>).status === 'number';

/** Status of a failed Qdrant call: the HTTP status, or 429 for the client's own rate-limit error. */
export function failureStatus(error: unknown): number | undefined {
  if (isHttpFailure(error)) return error.status;
  if (error instanceof Error && error.name === 'QdrantClientResourceExhaustedError') return 429;
  return undefined;
}

const isTimeout = (error: unknown): boolean =>
  error instanceof Error && error.name === 'QdrantClientTimeoutError';

/** fetch() rejects with a TypeError ("fetch failed") when the connection itself fails. */
const isNetworkFailure = (error: unknown): boolean =>
  error instanceof TypeError && error.message === 'fetch failed';

/** Retry rate limits, 5xx, timeouts and connection failures; never other 4xx or aborts. */
export function isRetryableQdrantError(error: unknown): boolean {
  if (isAbortError(error)) return false;
  const status = failureStatus(error);
  if (status !== undefined) return status === 429 || status >= 500;
  return isTimeout(error) || isNetworkFailure(error);
}

/**
 * The wait a 429 asks for, from the client's `retry_after` (seconds). The client 1.19 keeps only
 * the header's first character (`headers.get('retry-after')?.[0]`), so '1.5' reads as 1 s and
 * '30' as 3 s; single-digit waits, what a short rate-limit window asks for, come through exactly.
 */
export const qdrantRetryAfterMs = (error: unknown): number | undefined =>
  error instanceof QdrantClientResourceExhaustedError ? error.retry_after * 1000 : undefined;

/** How Qdrant failures are retried (see src/retry.ts). */
export const QDRANT_RETRY: RetryClassifier = {
  isRetryable: isRetryableQdrantError,
  retryAfterMs: qdrantRetryAfterMs,
};

/** Qdrant's own error text (`{status:{error}}`); it names the problem and never holds secrets. */
const qdrantMessage = (error: HttpFailure): string | undefined => {
  const status = (error.data as { status?: { error?: unknown } } | undefined)?.status;
  return typeof status?.error === 'string' ? status.error : undefined;
};

/**
 * Maps a final Qdrant failure to the AppError the HTTP contract knows. AppErrors and aborts
 * pass through; unknown (programming) errors are returned unchanged.
 */
export function toStoreError(error: unknown, operation: string): unknown {
  if (error instanceof AppError || isAbortError(error)) return error;
  if (isTimeout(error)) return new AppError('upstream_timeout', `Qdrant did not answer ${operation} in time`);
  if (isNetworkFailure(error)) {
    return new AppError('upstream_unavailable', `Could not reach Qdrant (${operation})`, { cause: error });
  }
  const status = failureStatus(error);
  if (status === undefined) return error;
  const detail = isHttpFailure(error) ? qdrantMessage(error) : undefined;
  const message = `Qdrant ${operation} failed with status ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 429) return new AppError('rate_limited', message);
  if (status === 401 || status === 403 || status >= 500) return new AppError('upstream_unavailable', message);
  // Other 4xx mean our request was wrong for this collection (e.g. a vector of another size).
  return new AppError('internal', message);
}
