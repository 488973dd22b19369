import type { FastifyReply } from 'fastify';

/**
 * A signal that aborts when the client goes away before the response is complete, combined with
 * `also` (e.g. server shutdown). It listens on the response's 'close': `request.signal` and the
 * request's 'close' fire as soon as a POST body has been read, not on disconnect (see
 * platform-facts §3), and 'close' after a complete response is told apart by `writableFinished`.
 */
export function requestSignal(
  reply: FastifyReply,
  also?: AbortSignal,
): { signal: AbortSignal; disconnected: AbortSignal } {
  const controller = new AbortController();
  const response = reply.raw;
  const onClose = (): void => {
    if (!response.writableFinished) controller.abort(new DOMException('client disconnected', 'AbortError'));
  };
  if (response.destroyed) onClose();
  else response.once('close', onClose);
  const signal = also ? AbortSignal.any([controller.signal, also]) : controller.signal;
  return { signal, disconnected: controller.signal };
}
