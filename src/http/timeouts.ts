import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';

/** Longest wait for a request's headers, however long the whole request may take. */
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * Server options that cut off slow clients: the headers within `min(10 s, requestTimeoutMs)`,
 * the whole request (headers and body) within `requestTimeoutMs`, and a silent socket after twice
 * that. Node checks the first two every `connectionsCheckingInterval`, so that
 * interval is a quarter of the timeout (Node's 30 s default would double a short one).
 */
export function timeoutOptions(requestTimeoutMs: number): FastifyHttpOptions<Server> {
  const headersTimeout = Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs);
  return {
    requestTimeout: requestTimeoutMs,
    // Later than the request timeout, so a slow client hears 408 before a silent socket is dropped.
    connectionTimeout: requestTimeoutMs * 2,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(5000, Math.floor(headersTimeout / 4))),
      // app.ts answers a missing Host itself, as problem+json (Node would send a bare 400).
      requireHostHeader: false,
    },
  };
}

/**
 * Once a request has been received (body parsed, just before the handler) the idle-socket timeout
 * no longer applies: an ingest may compute for minutes before it answers, and an answer stream
 * stays open as long as it pings. Node restores the keep-alive timeout after the response.
 */
export function liftIdleTimeoutForHandlers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    // app.inject() hands a socket stand-in without timers.
    request.raw.socket?.setTimeout?.(0);
  });
}
