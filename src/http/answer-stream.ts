import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { AnswerEvent } from '../domain/answer-events.ts';
import { AppError } from '../errors.ts';
import { toWireEvent } from './answer-wire.ts';
import { toProblem } from './error-mapping.ts';
import type { ProblemInput } from './problem.ts';
import { SSE_HEADERS, sseComment, sseEvent } from './sse.ts';

/** How an answer stream behaves. */
export interface AnswerStreamOptions {
  /** Longest silence before a `: ping` comment (the contract requires ≤ 15 s). */
  pingIntervalMs: number;
  /** The request's abort signal (client disconnect or server shutdown), given to the producer. */
  signal: AbortSignal;
  /** Aborted only when the client went away; then nothing more is written. */
  disconnected: AbortSignal;
  /** Counts the streams open right now (metrics). */
  openStreams?: { inc(): void; dec(): void };
}

/** Resolves true when `promise` settles within `ms`, false otherwise; rejects when it rejects in time. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const SHUTTING_DOWN: ProblemInput = {
  status: 503,
  code: 'upstream_unavailable',
  detail: 'The server is shutting down; try again shortly.',
};

/**
 * Sends an answer as Server-Sent Events. The first event is awaited (up to one ping interval)
 * before committing to `200 text/event-stream`, so a failure before any output — retrieval down,
 * say — is still an ordinary problem+json response. Later failures end the stream with
 * `event: error`. Resolves when the response is complete.
 */
export async function streamAnswer(
  reply: FastifyReply,
  events: AsyncIterable<AnswerEvent>,
  options: AnswerStreamOptions,
): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  const firstStep = iterator.next();
  await settlesWithin(firstStep, options.pingIntervalMs);

  const requestId = reply.request.id;
  const log = reply.request.log;
  reply.hijack();
  const response = reply.raw;
  // After hijack Fastify flushes nothing: CORS and X-Request-Id must be copied by hand.
  response.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), ...SSE_HEADERS });
  response.flushHeaders();
  const write = (chunk: string): void => {
    if (response.writableEnded || response.destroyed) return;
    response.write(chunk);
    ping.refresh();
  };
  const ping = setInterval(() => write(sseComment('ping')), options.pingIntervalMs);
  options.openStreams?.inc();

  try {
    let finished = false;
    for (let step = await firstStep; !step.done && !finished; ) {
      if (options.signal.aborted) throw options.signal.reason;
      const wire = toWireEvent(step.value, requestId);
      write(sseEvent(wire.name, wire.data));
      finished = wire.name === 'done';
      if (!finished) step = await iterator.next();
    }
    if (!finished) throw new AppError('internal', 'answer ended without a finish event');
  } catch (error) {
    if (options.disconnected.aborted) {
      log.info('client disconnected; answer aborted');
    } else {
      const shuttingDown = options.signal.aborted;
      const problem = shuttingDown ? SHUTTING_DOWN : toProblem(error);
      if (shuttingDown) log.info('answer stream ended by server shutdown');
      else log[problem.status >= 500 ? 'error' : 'info']({ err: error }, 'answer stream failed after start');
      write(sseEvent('error', { code: problem.code, message: problem.detail, request_id: requestId }));
    }
  } finally {
    clearInterval(ping);
    options.openStreams?.dec();
    // Let the producer run its cleanup when we stop early (finish seen, abort, error).
    await iterator.return?.().catch(() => undefined);
    response.end();
  }
}
