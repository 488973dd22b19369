import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.ts';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares in constant time; hashing first makes the lengths equal, so length does not leak either. */
const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(digest(given), digest(expected));

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x. */
export const isLoopbackAddress = (address: string | undefined): boolean =>
  address !== undefined && (address === '::1' || /^127\./.test(address) || /^::ffff:127\./i.test(address));

/**
 * Headers by which a proxy says it forwards someone else's request. Any of them, whatever its
 * value, means the loopback peer is not the client. `x-forwarded-*` is matched as a prefix.
 */
const FORWARDING_HEADERS = [
  'forwarded',
  'via',
  'x-real-ip',
  'x-client-ip',
  'x-cluster-client-ip',
  'client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
  'x-original-forwarded-for',
];

const hasForwardingHeader = (headers: FastifyRequest['headers']): boolean =>
  Object.keys(headers).some((name) => name.startsWith('x-forwarded-') || FORWARDING_HEADERS.includes(name));

/** `localhost`, `127.x.y.z` or `[::1]`, with or without a port: what a local client puts in Host. */
function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined || !URL.canParse(`http://${host}`)) return false;
  const name = new URL(`http://${host}`).hostname.toLowerCase();
  return name === 'localhost' || name === '[::1]' || isLoopbackAddress(name);
}

/** No Origin (not a browser, or same-origin GET), or a page served from this machine. */
function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  return isLoopbackHost(new URL(origin).host);
}

/**
 * A request counts as local only when the socket peer is loopback, no proxy says it forwarded
 * it (a reverse proxy on the same host connects from 127.0.0.1 on behalf of remote clients),
 * and Host and Origin name this machine: a DNS-rebinding page reaches 127.0.0.1 under its own
 * host name, and a cross-site page sends its own Origin. The socket address is used, never
 * `request.ip`, which X-Forwarded-For can spoof under trustProxy.
 */
function isLocalRequest(request: FastifyRequest): boolean {
  const { headers } = request;
  return (
    isLoopbackAddress(request.raw.socket.remoteAddress) &&
    !hasForwardingHeader(headers) &&
    isLoopbackHost(headers.host) &&
    isLoopbackOrigin(headers.origin)
  );
}

/** Warns, once listening on a non-loopback address, that admin routes rely on the loopback rule alone. */
export function warnWhenAdminIsOpen(app: FastifyInstance, adminToken: string | undefined): void {
  if (adminToken !== undefined) return;
  app.addHook('onListen', async () => {
    // A string address is a Unix socket: reachable from this machine only.
    const exposed = app
      .addresses()
      .flatMap((address) => (typeof address === 'string' ? [] : [address.address]))
      .filter((address) => !isLoopbackAddress(address));
    if (exposed.length === 0) return;
    app.log.warn(
      { addresses: exposed },
      'ADMIN_TOKEN is not set while listening beyond loopback: admin routes (/embed, /documents) ' +
        'are open to any request that looks local. Set ADMIN_TOKEN on every deployment.',
    );
  });
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
