import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { type ProblemInput, problemBody } from './problem.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';

/** What Node's parser reported, by error code; anything else is a malformed request (400). */
function problemFor(code: string | undefined): ProblemInput {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, code: 'request_timeout', detail: 'The request was not received in time.' };
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, code: 'payload_too_large', detail: 'The request headers are too large.' };
  }
  return { status: 400, code: 'validation_failed', detail: 'The request is not valid HTTP/1.1.' };
}

/** The response Node's server is writing on this socket, if any (its own default handler checks the same). */
const responseStarted = (socket: Socket): boolean =>
  Boolean((socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent);

/**
 * Fastify `clientErrorHandler`: answers what Node's HTTP parser rejects before any route runs
 * (bad chunking, duplicate Content-Length, oversized headers, request timeouts) with the same
 * problem+json and X-Request-Id as every other error. There is no request object, so the
 * response is written on the raw socket, then the connection is closed (its framing is lost).
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && !responseStarted(socket)) {
    const requestId = randomUUID();
    const problem = problemBody(problemFor(error.code), requestId);
    const body = JSON.stringify(problem);
    socket.write(
      [
        `HTTP/1.1 ${problem.status} ${problem.title}`,
        'content-type: application/problem+json; charset=utf-8',
        `content-length: ${Buffer.byteLength(body)}`,
        `${REQUEST_ID_HEADER}: ${requestId}`,
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy();
}
