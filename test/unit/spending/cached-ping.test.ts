import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedPing } from '../../../src/spending/cached-ping.ts';

/** A ping that counts its calls and answers as told, and a clock the test moves. */
function setup(outcomes: ('ok' | 'fail')[]) {
  let clock = 0;
  const calls: AbortSignal[] = [];
  const upstream = async (signal?: AbortSignal) => {
    if (signal) calls.push(signal);
    const outcome = outcomes.shift() ?? 'ok';
    if (outcome === 'fail') throw new Error('unreachable');
  };
  const ping = cachedPing(upstream, {
    okTtlMs: 60_000,
    failTtlMs: 10_000,
    timeoutMs: 5000,
    now: () => clock,
  });
  return {
    ping,
    calls,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('cachedPing', () => {
  it('reaches the upstream once per minute however often it is asked', async () => {
    const { ping, calls, advance } = setup([]);
    for (let i = 0; i < 20; i += 1) await ping();
    assert.equal(calls.length, 1);
    advance(59_000);
    await ping();
    assert.equal(calls.length, 1);
    advance(2000);
    await ping();
    assert.equal(calls.length, 2);
  });

  it('reuses a failure for a shorter time, then checks again', async () => {
    const { ping, calls, advance } = setup(['fail', 'ok']);
    await assert.rejects(ping(), /unreachable/);
    await assert.rejects(ping(), /unreachable/);
    assert.equal(calls.length, 1);
    advance(10_001);
    await ping();
    assert.equal(calls.length, 2);
  });

  it('shares a check in flight, and a caller giving up does not cancel it for the others', async () => {
    let release: () => void = () => {};
    const calls: AbortSignal[] = [];
    const ping = cachedPing(
      (signal) => {
        if (signal) calls.push(signal);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      { okTtlMs: 60_000, failTtlMs: 10_000, timeoutMs: 5000 },
    );
    const impatient = ping(AbortSignal.abort(new Error('gave up')));
    const patient = ping();
    await assert.rejects(impatient, /gave up/);
    release();
    await patient;
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.aborted, false);
  });
});
