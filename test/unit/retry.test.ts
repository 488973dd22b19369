import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abortable, type RetryClassifier, retryDelay, retryPolicy, withRetry } from '../../src/retry.ts';

/** A failure that says whether it may be retried and how long the server asked to wait. */
class Failure extends Error {
  readonly retryable: boolean;
  readonly waitMs: number | undefined;
  constructor(retryable: boolean, waitMs?: number) {
    super(retryable ? 'try again' : 'bad request');
    this.retryable = retryable;
    this.waitMs = waitMs;
  }
}

const classifier: RetryClassifier = {
  isRetryable: (error) => error instanceof Failure && error.retryable,
  retryAfterMs: (error) => (error instanceof Failure ? error.waitMs : undefined),
};

/** A policy whose sleeps return at once and are recorded. */
const recordingPolicy = (maxAttempts: number) => {
  const sleeps: number[] = [];
  const policy = retryPolicy({ maxAttempts, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) });
  return { policy, sleeps };
};

/** Runs withRetry on an operation that always throws `failure`; reports what it threw and the calls. */
const alwaysFailing = async (failure: Failure, maxAttempts: number) => {
  const { policy } = recordingPolicy(maxAttempts);
  let calls = 0;
  const thrown = await withRetry(
    async () => {
      calls += 1;
      throw failure;
    },
    classifier,
    policy,
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
  return { thrown, calls };
};

describe('retryDelay', () => {
  const policy = retryPolicy({ maxAttempts: 6, random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000 });

  it('draws full jitter below a ceiling that doubles per retry', () => {
    const delays = [1, 2, 3, 4].map((retry) => retryDelay(new Failure(true), retry, policy, classifier));
    assert.deepEqual(delays, [50, 100, 200, 400]);
  });

  it('never lets the backoff ceiling exceed maxDelayMs', () => {
    assert.equal(retryDelay(new Failure(true), 10, policy, classifier), 500);
  });

  it('waits exactly what the server asks for', () => {
    assert.equal(retryDelay(new Failure(true, 700), 1, policy, classifier), 700);
  });

  it('gives up when the server asks for longer than maxDelayMs', () => {
    assert.equal(retryDelay(new Failure(true, 5000), 1, policy, classifier), undefined);
  });

  it('uses backoff when the classifier cannot read a requested wait', () => {
    assert.equal(retryDelay(new Failure(true, 700), 1, policy, { isRetryable: () => true }), 50);
  });
});

describe('withRetry', () => {
  it('retries a retryable failure after the requested wait and returns the later success', async () => {
    const { policy, sleeps } = recordingPolicy(3);
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw new Failure(true, 20);
        return 'ok';
      },
      classifier,
      policy,
    );
    assert.equal(result, 'ok');
    assert.deepEqual(sleeps, [20]);
  });

  it('makes maxAttempts attempts, then throws the last error unchanged', async () => {
    const failure = new Failure(true);
    const { thrown, calls } = await alwaysFailing(failure, 3);
    assert.equal(thrown, failure);
    assert.equal(calls, 3);
  });

  it('does not retry a failure the classifier rejects', async () => {
    const failure = new Failure(false);
    const { thrown, calls } = await alwaysFailing(failure, 3);
    assert.equal(thrown, failure);
    assert.equal(calls, 1);
  });

  it('gives up at once when the server asks for a wait beyond maxDelayMs', async () => {
    const { calls } = await alwaysFailing(new Failure(true, 60_000), 3);
    assert.equal(calls, 1);
  });

  it('stops waiting and throws AbortError when the signal aborts during backoff', async () => {
    const controller = new AbortController();
    const policy = retryPolicy({ maxAttempts: 4, random: () => 0.99, baseDelayMs: 60_000 });
    const started = Date.now();
    const failing = withRetry(
      async () => {
        setTimeout(() => controller.abort(), 10);
        throw new Failure(true);
      },
      classifier,
      policy,
      controller.signal,
    );
    await assert.rejects(failing, { name: 'AbortError' });
    assert.ok(Date.now() - started < 5000);
  });

  it('does not start an operation when the signal has already aborted', async () => {
    let calls = 0;
    const run = withRetry(async () => (calls += 1), classifier, retryPolicy(), AbortSignal.abort());
    await assert.rejects(run, { name: 'AbortError' });
    assert.equal(calls, 0);
  });
});

describe('abortable', () => {
  it('settles like the promise while the signal stays quiet', async () => {
    assert.equal(await abortable(Promise.resolve(7), new AbortController().signal), 7);
  });

  it('rejects with AbortError as soon as the signal aborts, without waiting for the promise', async () => {
    const controller = new AbortController();
    const pending = abortable(new Promise<never>(() => {}), controller.signal);
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
  });
});
