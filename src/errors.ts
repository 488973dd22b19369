/** Stable machine-readable error codes of the HTTP contract. */
export type ErrorCode =
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'budget_exhausted'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'index_mismatch'
  | 'internal';

/** One field-level problem in a validation failure. */
export interface FieldError {
  path: string;
  message: string;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  method_not_allowed: 405,
  request_timeout: 408,
  budget_exhausted: 503,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  index_mismatch: 409,
  internal: 500,
};

const RETRYABLE = new Set<ErrorCode>(['rate_limited', 'upstream_unavailable', 'upstream_timeout']);

/**
 * The one error type the application throws on purpose. It carries everything the HTTP edge
 * needs (status, code) so errors are thrown once and mapped once.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly errors: FieldError[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; errors?: FieldError[]; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? STATUS[code];
    this.retryable = RETRYABLE.has(code);
    this.errors = options.errors;
  }
}

/** A request that failed validation; `errors` lists each offending field. */
export const validationError = (message: string, errors: FieldError[] = []): AppError =>
  new AppError('validation_failed', message, { errors });

/** A bad request that is not a schema failure (e.g. a path escaping DOCS_DIR): 400. */
export const badRequest = (message: string, errors: FieldError[] = []): AppError =>
  new AppError('validation_failed', message, { errors, status: 400 });

export const notFound = (message: string): AppError => new AppError('not_found', message);

/**
 * True when `error` is an abort caused by an AbortSignal (the client went away). By name only:
 * DOMException and Node's own AbortError both say 'AbortError'. The OpenAI SDK's
 * APIUserAbortError says 'Error', so its adapter rethrows aborts as a standard AbortError;
 * a timeout signal's 'TimeoutError' is deliberately not an abort.
 */
export const isAbortError = (error: unknown): boolean =>
  error instanceof Error && error.name === 'AbortError';
