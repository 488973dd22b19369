import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.ts';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares in constant time; hashing first makes the lengths equal, so length does not leak either. */
export const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(digest(given), digest(expected));

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x. */
export const isLoopbackAddress = (address: string | undefined): boolean =>
  address !== undefined && (address === '::1' || /^127\./.test(address) || /^::ffff:127\./i.test(address));

/**
 * A request counts as local only when the socket peer is loopback AND no proxy forwarded it:
 * a reverse proxy on the same host connects from 127.0.0.1 on behalf of remote clients.
 * The socket address is used, never `request.ip`, which X-Forwarded-For can spoof under trustProxy.
 */
function isLocalRequest(request: FastifyRequest): boolean {
  const headers = request.headers;
  if (headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined) return false;
  return isLoopbackAddress(request.raw.socket.remoteAddress);
}

/**
 * Guards admin routes. With a token configured, `Authorization: Bearer <token>` is required from
 * everyone (401 otherwise); without one, only local clients are let in (403 otherwise).
 */
export function adminGuard(adminToken: string | undefined): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (adminToken === undefined) {
      if (!isLocalRequest(request)) {
        throw new AppError('forbidden', 'Admin routes accept only local clients while ADMIN_TOKEN is unset.');
      }
      return;
    }
    const header = request.headers.authorization;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match?.[1] || !sameSecret(match[1], adminToken)) {
      // RFC 6750 §3: name the error only when credentials were actually presented.
      const challenge = header === undefined ? '' : ', error="invalid_token"';
      reply.header('www-authenticate', `Bearer realm="admin"${challenge}`);
      throw new AppError('unauthorized', 'A valid admin bearer token is required.');
    }
  };
}
