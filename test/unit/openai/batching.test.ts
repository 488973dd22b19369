import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTokens, planBatches, truncateToTokens } from '../../../src/providers/openai/batching.ts';
import { mapConcurrent } from '../../../src/providers/openai/concurrency.ts';

const limits = { maxInputs: 3, maxTokens: 1000, maxInputTokens: 100 };
const sizes = (texts: string[], custom = limits) =>
  planBatches(texts, custom).map((batch) => batch.texts.length);

describe('estimateTokens', () => {
  it('counts four ASCII characters per token', () => assert.equal(estimateTokens('a'.repeat(40)), 10));
  it('counts each non-ASCII character as a token, to stay on the safe side', () =>
    assert.equal(estimateTokens('日本語'), 3));
});

describe('truncateToTokens', () => {
  it('cuts long text to the token budget', () =>
    assert.equal(truncateToTokens('a'.repeat(1000), 10).length, 40));
  it('does not split a surrogate pair', () => assert.equal(truncateToTokens('😀😀😀', 2), '😀😀'));
  it('keeps short text unchanged', () => assert.equal(truncateToTokens('short', 10), 'short'));
});

describe('planBatches', () => {
  it('splits by input count, keeping order and start offsets', () => {
    const batches = planBatches(['a', 'b', 'c', 'd', 'e', 'f', 'g'], limits);
    assert.deepEqual(
      batches.map((batch) => [batch.start, batch.texts.join('')]),
      [
        [0, 'abc'],
        [3, 'def'],
        [6, 'g'],
      ],
    );
  });

  it('splits by the summed token budget', () => {
    const texts = ['x'.repeat(400), 'x'.repeat(400), 'x'.repeat(400)]; // 100 tokens each
    assert.deepEqual(sizes(texts, { ...limits, maxTokens: 250 }), [2, 1]);
  });

  it('truncates each input to maxInputTokens', () => {
    const [batch] = planBatches(['y'.repeat(10_000)], limits);
    assert.equal(batch?.texts[0]?.length, 400);
  });

  it('replaces empty inputs, which the API rejects, with a space', () => {
    assert.deepEqual(planBatches(['', '  '], limits)[0]?.texts, [' ', ' ']);
  });
});

describe('mapConcurrent', () => {
  it('keeps input order even when later items finish first', async () => {
    const results = await mapConcurrent([30, 10, 20], 3, async (ms) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return ms;
    });
    assert.deepEqual(results, [30, 10, 20]);
  });

  it('never runs more than the limit at once', async () => {
    let active = 0;
    let peak = 0;
    await mapConcurrent(
      Array.from({ length: 10 }, (_, i) => i),
      3,
      async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
      },
    );
    assert.equal(peak, 3);
  });

  it('starts nothing new after a failure and aborts running calls', async () => {
    const started: number[] = [];
    let sawAbort = false;
    const run = mapConcurrent([0, 1, 2, 3, 4], 2, async (item, _index, signal) => {
      started.push(item);
      if (item === 0) throw new Error('boom');
      await new Promise((resolve) => setTimeout(resolve, 20));
      sawAbort ||= signal.aborted;
    });
    await assert.rejects(run, /boom/);
    assert.deepEqual(started, [0, 1]);
    assert.equal(sawAbort, true);
  });
});
