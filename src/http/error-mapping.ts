import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError } from '../errors.ts';
import type { ProblemInput } from './problem.ts';

/** What clients see for 5xx codes: fixed texts, so upstream bodies and internals never leak. */
const SERVER_DETAIL: Partial<Record<ErrorCode, string>> = {
  budget_exhausted:
    "Today's answer budget is spent; answers resume after midnight UTC. Search keeps working.",
  upstream_unavailable: 'A service this request depends on is unavailable; try again later.',
  upstream_timeout: 'A service this request depends on did not answer in time; try again later.',
  internal: 'An unexpected error occurred; the request id identifies it in the server logs.',
};

/** Fastify's own client errors, by their code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_NOT_FOUND: 'not_found',
};

/** Every body this API accepts is JSON; Fastify's own 415 text does not say so. */
const JSON_EXPECTED = 'The request body must be JSON, sent with Content-Type: application/json.';

/** The fallback code for other 4xx statuses. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  return 'validation_failed';
}

interface ZodIssueLike {
  instancePath: string;
  message?: string | undefined;
  keyword: string;
  params: Record<string, unknown>;
}

/** `/messages/0/content` → `messages.0.content` (the root is `""`). */
const dotted = (instancePath: string): string => instancePath.split('/').filter(Boolean).join('.');

const join = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/** One FieldError per problem; an unknown-keys issue becomes one error per unknown field. */
export function fieldErrors(issues: ZodIssueLike[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = dotted(issue.instancePath);
    const keys = issue.params.keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({ path: join(path, String(key)), message: 'unknown field' }));
    }
    return [{ path, message: issue.message ?? 'invalid value' }];
  });
}

/** A fastify-style error: has a numeric statusCode and a string code. */
const fastifyError = (error: unknown): { statusCode?: unknown; code?: unknown; message: string } | null =>
  error instanceof Error ? (error as Error & { statusCode?: unknown; code?: unknown }) : null;

/**
 * The one mapping from anything thrown to a problem: validation failures, Fastify's client
 * errors, AppError (its own status and code) and — for everything else — a generic 500.
 */
export function toProblem(error: unknown): ProblemInput {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrors(error.validation as unknown as ZodIssueLike[]);
    return { status: 422, code: 'validation_failed', detail: 'The request is not valid.', errors };
  }
  if (error instanceof AppError) {
    const detail =
      error.status >= 500 ? (SERVER_DETAIL[error.code] ?? SERVER_DETAIL.internal) : error.message;
    return { status: error.status, code: error.code, detail: detail ?? '', errors: error.errors };
  }
  const fastify = fastifyError(error);
  const status = typeof fastify?.statusCode === 'number' ? fastify.statusCode : 500;
  if (fastify && status >= 400 && status < 500) {
    const known = typeof fastify.code === 'string' ? FASTIFY_CODES[fastify.code] : undefined;
    const code = known ?? codeForStatus(status);
    return { status, code, detail: code === 'unsupported_media_type' ? JSON_EXPECTED : fastify.message };
  }
  return { status: 500, code: 'internal', detail: SERVER_DETAIL.internal ?? '' };
}
