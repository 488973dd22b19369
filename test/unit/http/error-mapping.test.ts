import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../src/errors.ts';
import { fieldErrors, toProblem } from '../../../src/http/error-mapping.ts';

describe('fieldErrors', () => {
  test('turns an unknown-keys issue into one error per field under its parent', () => {
    const errors = fieldErrors([
      {
        instancePath: '/documents/0',
        keyword: 'unrecognized_keys',
        message: 'x',
        params: { keys: ['a', 'b'] },
      },
    ]);
    assert.deepEqual(errors, [
      { path: 'documents.0.a', message: 'unknown field' },
      { path: 'documents.0.b', message: 'unknown field' },
    ]);
  });

  test('uses dotted paths and the issue message otherwise', () => {
    const errors = fieldErrors([
      { instancePath: '/query', keyword: 'too_small', message: 'Too small', params: {} },
    ]);
    assert.deepEqual(errors, [{ path: 'query', message: 'Too small' }]);
  });
});

describe('toProblem', () => {
  test('keeps the message of a 4xx AppError and its field errors', () => {
    const errors = [{ path: 'path', message: 'escapes DOCS_DIR' }];
    const problem = toProblem(new AppError('validation_failed', 'Bad path.', { status: 400, errors }));
    assert.deepEqual(problem, { status: 400, code: 'validation_failed', detail: 'Bad path.', errors });
  });

  test('replaces the message of a 5xx AppError with a fixed text', () => {
    const problem = toProblem(new AppError('upstream_unavailable', 'qdrant at 10.0.0.5 said 502'));
    assert.equal(problem.status, 503);
    assert.doesNotMatch(problem.detail, /10\.0\.0\.5/);
  });

  test('maps a non-Fastify error with a status-like field to 500 internal', () => {
    const error = Object.assign(new Error('boom'), { status: 404 });
    assert.deepEqual(toProblem(error).code, 'internal');
  });
});
