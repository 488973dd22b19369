import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { AppError } from '../../../src/errors.ts';
import { callOpenAI, openAIRetryPolicy } from '../../../src/providers/openai/client.ts';
import { OPENAI_RETRY, retryAfterMs, toAppError } from '../../../src/providers/openai/errors.ts';
import { retryDelay } from '../../../src/retry.ts';

const apiError = (
  status: number,
  headers: Record<string, string> = {},
  message = 'upstream says sk-secret',
) => APIError.generate(status, { message }, message, new Headers(headers));

/** A policy whose sleeps return at once and are recorded. */
const recordingPolicy = (maxRetries: number) => {
  const sleeps: number[] = [];
  const policy = openAIRetryPolicy(maxRetries, {
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { policy, sleeps };
};

/** Runs callOpenAI on a request that always fails with `status`; reports the error and the calls. */
const alwaysFailing = async (status: number, maxRetries: number) => {
  const { policy } = recordingPolicy(maxRetries);
  let calls = 0;
  const thrown = await callOpenAI(async () => {
    calls += 1;
    throw apiError(status);
  }, policy).then(
    () => undefined,
    (error: unknown) => error as AppError,
  );
  return { thrown, calls };
};

describe('retry delay of OpenAI failures', () => {
  const policy = openAIRetryPolicy(5, { random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000 });

  it('waits exactly what Retry-After asks for', () => {
    assert.equal(retryDelay(apiError(429, { 'retry-after': '0.7' }), 1, policy, OPENAI_RETRY), 700);
  });

  it('gives up when the server asks for longer than maxDelayMs', () => {
    assert.equal(retryDelay(apiError(429, { 'retry-after': '5' }), 1, policy, OPENAI_RETRY), undefined);
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

describe('callOpenAI', () => {
  it('retries a 429 and returns the later success', async () => {
    const { policy, sleeps } = recordingPolicy(3);
    let calls = 0;
    const result = await callOpenAI(async () => {
      calls += 1;
      if (calls === 1) throw apiError(429, { 'retry-after-ms': '20' });
      return 'ok';
    }, policy);
    assert.equal(result, 'ok');
    assert.deepEqual(sleeps, [20]);
  });

  it('makes maxRetries + 1 attempts, then throws the mapped error', async () => {
    const { thrown, calls } = await alwaysFailing(503, 2);
    assert.equal(thrown?.code, 'upstream_unavailable');
    assert.equal(calls, 3);
  });

  it('does not retry other 4xx errors', async () => {
    const { thrown, calls } = await alwaysFailing(400, 3);
    assert.equal(thrown?.code, 'internal');
    assert.equal(calls, 1);
  });

  it('does not retry a user abort of the SDK and throws it as AbortError', async () => {
    const { policy } = recordingPolicy(3);
    let calls = 0;
    const aborted = callOpenAI(async () => {
      calls += 1;
      throw new APIUserAbortError();
    }, policy);
    await assert.rejects(aborted, { name: 'AbortError' });
    assert.equal(calls, 1);
  });
});
