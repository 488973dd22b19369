import { Worker } from 'node:worker_threads';
import type { DocumentInput, PreparedDocument } from '../domain/document.ts';
import type { PrepareOptions } from './document-hash.ts';

/** Prepares documents (parse + chunk) on a worker thread, one at a time, in request order. */
export interface DocumentPreparer {
  /** The prepared document, computed off the main thread. */
  prepare(input: DocumentInput, options: PrepareOptions): Promise<PreparedDocument>;
  /** Stops the worker (a later `prepare` starts a new one). */
  close(): Promise<void>;
}

type Reply = { id: number; document: PreparedDocument } | { id: number; error: string };

/**
 * A preparer backed by one lazily started worker thread. The worker keeps the process alive only
 * while it has work, so a CLI run still exits when it is done.
 */
export function createDocumentPreparer(): DocumentPreparer {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (doc: PreparedDocument) => void; reject: (error: Error) => void }
  >();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = null;
  };

  function start(): Worker {
    const started = new Worker(new URL('./prepare-worker.ts', import.meta.url));
    started.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (!waiting) return;
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.document);
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => {
      if (worker === started) failAll(new Error(`document preparer exited with code ${code}`));
    });
    return started;
  }

  return {
    prepare(input, options) {
      worker ??= start();
      const id = nextId++;
      worker.ref();
      const promise = new Promise<PreparedDocument>((resolve, reject) =>
        pending.set(id, { resolve, reject }),
      );
      worker.postMessage({ id, input, options });
      return promise;
    },
    async close() {
      const stopping = worker;
      worker = null;
      if (stopping) await stopping.terminate();
    },
  };
}
