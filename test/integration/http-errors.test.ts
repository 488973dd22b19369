import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { suiteApp } from '../helpers/http.ts';

const PROBLEM_TYPE = /^application\/problem\+json/;
const chatBody = { messages: [{ role: 'user', content: 'Hi?' }], user_id: 'u1', stream: false };

describe('errors are problem+json', () => {
  const { fakes, inject } = suiteApp({ BODY_LIMIT: '2048' });

  const post = (url: string, payload: string, contentType = 'application/json') =>
    inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

  test('malformed JSON is 400 invalid_json with the problem fields', async () => {
    const response = await post('/search', '{"query": ');
    assert.equal(response.statusCode, 400);
    assert.match(response.headers['content-type'] ?? '', PROBLEM_TYPE);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['code', 'detail', 'request_id', 'status', 'title', 'type']);
    assert.equal(body.code, 'invalid_json');
    assert.equal(body.status, 400);
    assert.equal(body.request_id, response.headers['x-request-id']);
  });

  test('a body over BODY_LIMIT is 413 payload_too_large', async () => {
    const response = await post('/search', JSON.stringify({ query: 'x'.repeat(4000) }));
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().code, 'payload_too_large');
  });

  test('an unknown field is 422 validation_failed naming the field', async () => {
    const response = await post('/search', JSON.stringify({ query: 'q', topk: 3 }));
    assert.equal(response.statusCode, 422);
    assert.match(response.headers['content-type'] ?? '', PROBLEM_TYPE);
    assert.equal(response.json().code, 'validation_failed');
    assert.deepEqual(response.json().errors, [{ path: 'topk', message: 'unknown field' }]);
  });

  test('a field out of range is 422 with its dotted path', async () => {
    const response = await post(
      '/chat',
      JSON.stringify({ ...chatBody, messages: [{ role: 'user', content: '' }] }),
    );
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      response.json().errors.map((error: { path: string }) => error.path),
      ['messages.0.content'],
    );
  });

  test('a conversation not ending with the user is 422', async () => {
    const messages = [
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'A' },
    ];
    const response = await post('/chat', JSON.stringify({ ...chatBody, messages }));
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().errors[0].path, 'messages.1.role');
  });

  test('a non-JSON content type is 415 unsupported_media_type', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await post('/search', 'query=x', type);
      assert.equal(response.statusCode, 415, type);
      assert.equal(response.json().code, 'unsupported_media_type');
    }
  });

  test('an unknown route is 404 not_found problem+json', async () => {
    const response = await inject({ method: 'GET', url: '/nope?x=1' });
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] ?? '', PROBLEM_TYPE);
    assert.equal(response.json().code, 'not_found');
    assert.equal(response.json().detail, 'No route GET /nope.');
    assert.ok(response.headers['x-request-id']);
  });

  test('an unexpected error is 500 internal without its message or stack', async () => {
    fakes.answers.chatProducer = () => {
      throw new Error('connect ECONNREFUSED with key sk-live-123');
    };
    const response = await post('/chat', JSON.stringify(chatBody));
    assert.equal(response.statusCode, 500);
    assert.equal(response.json().code, 'internal');
    assert.doesNotMatch(response.body, /sk-live|ECONNREFUSED|at /);
  });

  test('an AppError keeps its status and code; 5xx detail is generic', async () => {
    fakes.answers.chatProducer = () => {
      throw new AppError('rate_limited', 'Too many requests for this user.');
    };
    const limited = await post('/chat', JSON.stringify(chatBody));
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().detail, 'Too many requests for this user.');

    fakes.answers.chatProducer = () => {
      throw new AppError('upstream_timeout', 'openai.example timed out: {"secret":1}');
    };
    const timeout = await post('/chat', JSON.stringify(chatBody));
    assert.equal(timeout.statusCode, 504);
    assert.equal(timeout.json().code, 'upstream_timeout');
    assert.doesNotMatch(timeout.body, /secret/);
  });
});

describe('request ids', () => {
  const { inject } = suiteApp();

  const health = (id?: string) =>
    inject({ method: 'GET', url: '/health', headers: id === undefined ? {} : { 'x-request-id': id } });

  test('echoes a safe client id', async () => {
    const response = await health('abc-123_x.y:z');
    assert.equal(response.headers['x-request-id'], 'abc-123_x.y:z');
  });

  test('replaces an unsafe or overlong id with a generated UUID', async () => {
    for (const bad of ['has space', 'a'.repeat(129), '<script>']) {
      const id = (await health(bad)).headers['x-request-id'];
      assert.match(String(id), /^[0-9a-f-]{36}$/, bad);
    }
  });

  test('generates distinct ids when none is sent', async () => {
    const [first, second] = await Promise.all([health(), health()]);
    assert.notEqual(first.headers['x-request-id'], second.headers['x-request-id']);
  });

  test('error responses carry the id in header and body', async () => {
    const response = await inject({
      method: 'POST',
      url: '/search',
      headers: { 'x-request-id': 'req-9' },
      payload: {},
    });
    assert.equal(response.headers['x-request-id'], 'req-9');
    assert.equal(response.json().request_id, 'req-9');
  });
});
