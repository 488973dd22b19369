import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAbortError } from '../../errors.ts';
import { toProblem } from '../error-mapping.ts';
import type { ProblemInput } from '../problem.ts';

/** An error as OpenAI's API sends it (`{"error": {...}}`), which its SDKs turn into typed errors. */
export interface OpenAIErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** OpenAI's `type` for a status; the official clients choose their error class by status alone. */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * A problem in OpenAI's shape. Validation failures are 400 there (422 in our contract), with the
 * first offending field as `param`; `code` keeps the contract's stable code.
 */
export function openAIError(problem: ProblemInput): { status: number; body: { error: OpenAIErrorBody } } {
  const status = problem.status === 422 ? 400 : problem.status;
  const first = problem.errors?.[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : problem.detail;
  return {
    status,
    body: { error: { message, type: errorType(status), param: first?.path || null, code: problem.code } },
  };
}

/** Sends an OpenAI-shaped error. */
export const sendOpenAIError = (reply: FastifyReply, status: number, error: OpenAIErrorBody): FastifyReply =>
  reply.code(status).type('application/json; charset=utf-8').send({ error });

/** Makes every error and unknown route of `scope` (the /v1 prefix) answer in OpenAI's shape. */
export function registerOpenAIErrorHandling(scope: FastifyInstance): void {
  scope.setErrorHandler((error, request, reply) => {
    if (isAbortError(error) && reply.raw.destroyed) return reply;
    const { status, body } = openAIError(toProblem(error));
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.error.code, detail: body.error.message }, 'request rejected');
    return sendOpenAIError(reply, status, body.error);
  });
  scope.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = methodsOf(path);
    if (allowed.length > 0) {
      // A known path with a wrong method: 405 with Allow, as everywhere in the API.
      return sendOpenAIError(reply.header('allow', allowed.join(', ')), 405, {
        message: `${path} does not accept ${request.method}; use ${allowed.join(', ')}.`,
        type: 'invalid_request_error',
        param: null,
        code: 'method_not_allowed',
      });
    }
    return sendOpenAIError(reply, 404, {
      message: `Unknown request URL: ${request.method} ${path}.`,
      type: 'invalid_request_error',
      param: null,
      code: 'not_found',
    });
  });
}

/** The methods of the /v1 routes (GET routes answer HEAD too); [] for an unknown path. */
function methodsOf(path: string): string[] {
  if (path === '/v1/chat/completions') return ['POST'];
  const rest = path.startsWith('/v1/models') ? path.slice('/v1/models'.length) : null;
  if (rest === '' || (rest?.startsWith('/') && rest.length > 1 && !rest.slice(1).includes('/'))) {
    return ['GET', 'HEAD'];
  }
  return [];
}
