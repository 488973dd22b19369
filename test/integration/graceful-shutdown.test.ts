import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createFixtureBook, type FixtureBook } from '../helpers/fixture-book.ts';
import { postJson } from '../helpers/http.ts';
import { type OpenAITestServer, startOpenAITestServer } from '../helpers/openai-test-server.ts';
import { startServerProcess } from '../helpers/server-process.ts';

describe('graceful shutdown of a real server process', () => {
  let book: FixtureBook;
  let openai: OpenAITestServer;
  before(async () => {
    book = createFixtureBook();
    openai = await startOpenAITestServer();
  });
  after(async () => {
    await openai.close();
    book.remove();
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} ends an open answer stream with an error event, stops accepting and exits 0 within 10 s`, async () => {
      const server = await startServerProcess({
        DATA_DIR: `${book.dataDir}-${signal}`,
        DOCS_DIR: book.docsDir,
        OPENAI_BASE_URL: openai.baseURL,
      });
      // Never leave the process behind when an assertion fails.
      after(() => server.child.kill('SIGKILL'));
      // The model streams its first words, then goes silent: the answer stays open.
      openai.enqueue({ kind: 'stall', path: '/v1/chat/completions' });
      const response = await postJson(`${server.url}/chat`, {
        messages: [{ role: 'user', content: 'How do I compose functions?' }],
        user_id: 'reader',
      });
      assert.equal(response.status, 200);
      const reader = response.body?.getReader();
      assert.ok(reader);
      let text = '';
      const decoder = new TextDecoder();
      while (!text.includes('event: token')) {
        const { value, done } = await reader.read();
        assert.ok(!done, `stream ended early: ${text}`);
        text += decoder.decode(value, { stream: true });
      }

      const started = performance.now();
      server.child.kill(signal);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += decoder.decode(chunk.value, { stream: true });
      }
      const { code } = await server.exited;
      const took = performance.now() - started;

      assert.match(text, /event: error\ndata: \{"code":"upstream_unavailable"/);
      assert.doesNotMatch(text, /event: done/);
      assert.equal(code, 0, server.output());
      assert.ok(took < 10_000, `took ${Math.round(took)} ms`);
      assert.match(server.output(), /"msg":"shutting down"/);
      await assert.rejects(fetch(`${server.url}/health`), 'no longer accepting connections');
      const upstream = openai.requests.find((request) => request.path === '/v1/chat/completions');
      await upstream?.settled;
      assert.equal(upstream?.aborted, true, 'the upstream generation is cancelled');
      openai.reset();
    });
  }
});
