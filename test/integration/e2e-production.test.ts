import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { createFixtureBook } from '../helpers/fixture-book.ts';
import { postJson, readSse } from '../helpers/http.ts';
import { type OpenAITestServer, startOpenAITestServer } from '../helpers/openai-test-server.ts';
import { QdrantTestServer } from '../helpers/qdrant-test-server.ts';
import { type RealService, startRealService } from '../helpers/real-service.ts';

/** The production path end to end: OpenAI-compatible server + Qdrant, both real HTTP peers on loopback. */
describe('OpenAI + Qdrant through HTTP', () => {
  const book = createFixtureBook();
  let openai: OpenAITestServer;
  let qdrant: QdrantTestServer;
  let service: RealService;
  let url: string;

  const env = (): Record<string, string> => ({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openai.baseURL,
    EMBEDDING_DIMENSIONS: '64',
    QDRANT_URL: qdrant.url,
    QDRANT_COLLECTION: 'book',
  });
  const embeddingCalls = () => openai.requests.filter((request) => request.path === '/v1/embeddings').length;

  before(async () => {
    openai = await startOpenAITestServer();
    qdrant = await QdrantTestServer.start();
    service = await startRealService(book, env());
    ({ url } = service);
  });
  after(async () => {
    await service.close();
    await openai.close();
    await qdrant.close();
    book.remove();
  });

  it('reports the production parts in /health', async () => {
    const health = (await (await fetch(`${url}/health`)).json()) as Record<string, unknown>;
    assert.deepEqual(
      { status: health.status, store: health.store, embedder: health.embedder, generator: health.generator },
      { status: 'ok', store: 'qdrant', embedder: 'openai', generator: 'openai' },
    );
    assert.equal(embeddingCalls(), 0, 'health spends no embedding tokens');
    assert.ok(!openai.requests.some((request) => request.path === '/v1/chat/completions'), 'nor chat tokens');
  });

  it('ingests with embeddings, and re-ingesting unchanged pages makes no embedding call', async () => {
    const first = (await (await postJson(`${url}/embed`, { path: '.' })).json()) as Record<string, number>;
    assert.equal(first.documents, 4);
    assert.equal(first.embedded, first.chunks);
    const callsAfterFirst = embeddingCalls();
    assert.ok(callsAfterFirst > 0);
    const second = (await (await postJson(`${url}/embed`, { path: '.' })).json()) as Record<string, number>;
    assert.equal(second.unchanged, 4);
    assert.equal(second.embedded, 0);
    assert.equal(embeddingCalls(), callsAfterFirst);
  });

  it('finds passages with hybrid search', async () => {
    const response = await postJson(`${url}/search`, {
      query: 'compose functions from right to left',
      top_k: 3,
    });
    const { results } = (await response.json()) as { results: { source: string }[] };
    assert.equal(results[0]?.source, 'api/compose.md');
  });

  it('streams a model answer with sources first and usage in done', async () => {
    const response = await postJson(`${url}/chat`, {
      messages: [{ role: 'user', content: 'When should I use Redux?' }],
      user_id: 'reader-1',
    });
    const { events } = await readSse(response);
    assert.deepEqual(
      [events[0]?.event, events.at(-1)?.event],
      ['sources', 'done'],
      JSON.stringify(events.map((event) => event.event)),
    );
    const done = events.at(-1)?.data as { mode: string; usage: { total_tokens: number } | null };
    assert.equal(done.mode, 'openai');
    assert.ok(done.usage && done.usage.total_tokens > 0);
    const chat = openai.requests.findLast((request) => request.path === '/v1/chat/completions');
    assert.equal(chat?.body.stream, true);
    assert.match(JSON.stringify(chat?.body.messages), /\[1\]|source n=/, 'numbered sources reach the model');
  });

  it('aborts the upstream completion when the client disconnects', async () => {
    openai.enqueue({ kind: 'stall', path: '/v1/chat/completions' });
    const before = openai.requests.length;
    const controller = new AbortController();
    const response = await postJson(
      `${url}/chat`,
      { messages: [{ role: 'user', content: 'What is Redux?' }], user_id: 'reader-2' },
      { signal: controller.signal },
    );
    const reader = response.body?.getReader();
    await reader?.read(); // the sources event: the upstream request is now open
    while (!openai.requests.slice(before).some((request) => request.path === '/v1/chat/completions')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    controller.abort();
    const upstream = openai.requests.slice(before).find((request) => request.path === '/v1/chat/completions');
    await upstream?.settled;
    assert.equal(upstream?.aborted, true);
  });

  it('answers about a selection through the model with the selection as source 1', async () => {
    const response = await postJson(`${url}/chat/selection`, {
      selected_text: 'within takes a DOM element and binds it to the raw query functions',
      question: 'Why would I use this?',
      source: 'dom-testing-library/api-within.mdx',
    });
    const { events } = await readSse(response);
    const first = events[0]?.data as { sources: { n: number; id: string }[] } | undefined;
    const sources = first?.sources ?? [];
    assert.equal(sources[0]?.n, 1);
    assert.equal(sources[0]?.id, 'selection');
    assert.equal(events.at(-1)?.event, 'done');
  });

  it('refuses to start with another embedding model and says how to re-index', async () => {
    await assert.rejects(
      startRealService(book, { ...env(), EMBEDDING_MODEL: 'other-model' }),
      (error: unknown) =>
        error instanceof AppError && error.code === 'index_mismatch' && /re-index/.test(error.message),
    );
  });
  it('degrades /health to 503 when Qdrant is unreachable', async () => {
    qdrant.failNext(20, 503);
    const response = await fetch(`${url}/health`);
    assert.equal(response.status, 503);
    const body = (await response.json()) as { status: string; problems: unknown[] };
    assert.equal(body.status, 'degraded');
    assert.ok(body.problems.length > 0);
  });
});
