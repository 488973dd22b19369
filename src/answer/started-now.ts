/** An async iterator whose first step has already begun. */
export interface StartedIterator<T> extends AsyncIterableIterator<T> {
  /** Closes the source (its finally blocks run) without waiting for a step in flight. */
  close(): void;
}

/**
 * Begins `parts` at once — its first `next()` runs now, so e.g. the model's HTTP stream opens while
 * the caller is still sending sources — and hands the steps on in order. A failure of the early
 * step is not lost: it is thrown from the `next()` that returns it.
 */
export function startedNow<T>(parts: AsyncIterable<T>): StartedIterator<T> {
  const iterator = parts[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<T>> | null = iterator.next();
  // Observed here so that a rejection before the caller asks is not reported as unhandled.
  first.catch(() => {});
  const started: StartedIterator<T> = {
    next: () => {
      const step = first ?? iterator.next();
      first = null;
      return step;
    },
    close: () => {
      first = null;
      iterator.return?.().catch(() => {});
    },
    [Symbol.asyncIterator]: () => started,
  };
  return started;
}
