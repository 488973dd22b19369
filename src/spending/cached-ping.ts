/** A reachability check: resolves when the service answers, rejects otherwise. */
export type Ping = (signal?: AbortSignal) => Promise<void>;

/** How long check results are reused. */
export interface CachedPingOptions {
  /** How long a success is reused (ms). */
  okTtlMs: number;
  /** How long a failure is reused (ms); shorter, so recovery shows soon. */
  failTtlMs: number;
  /** Limit of one upstream check, independent of any caller (ms). */
  timeoutMs: number;
  /** Clock in ms; tests move it. */
  now?: () => number;
}

interface Check {
  result: Promise<void>;
  settledAt: number | undefined;
  ok: boolean;
}

/** Settles like `promise`, or rejects with the signal's reason as soon as `signal` aborts. */
function untilAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Reuses the result of `ping` for a while, so /health, however often it is called, reaches a
 * paid API at most once per TTL; callers arriving while a check runs share it. Each caller's
 * signal only stops its own wait, never the shared check.
 */
export function cachedPing(ping: Ping, options: CachedPingOptions): Ping {
  const now = options.now ?? Date.now;
  let last: Check | undefined;
  const fresh = (check: Check): boolean =>
    check.settledAt === undefined ||
    now() - check.settledAt < (check.ok ? options.okTtlMs : options.failTtlMs);

  return (signal) => {
    if (!last || !fresh(last)) {
      const check: Check = {
        result: ping(AbortSignal.timeout(options.timeoutMs)),
        settledAt: undefined,
        ok: false,
      };
      check.result.then(
        () => {
          check.ok = true;
          check.settledAt = now();
        },
        () => {
          check.settledAt = now();
        },
      );
      last = check;
    }
    return untilAborted(last.result, signal);
  };
}
