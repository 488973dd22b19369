import type { FastifyInstance } from 'fastify';
import { isAbortError } from '../errors.ts';
import { toProblem } from './error-mapping.ts';
import { sendProblem } from './problem.ts';

/**
 * Turns every error and unknown route into one problem+json shape. 5xx details are generic
 * (see toProblem); the full error goes to the log with the request id instead.
 */
export function registerErrorHandling(app: FastifyInstance): void {
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

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      status: 404,
      code: 'not_found',
      detail: `No route ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );
}
