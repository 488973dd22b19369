import type { DocumentInput, PreparedDocument } from '../domain/document.ts';

/** A document of an ingest run, and whether it must be (re)prepared. */
export interface PlannedDocument {
  input: DocumentInput;
  hash: string;
  changed: boolean;
}

/**
 * How far preparation may run ahead of writing (documents, characters of text): far enough that
 * idle workers find work while the writer waits on one long page, bounded so memory stays small.
 */
const MAX_AHEAD_DOCUMENTS = 64;
const MAX_AHEAD_CHARS = 4_000_000;
/**
 * Pages this long are sent to the workers first: one of them (FastAPI's 700 KB release notes)
 * takes as long to parse as the rest of its book, so it must not start last.
 */
const LONG_PAGE_CHARS = 100_000;

/**
 * The planned documents in their order, each with its prepared document (null when unchanged),
 * prepared `parallelism` or more at a time: long pages start first, then the others in order,
 * so every worker stays busy while the caller writes in the documents' own order.
 */
export async function* preparedInOrder(
  planned: PlannedDocument[],
  prepare: (input: DocumentInput) => Promise<PreparedDocument>,
  parallelism: number,
): AsyncGenerator<{ planned: PlannedDocument; document: PreparedDocument | null }> {
  const started = new Map<number, Promise<PreparedDocument>>();
  let aheadChars = 0;
  const start = (index: number) => {
    const entry = planned[index] as PlannedDocument;
    if (!entry.changed || started.has(index)) return;
    const promise = prepare(entry.input);
    // Awaited in order below; until then a failure must not count as an unhandled rejection.
    promise.catch(() => {});
    started.set(index, promise);
    aheadChars += entry.input.text.length;
  };
  planned.forEach((entry, index) => {
    if (entry.input.text.length >= LONG_PAGE_CHARS && aheadChars < MAX_AHEAD_CHARS) start(index);
  });
  let next = 0;
  for (const [index, entry] of planned.entries()) {
    while (
      next < planned.length &&
      (started.size < 2 * parallelism || (started.size < MAX_AHEAD_DOCUMENTS && aheadChars < MAX_AHEAD_CHARS))
    ) {
      start(next);
      next += 1;
    }
    const promise = started.get(index);
    if (!promise) {
      yield { planned: entry, document: null };
      continue;
    }
    try {
      yield { planned: entry, document: await promise };
    } finally {
      started.delete(index);
      aheadChars -= entry.input.text.length;
    }
  }
}
