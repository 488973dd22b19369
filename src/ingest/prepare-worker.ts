/**
 * Worker-thread entry: prepares documents (parse + chunk) off the main thread, so a page that
 * takes seconds to parse (a 700 KB release-notes page) never stalls the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import type { DocumentInput } from '../domain/document.ts';
import type { PrepareOptions } from './document-hash.ts';
import { prepareDocument } from './prepare-document.ts';

/** One request from the main thread. */
interface PrepareMessage {
  id: number;
  input: DocumentInput;
  options: PrepareOptions;
}

parentPort?.on('message', ({ id, input, options }: PrepareMessage) => {
  try {
    parentPort?.postMessage({ id, document: prepareDocument(input, options) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
