import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAbortError } from '../errors.ts';
import { toProblem } from './error-mapping.ts';
import { sendProblem } from './problem.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';

/**
 * Fastify `frameworkErrors`: errors raised before routing (a URL that does not decode, e.g.
 * `/%zz`), answered like any other error; no hook has run yet, so the id header is set here.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.header(REQUEST_ID_HEADER, request.id);
  void sendProblem(reply, toProblem(error));
}

/**
 * Turns every error and unknown route into one problem+json shape. 5xx details are generic
 * (see toProblem); the full error goes to the log with the request id instead.
 */
export function registerErrorHandling(app: FastifyInstance, allowedMethods: (url: string) => string[]): void {
  app.setErrorHandler((error, request, reply) => {
    if (isAbortError(error) && reply.raw.destroyed) {
      // The client went away and aborted its own work: nobody is left to answer.
      request.log.info('request aborted by client disconnect');
      return reply;
    }
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, detail: problem.detail }, 'request rejected');
    return sendProblem(reply, problem);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = allowedMethods(request.url);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return sendProblem(reply.header('allow', allowed.join(', ')), {
        status: 405,
        code: 'method_not_allowed',
        detail: `${path} does not accept ${request.method}; use ${allowed.join(', ')}.`,
      });
    }
    return sendProblem(reply, {
      status: 404,
      code: 'not_found',
      detail: `No route ${request.method} ${path}.`,
    });
  });
}
