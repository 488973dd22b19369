import { createSseParser } from './sse-parser.ts';

/** A numbered source as the `sources` event sends it. */
export interface Source {
  n: number;
  title: string;
  heading: string;
  url: string | null;
  text: string;
}

/** The `done` event: the whole answer, its request id (for feedback) and the sources it cites. */
export interface AnswerDone {
  answer: string;
  request_id: string;
  finish_reason: string;
  citations?: number[];
}

/** What the widget hears while an answer streams. */
export interface AnswerHandlers {
  sources(sources: Source[]): void;
  token(text: string): void;
  done(done: AnswerDone): void;
}

/** A failure worth showing to the reader: the server's problem `detail` or a network message. */
export class AnswerError extends Error {
  override readonly name = 'AnswerError';
}

const NETWORK_MESSAGE = 'The chat service could not be reached. Check your connection and try again.';

/** The problem `detail` of an error response, or a plain message naming the status. */
export async function problemDetail(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: unknown; title?: unknown };
    if (typeof body.detail === 'string' && body.detail) return body.detail;
    if (typeof body.title === 'string' && body.title) return body.title;
  } catch {
    // Not JSON (a proxy's error page, say): fall through to the status line.
  }
  return `The chat service answered ${response.status} ${response.statusText}`.trim();
}

/**
 * POSTs `body` to `url` and streams the SSE answer into `handlers`. Resolves when `done` arrived;
 * rejects with AnswerError on a problem response, an `error` event or a cut stream, and with the
 * AbortError when `signal` aborts (the reader pressed stop).
 */
export async function streamAnswer(
  url: string,
  body: unknown,
  handlers: AnswerHandlers,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new AnswerError(NETWORK_MESSAGE, { cause: error });
  }
  if (!response.ok || !response.body) throw new AnswerError(await problemDetail(response));

  let finished = false;
  let failure: AnswerError | null = null;
  const parser = createSseParser(({ event, data }) => {
    if (finished || failure) return;
    const payload = JSON.parse(data) as Record<string, unknown>;
    if (event === 'sources') handlers.sources((payload.sources as Source[]) ?? []);
    else if (event === 'token') handlers.token(String(payload.text ?? ''));
    else if (event === 'done') {
      finished = true;
      handlers.done(payload as unknown as AnswerDone);
    } else if (event === 'error') failure = new AnswerError(String(payload.message ?? 'The answer failed.'));
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    while (!finished && !failure) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    throw new AnswerError(NETWORK_MESSAGE, { cause: error });
  } finally {
    parser.end();
    // Closes the connection when `done` came before the server ended the stream.
    void reader.cancel().catch(() => undefined);
  }
  if (failure) throw failure;
  if (!finished) throw new AnswerError('The answer was cut off before it finished. Try again.');
}
