import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { AnswerEvent } from '../../src/domain/answer-events.ts';
import { AppError } from '../../src/errors.ts';
import { citedSource, fakeDeps, scriptedAnswer } from '../helpers/fake-deps.ts';
import { listenApp, postJson, readSse } from '../helpers/http.ts';

const PING_MS = 40;
const chatBody = { messages: [{ role: 'user', content: 'How are bodies parsed?' }], user_id: 'u1' };

/** A producer that sends sources, then waits until aborted; `aborted` resolves with the reason. */
function waitingProducer() {
  let resolveAborted: (reason: unknown) => void = () => {};
  const aborted = new Promise<unknown>((resolve) => {
    resolveAborted = resolve;
  });
  const produce = async function* (_request: unknown, signal: AbortSignal): AsyncGenerator<AnswerEvent> {
    signal.addEventListener('abort', () => resolveAborted(signal.reason), { once: true });
    yield { type: 'sources', sources: [] };
    await sleep(60_000, undefined, { signal });
  };
  return { produce, aborted };
}

/**
 * POSTs `body` to /chat of a fresh app whose answer waits until aborted, drops the connection once
 * `ready` resolves, and returns the reason the answer service saw ('not aborted' after 2 s).
 */
async function abortReasonAfterDisconnect(
  body: unknown,
  ready: (request: http.ClientRequest) => Promise<unknown>,
): Promise<unknown> {
  const fakes = fakeDeps();
  const { app, url } = await listenApp(fakes.deps);
  try {
    const waiting = waitingProducer();
    fakes.answers.chatProducer = waiting.produce;
    // node:http rather than fetch: fetch keeps a spare pooled socket that delays app.close() by ~4 s.
    const request = http.request(`${url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    request.on('error', () => {});
    request.end(JSON.stringify(body));
    await ready(request);
    request.destroy();
    return await Promise.race([waiting.aborted, sleep(2000).then(() => 'not aborted')]);
  } finally {
    await app.close();
  }
}

describe('answer streaming over SSE', () => {
  const fakes = fakeDeps({ CORS_ORIGINS: 'https://book.example' });
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    ({ app, url } = await listenApp(fakes.deps, { pingIntervalMs: PING_MS }));
  });
  after(() => app.close());
  beforeEach(() => {
    fakes.answers.chatProducer = () => scriptedAnswer();
    fakes.answers.selectionProducer = () => scriptedAnswer();
  });

  test('sends sources, then tokens, then done, with SSE headers', async () => {
    const response = await postJson(`${url}/chat`, chatBody);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(response.headers.get('x-accel-buffering'), 'no');
    const { events } = await readSse(response);
    assert.deepEqual(
      events.map((e) => e.event),
      ['sources', 'token', 'token', 'done'],
    );
    assert.deepEqual(events[1]?.data, { text: 'Bodies are ' });
    assert.deepEqual(events[3]?.data, {
      answer: 'Bodies are parsed [1].',
      finish_reason: 'stop',
      mode: 'extractive',
      usage: null,
      citations: [1],
      request_id: response.headers.get('x-request-id'),
    });
  });

  test('sources carry the contract fields with text shortened to a snippet', async () => {
    const long = `${'word '.repeat(200)}end`;
    fakes.answers.chatProducer = () => scriptedAnswer(['x'], [citedSource(1, { text: long })]);
    const { events } = await readSse(await postJson(`${url}/chat`, chatBody));
    const [source] = (events[0]?.data.sources ?? []) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(source ?? {}).sort(), [
      'heading',
      'id',
      'n',
      'score',
      'source',
      'text',
      'title',
      'url',
    ]);
    const text = String(source?.text);
    assert.ok(text.length <= 300, `snippet has ${text.length} chars`);
    assert.ok(text.endsWith('word…'), text.slice(-20));
  });

  test('echoes the request id and CORS headers on the stream', async () => {
    const response = await postJson(`${url}/chat`, chatBody, {
      headers: { 'x-request-id': 'client-id-1', origin: 'https://book.example' },
    });
    await readSse(response);
    assert.equal(response.headers.get('x-request-id'), 'client-id-1');
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://book.example');
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /x-request-id/i);
  });

  test('a failure after the stream started ends it with an error event hiding 5xx details', async () => {
    fakes.answers.chatProducer = async function* () {
      yield { type: 'sources', sources: [] };
      yield { type: 'text-delta', text: 'partial' };
      throw new Error('upstream said: sk-secret-key invalid');
    };
    const response = await postJson(`${url}/chat`, chatBody);
    const { events } = await readSse(response);
    assert.deepEqual(
      events.map((e) => e.event),
      ['sources', 'token', 'error'],
    );
    const error = events[2]?.data ?? {};
    assert.equal(error.code, 'internal');
    assert.equal(error.request_id, response.headers.get('x-request-id'));
    assert.doesNotMatch(String(error.message), /sk-secret/);
  });

  test('an AppError after the start keeps its code in the error event', async () => {
    fakes.answers.chatProducer = async function* () {
      yield { type: 'sources', sources: [] };
      throw new AppError('upstream_timeout', 'model timed out after 30 s at host x');
    };
    const { events } = await readSse(await postJson(`${url}/chat`, chatBody));
    assert.equal(events.at(-1)?.event, 'error');
    assert.equal(events.at(-1)?.data.code, 'upstream_timeout');
  });

  test('a failure before the first event is a problem+json response, not a stream', async () => {
    fakes.answers.chatProducer = async function* () {
      yield* [];
      throw new AppError('upstream_unavailable', 'embedding service down');
    };
    const response = await postJson(`${url}/chat`, chatBody);
    assert.equal(response.status, 503);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(((await response.json()) as { code: string }).code, 'upstream_unavailable');
  });

  test('sends ping comments while the answer is idle', async () => {
    fakes.answers.chatProducer = async function* (_request, signal) {
      yield { type: 'sources', sources: [] };
      await sleep(PING_MS * 4, undefined, { signal });
      yield { type: 'text-delta', text: 'late' };
      yield {
        type: 'finish',
        answer: 'late',
        finishReason: 'stop',
        mode: 'extractive',
        usage: null,
        citations: [],
      };
    };
    const { items } = await readSse(await postJson(`${url}/chat`, chatBody));
    const between = items.slice(1, -2);
    assert.ok(between.length >= 2, `expected pings, got ${JSON.stringify(items)}`);
    assert.ok(between.every((item) => item.kind === 'comment' && item.text === 'ping'));
  });

  test('POST /chat/selection streams the same event sequence', async () => {
    const response = await postJson(`${url}/chat/selection`, {
      selected_text: 'The body is parsed as JSON.',
      question: 'What does this mean?',
      source: 'docs/body.md',
    });
    const { events } = await readSse(response);
    assert.deepEqual(
      events.map((e) => e.event),
      ['sources', 'token', 'token', 'done'],
    );
    assert.equal(fakes.answers.selectionRequests.at(-1)?.source, 'docs/body.md');
  });
});

describe('aborts and shutdown', () => {
  test('aborts the answer service when a streaming client disconnects', async () => {
    const reason = await abortReasonAfterDisconnect(chatBody, async (request) => {
      const [response] = (await once(request, 'response')) as [http.IncomingMessage];
      await once(response, 'data'); // the sources event: the stream is live
    });
    assert.notEqual(reason, 'not aborted');
  });

  test('aborts the answer service when a stream:false client disconnects', async () => {
    const reason = await abortReasonAfterDisconnect({ ...chatBody, stream: false }, () => sleep(50));
    assert.notEqual(reason, 'not aborted');
  });

  test('closing the app ends open streams with an upstream_unavailable error event', async () => {
    const fakes = fakeDeps();
    const { app, url } = await listenApp(fakes.deps);
    fakes.answers.chatProducer = waitingProducer().produce;
    const response = await postJson(`${url}/chat`, chatBody);
    const transcript = readSse(response);
    await sleep(20);
    const started = performance.now();
    await app.close();
    assert.ok(performance.now() - started < 1000, 'close waited for the stream');
    const { events } = await transcript;
    assert.deepEqual(
      events.map((e) => e.event),
      ['sources', 'error'],
    );
    assert.equal(events[1]?.data.code, 'upstream_unavailable');
  });
});

describe('CORS', () => {
  const fakes = fakeDeps({ CORS_ORIGINS: 'https://book.example' });
  let app: FastifyInstance;
  let url: string;
  before(async () => {
    ({ app, url } = await listenApp(fakes.deps));
  });
  after(() => app.close());

  test('answers a preflight from an allowed origin with the allowed headers and a request id', async () => {
    const response = await fetch(`${url}/chat`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://book.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://book.example');
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /content-type/i);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.ok(response.headers.get('x-request-id'));
  });

  test('does not allow an unlisted origin', async () => {
    const response = await fetch(`${url}/health`, { headers: { origin: 'https://evil.example' } });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('allows any origin when configured with *', async () => {
    const open = await listenApp(fakeDeps({ CORS_ORIGINS: '*' }).deps);
    try {
      const response = await fetch(`${open.url}/health`, { headers: { origin: 'https://anyone.example' } });
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
    } finally {
      await open.app.close();
    }
  });
});
