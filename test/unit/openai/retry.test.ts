import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { AppError } from '../../../src/errors.ts';
import { retryAfterMs, toAppError } from '../../../src/providers/openai/errors.ts';
import { retryDelay, retryPolicy, withRetry } from '../../../src/providers/openai/retry.ts';

const apiError = (
  status: number,
  headers: Record<string, string> = {},
  message = 'upstream says sk-secret',
) => APIError.generate(status, { message }, message, new Headers(headers));

/** A policy whose sleeps return at once and are recorded. */
const recordingPolicy = (maxRetries: number) => {
  const sleeps: number[] = [];
  const policy = retryPolicy(maxRetries, {
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { policy, sleeps };
};

describe('retryDelay', () => {
  const policy = retryPolicy(5, { random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000 });

  it('draws full jitter below a ceiling that doubles per retry', () => {
    const delays = [1, 2, 3, 4].map((retry) => retryDelay(apiError(500), retry, policy));
    assert.deepEqual(delays, [50, 100, 200, 400]);
  });

  it('never lets the backoff ceiling exceed maxDelayMs', () => {
    assert.equal(retryDelay(apiError(500), 10, policy), 500);
  });

  it('waits exactly what Retry-After asks for', () => {
    assert.equal(retryDelay(apiError(429, { 'retry-after': '0.7' }), 1, policy), 700);
  });

  it('gives up when the server asks for longer than maxDelayMs', () => {
    assert.equal(retryDelay(apiError(429, { 'retry-after': '5' }), 1, policy), undefined);
  });
});

describe('retryAfterMs', () => {
  it('prefers retry-after-ms over retry-after', () => {
    assert.equal(retryAfterMs(apiError(429, { 'retry-after-ms': '250', 'retry-after': '9' })), 250);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs(apiError(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now), 3000);
  });

  it('is undefined without a header', () => {
    assert.equal(retryAfterMs(apiError(429)), undefined);
  });
});

describe('toAppError', () => {
  const codeOf = (error: unknown) => (toAppError(error) as AppError).code;

  it('maps 429 to rate_limited', () => assert.equal(codeOf(apiError(429)), 'rate_limited'));
  it('maps timeouts to upstream_timeout', () =>
    assert.equal(codeOf(new APIConnectionTimeoutError()), 'upstream_timeout'));
  it('maps 5xx to upstream_unavailable', () => assert.equal(codeOf(apiError(502)), 'upstream_unavailable'));
  it('maps connection errors to upstream_unavailable', () =>
    assert.equal(codeOf(new APIConnectionError({ message: 'ECONNREFUSED' })), 'upstream_unavailable'));

  it('says the key was rejected on 401 without echoing the upstream body', () => {
    const error = toAppError(apiError(401)) as AppError;
    assert.equal(error.code, 'upstream_unavailable');
    assert.equal(error.message, 'OpenAI rejected the API key');
    assert.doesNotMatch(JSON.stringify({ message: error.message, cause: error.cause }), /sk-secret/);
  });

  it('turns the SDK user abort into a standard AbortError', () => {
    assert.equal((toAppError(new APIUserAbortError()) as Error).name, 'AbortError');
  });

  it('returns errors it does not know unchanged', () => {
    const bug = new TypeError('bug');
    assert.equal(toAppError(bug), bug);
  });
});

describe('withRetry', () => {
  it('retries a 429 and returns the later success', async () => {
    const { policy, sleeps } = recordingPolicy(3);
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls === 1) throw apiError(429, { 'retry-after-ms': '20' });
      return 'ok';
    }, policy);
    assert.equal(result, 'ok');
    assert.deepEqual(sleeps, [20]);
  });

  it('makes maxRetries + 1 attempts, then throws the mapped error', async () => {
    const { policy } = recordingPolicy(2);
    let calls = 0;
    const failing = withRetry(async () => {
      calls += 1;
      throw apiError(503);
    }, policy);
    await assert.rejects(failing, (error: AppError) => error.code === 'upstream_unavailable');
    assert.equal(calls, 3);
  });

  it('does not retry other 4xx errors', async () => {
    const { policy } = recordingPolicy(3);
    let calls = 0;
    const failing = withRetry(async () => {
      calls += 1;
      throw apiError(400);
    }, policy);
    await assert.rejects(failing, (error: AppError) => error.code === 'internal');
    assert.equal(calls, 1);
  });

  it('stops waiting and throws AbortError when the signal aborts during backoff', async () => {
    const controller = new AbortController();
    const policy = retryPolicy(3, { random: () => 0.99, baseDelayMs: 60_000 });
    const started = Date.now();
    const failing = withRetry(
      async () => {
        setTimeout(() => controller.abort(), 10);
        throw apiError(500);
      },
      policy,
      controller.signal,
    );
    await assert.rejects(failing, { name: 'AbortError' });
    assert.ok(Date.now() - started < 5000);
  });
});
