import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { APIUserAbortError } from 'openai';
import { isAbortError } from '../../src/errors.ts';
import { toAppError } from '../../src/providers/openai/errors.ts';

describe('isAbortError', () => {
  it("recognises the reason of an aborted AbortSignal (DOMException 'AbortError')", () => {
    assert.equal(isAbortError(AbortSignal.abort().reason), true);
  });

  it("recognises Node's AbortError from an aborted timer", async () => {
    const error = await delay(1000, undefined, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    assert.equal(isAbortError(error), true);
  });

  it('recognises an OpenAI user abort once the adapter has mapped it', () => {
    assert.equal(isAbortError(toAppError(new APIUserAbortError())), true);
  });

  it('does not take a timeout signal for an abort', () => {
    assert.equal(isAbortError(new DOMException('timed out', 'TimeoutError')), false);
  });

  it('does not take an ordinary error for an abort', () => {
    assert.equal(isAbortError(new Error('AbortError')), false);
  });

  it('does not take a plain object named AbortError for an abort', () => {
    assert.equal(isAbortError({ name: 'AbortError' }), false);
  });
});
