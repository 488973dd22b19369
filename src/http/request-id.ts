import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header carrying the request id, both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Client ids are echoed only when short and made of characters safe in logs and headers. */
export const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify `genReqId`: the client's id when it is safe, a fresh UUID otherwise. */
export function requestIdFor(request: IncomingMessage): string {
  const sent = request.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && SAFE_ID.test(sent) ? sent : randomUUID();
}
