import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnswerEvent } from '../../src/domain/answer-events.ts';
import { fakeDeps, scriptedAnswer } from '../helpers/fake-deps.ts';
import { postJson, readSse, suiteServer } from '../helpers/http.ts';
import { parseRawResponse, rawExchange } from '../helpers/raw-http.ts';

const REQUEST_TIMEOUT_MS = 600;

/** An answer that takes about `ms` to produce, one token every 100 ms. */
async function* slowAnswer(ms: number): AsyncGenerator<AnswerEvent> {
  for await (const event of scriptedAnswer(Array.from({ length: ms / 100 }, () => 'word '))) {
    if (event.type === 'text-delta') await new Promise((resolve) => setTimeout(resolve, 100));
    yield event;
  }
}

describe(`request timeouts (REQUEST_TIMEOUT_MS=${REQUEST_TIMEOUT_MS})`, () => {
  const fakes = fakeDeps({ REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
  const server = suiteServer(fakes.deps, { pingIntervalMs: 200 });

  test('a request body trickling in is cut off with 408 problem+json', async () => {
    const head =
      'POST /search HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n';
    // One byte every 100 ms would need 20 s for the whole body.
    const started = performance.now();
    const { text, closedByServer } = await rawExchange(
      server.url(),
      [head, ...'{"query": "slow"'.split('')],
      {
        gapMs: 100,
        timeoutMs: 15_000,
      },
    );
    const elapsed = performance.now() - started;
    assert.ok(closedByServer, 'the server should close the connection');
    assert.ok(elapsed < 8000, `cut off after ${Math.round(elapsed)} ms`);
    const response = parseRawResponse(text);
    assert.equal(response?.status, 408);
    assert.match(response?.headers['content-type'] ?? '', /^application\/problem\+json/);
    assert.equal(JSON.parse(response?.body ?? '{}').code, 'request_timeout');
    assert.ok(response?.headers['x-request-id']);
  });

  test('headers that never finish are cut off too', async () => {
    const { text, closedByServer } = await rawExchange(
      server.url(),
      ['GET /health HTTP/1.1\r\nHost: t\r\n'],
      {
        timeoutMs: 15_000,
      },
    );
    assert.ok(closedByServer);
    assert.equal(parseRawResponse(text)?.status, 408);
  });

  test('an answer stream lasting several request timeouts is not cut off', async () => {
    const streamMs = REQUEST_TIMEOUT_MS * 4;
    fakes.answers.chatProducer = () => slowAnswer(streamMs);
    const started = performance.now();
    const response = await postJson(`${server.url()}/chat`, {
      messages: [{ role: 'user', content: 'Slow?' }],
      user_id: 'u',
    });
    assert.equal(response.status, 200);
    const transcript = await readSse(response);
    assert.ok(performance.now() - started >= streamMs);
    assert.deepEqual(transcript.events.at(-1)?.event, 'done');
    assert.equal(transcript.events.filter((event) => event.event === 'token').length, streamMs / 100);
  });

  test('a handler computing longer than the timeout still answers (JSON response)', async () => {
    fakes.answers.chatProducer = () => slowAnswer(REQUEST_TIMEOUT_MS * 3);
    const response = await postJson(`${server.url()}/chat`, {
      messages: [{ role: 'user', content: 'Slow?' }],
      user_id: 'u',
      stream: false,
    });
    assert.equal(response.status, 200);
    assert.match(((await response.json()) as { answer: string }).answer, /word/);
  });
});
