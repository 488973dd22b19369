import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { ErrorCode, FieldError } from '../errors.ts';

/** An RFC 9457 problem details body as the contract defines it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  request_id: string;
  errors?: FieldError[];
}

/** The parts of a problem that vary; `type`, `title` and `request_id` are filled in. */
export interface ProblemInput {
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldError[] | undefined;
}

/**
 * Builds a problem body. `type` is `about:blank`, so RFC 9457 asks that `title` be the HTTP
 * status phrase; the stable, machine-readable meaning lives in `code`.
 */
export function problemBody(input: ProblemInput, requestId: string): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[input.status] ?? 'Error',
    status: input.status,
    detail: input.detail,
    code: input.code,
    request_id: requestId,
    ...(input.errors && input.errors.length > 0 ? { errors: input.errors } : {}),
  };
}

/** Sends a problem as `application/problem+json`. */
export function sendProblem(reply: FastifyReply, input: ProblemInput): FastifyReply {
  return reply
    .code(input.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(input, reply.request.id));
}
