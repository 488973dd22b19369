import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentInput, PreparedDocument } from '../domain/document.ts';
import type { PrepareOptions } from './document-hash.ts';

/** Prepares documents (parse + chunk) on worker threads, several at a time. */
export interface DocumentPreparer {
  /** The prepared document, computed off the main thread. */
  prepare(input: DocumentInput, options: PrepareOptions): Promise<PreparedDocument>;
  /** How many documents are worth keeping in flight at once (one per worker). */
  readonly parallelism: number;
  /** How many worker threads run now (idle ones stop after a while). */
  running(): number;
  /** Stops the workers (a later `prepare` starts new ones). */
  close(): Promise<void>;
}

type Reply = { id: number; document: PreparedDocument } | { id: number; error: string };

interface Waiting {
  resolve: (doc: PreparedDocument) => void;
  reject: (error: Error) => void;
}

/** One lazily started worker thread and the requests it has not answered yet. */
interface PoolWorker {
  thread: Worker | null;
  pending: Map<number, Waiting & { chars: number }>;
  /** Characters of text sent and not answered yet: how long the worker is busy. */
  queuedChars: number;
  /** Stops the worker once it has been idle for IDLE_MS. */
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * An idle worker is stopped after this long: each holds its own parser and heap (tens of MB),
 * which a server that ingests now and then should not keep; the next ingest starts it again.
 */
const IDLE_MS = 30_000;

/**
 * Parsing (micromark) is CPU-bound and single-threaded: one worker per core, at most 4 (more
 * only adds memory: each worker loads its own parser), and always at least one.
 */
export const defaultPoolSize = (): number => Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * A preparer backed by a pool of lazily started worker threads; each document goes to the
 * worker with the least text still to parse. A worker keeps the process alive only while it has
 * work, so a CLI run still exits when it is done.
 */
export function createDocumentPreparer(size = defaultPoolSize(), idleMs = IDLE_MS): DocumentPreparer {
  const pool: PoolWorker[] = Array.from({ length: size }, () => ({
    thread: null,
    pending: new Map(),
    queuedChars: 0,
    idleTimer: undefined,
  }));
  let nextId = 0;

  function failAll(slot: PoolWorker, error: Error): void {
    for (const { reject } of slot.pending.values()) reject(error);
    slot.pending.clear();
    slot.queuedChars = 0;
    slot.thread = null;
  }

  function start(slot: PoolWorker): Worker {
    const started = new Worker(new URL('./prepare-worker.ts', import.meta.url));
    started.on('message', (reply: Reply) => {
      const waiting = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) {
        started.unref();
        slot.idleTimer = setTimeout(() => {
          if (slot.thread !== started || slot.pending.size > 0) return;
          slot.thread = null;
          void started.terminate();
        }, idleMs).unref();
      }
      if (!waiting) return;
      slot.queuedChars -= waiting.chars;
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.document);
    });
    started.on('error', (error) => failAll(slot, error));
    started.on('exit', (code) => {
      if (slot.thread === started) failAll(slot, new Error(`document preparer exited with code ${code}`));
    });
    return started;
  }

  return {
    parallelism: size,
    running: () => pool.filter((slot) => slot.thread !== null).length,
    prepare(input, options) {
      // Parse time grows with the text: the worker with the least text still to parse is freest.
      const slot = pool.reduce((best, next) => (next.queuedChars < best.queuedChars ? next : best));
      clearTimeout(slot.idleTimer);
      slot.thread ??= start(slot);
      const thread = slot.thread;
      const id = nextId++;
      thread.ref();
      const chars = input.text.length;
      slot.queuedChars += chars;
      const promise = new Promise<PreparedDocument>((resolve, reject) =>
        slot.pending.set(id, { resolve, reject, chars }),
      );
      thread.postMessage({ id, input, options });
      return promise;
    },
    async close() {
      for (const slot of pool) clearTimeout(slot.idleTimer);
      const stopping = pool.flatMap((slot) => (slot.thread ? [slot.thread] : []));
      for (const slot of pool) slot.thread = null;
      await Promise.all(stopping.map((thread) => thread.terminate()));
    },
  };
}
