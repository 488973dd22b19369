import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { followUpQuery } from '../../src/domain/follow-up-query.ts';
import { createFixtureBook } from '../helpers/fixture-book.ts';
import { listenApp, postJson } from '../helpers/http.ts';
import {
  type Behaviour,
  type OpenAITestServer,
  startOpenAITestServer,
} from '../helpers/openai-test-server.ts';

const history = [
  { role: 'user' as const, content: 'What does compose do?' },
  { role: 'assistant' as const, content: 'compose composes functions from right to left [1].' },
];
const followUp = 'and what does it return?';

/** A follow-up whose model rewrite fails: retrieval must use the heuristic rewrite, not the raw words. */
describe('follow-ups with a chat model whose rewrite fails', () => {
  const book = createFixtureBook();
  const logLines: Record<string, unknown>[] = [];
  let openai: OpenAITestServer;
  let deps: Deps;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    openai = await startOpenAITestServer();
    const config = loadConfig({
      DATA_DIR: book.dataDir,
      DOCS_DIR: book.docsDir,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_TIMEOUT_MS: '300',
      OPENAI_MAX_RETRIES: '0',
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    deps = await buildDeps(config, pino({ level: 'debug' }, sink));
    ({ app, url } = await listenApp(deps));
    await postJson(`${url}/embed`, { path: '.' });
  });
  after(async () => {
    await app.close();
    await deps.close();
    await openai.close();
    book.remove();
  });

  const ask = async (rewrite: Behaviour) => {
    openai.reset();
    openai.enqueue({ path: '/v1/chat/completions', ...rewrite });
    const response = await postJson(`${url}/chat`, {
      messages: [...history, { role: 'user', content: followUp }],
      user_id: 'reader',
      stream: false,
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { request_id: string; sources: { source: string }[] };
    const embedded = openai.requests.filter((request) => request.path === '/v1/embeddings');
    return { body, queries: embedded.map((request) => request.body.input) };
  };

  const expected = followUpQuery(history, followUp);

  it('falls back to the heuristic rewrite when the rewrite call answers HTTP 500', async () => {
    assert.notEqual(expected, followUp, 'the heuristic adds the topic of the conversation');
    const { body, queries } = await ask({ kind: 'status', status: 500 });
    assert.deepEqual(queries, [[expected]]);
    assert.equal(body.sources[0]?.source, 'api/compose.md');
    const logged = logLines.find((line) => line.msg === 'follow-up rewritten for retrieval');
    assert.equal(logged?.level, 20, 'debug level');
    assert.equal(logged?.reqId, body.request_id);
    assert.equal(logged?.query, expected);
  });

  it('falls back to the heuristic rewrite when the rewrite call times out', async () => {
    const { body, queries } = await ask({ kind: 'stall' });
    assert.deepEqual(queries, [[expected]]);
    assert.equal(body.sources[0]?.source, 'api/compose.md');
  });

  it('searches with the model rewrite when it succeeds', async () => {
    const { queries } = await ask({ kind: 'reply', text: 'compose return value' });
    assert.deepEqual(queries, [['compose return value']]);
  });
});
