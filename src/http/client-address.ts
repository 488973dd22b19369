import { isIP } from 'node:net';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/** Longest key kept from a forwarded entry; a trusted proxy writes far less, anything longer is junk. */
const MAX_ENTRY = 64;

/** The `X-Forwarded-For` entries, left to right (Node joins repeated headers with ", "). */
function forwardedChain(header: string | string[] | undefined): string[] {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * The address a request is rate limited by. With `trustedHops` = 0 it is the socket peer and
 * `X-Forwarded-For` is ignored. With N trusted proxies in front, each appends the address it
 * saw, so the client is the N-th entry from the right of "X-Forwarded-For + socket peer";
 * entries further left were written by the client and may be forged. IPv6 addresses are grouped
 * by /64, since one host usually holds a whole /64.
 */
export function clientAddress(request: FastifyRequest, trustedHops: number): string {
  const peer = request.raw.socket.remoteAddress ?? 'unknown';
  const chain = trustedHops > 0 ? [...forwardedChain(request.headers['x-forwarded-for']), peer] : [peer];
  const entry = (chain[Math.max(0, chain.length - 1 - trustedHops)] ?? peer).slice(0, MAX_ENTRY);
  return isIP(entry) ? normalizeIP(entry) : entry.toLowerCase();
}
