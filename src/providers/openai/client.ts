import OpenAI from 'openai';
import { type RetryPolicy, retryPolicy, withRetry } from '../../retry.ts';
import { OPENAI_RETRY, toAppError } from './errors.ts';

/** What the OpenAI client is built from (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_TIMEOUT_MS). */
export interface OpenAIClientOptions {
  apiKey: string | undefined;
  /** An OpenAI-compatible server; OpenAI itself when unset. */
  baseUrl?: string | undefined;
  /** Per-request timeout in ms. */
  timeoutMs: number;
}

/** What every OpenAI adapter calls through; `openAIConnection` fills it from configuration. */
export interface OpenAIConnection {
  /** SDK client (built with maxRetries: 0; retries happen in callOpenAI). */
  client: OpenAI;
  /** Per-request timeout in ms (OPENAI_TIMEOUT_MS). */
  timeoutMs: number;
  /** Retry policy of each request. */
  retry: RetryPolicy;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Builds the SDK client. SDK retries are off (`maxRetries: 0`) because retries live in one
 * place (callOpenAI) where they are bounded, jittered and mapped to AppError. Every value is
 * passed explicitly so the SDK does not read process.env behind config.ts's back.
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  if (!options.apiKey) {
    throw new Error('createOpenAIClient: no API key is configured');
  }
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? DEFAULT_BASE_URL,
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
  });
}

/** The production policy for OPENAI_MAX_RETRIES retries after the first attempt. */
export const openAIRetryPolicy = (maxRetries: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy =>
  retryPolicy({ maxAttempts: maxRetries + 1, baseDelayMs: 500, maxDelayMs: 30_000, ...overrides });

/** Client, timeout and retry policy; `retry` overrides parts of the policy (tests). */
export const openAIConnection = (
  options: OpenAIClientOptions & { maxRetries: number },
  retry: Partial<RetryPolicy> = {},
): OpenAIConnection => ({
  client: createOpenAIClient(options),
  timeoutMs: options.timeoutMs,
  retry: openAIRetryPolicy(options.maxRetries, retry),
});

/**
 * Runs one OpenAI request under `policy` (see src/retry.ts); the final failure is thrown as an
 * AppError, an abort of `signal` as an AbortError.
 */
export async function callOpenAI<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await withRetry(operation, OPENAI_RETRY, policy, signal);
  } catch (error) {
    throw toAppError(error);
  }
}

/**
 * Checks that the service answers by listing models: no tokens are spent. Not retried, so a
 * health check answers quickly; failures are thrown as AppError.
 */
export async function pingOpenAI(connection: OpenAIConnection, signal?: AbortSignal): Promise<void> {
  const { client, timeoutMs, retry } = connection;
  await callOpenAI(
    () => client.models.list({ signal, timeout: timeoutMs }),
    { ...retry, maxAttempts: 1 },
    signal,
  );
}
