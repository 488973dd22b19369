import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFixtureBook } from '../helpers/fixture-book.ts';
import { postJson } from '../helpers/http.ts';
import { type OpenAITestServer, startOpenAITestServer } from '../helpers/openai-test-server.ts';
import { type RealService, startRealService } from '../helpers/real-service.ts';

/** OpenAI-compatible embeddings with the embedded store: SQLite full-text + sqlite-vec, fused. */
describe('embedded store with vectors through HTTP', () => {
  const book = createFixtureBook();
  let openai: OpenAITestServer;
  let service: RealService;
  let url: string;

  before(async () => {
    openai = await startOpenAITestServer();
    service = await startRealService(book, {
      OPENAI_BASE_URL: openai.baseURL,
      EMBEDDING_MODEL: 'nomic-embed-text',
      EMBEDDING_DIMENSIONS: '48',
    });
    ({ url } = service);
  });
  after(async () => {
    await service.close();
    await openai.close();
    book.remove();
  });

  it('reports the embedded store with an OpenAI-compatible embedder', async () => {
    const health = (await (await fetch(`${url}/health`)).json()) as Record<string, unknown>;
    assert.equal(health.store, 'embedded');
    assert.equal(health.embedder, 'openai');
  });

  it('embeds every chunk once and records the model with the index', async () => {
    const summary = (await (await postJson(`${url}/embed`, { path: '.' })).json()) as Record<string, number>;
    assert.equal(summary.embedded, summary.chunks);
    assert.deepEqual(await service.deps.store.indexInfo(), { model: 'nomic-embed-text', dimension: 48 });
    const sent = openai.requests.filter((request) => request.path === '/v1/embeddings');
    assert.ok(
      sent.every((request) => request.body.model === 'nomic-embed-text' && request.body.dimensions === 48),
    );
  });

  it('searches with the query embedded and fused with full-text results', async () => {
    const before = openai.requests.length;
    const response = await postJson(`${url}/search`, {
      query: 'compose functions from right to left',
      top_k: 3,
    });
    const { results } = (await response.json()) as { results: { source: string }[] };
    assert.equal(results[0]?.source, 'api/compose.md');
    const queries = openai.requests.slice(before).filter((request) => request.path === '/v1/embeddings');
    assert.deepEqual(
      queries.map((request) => request.body.input),
      [['compose functions from right to left']],
    );
  });

  it('falls back to full-text search when the embedding service fails', async () => {
    openai.enqueue(
      ...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500, path: '/v1/embeddings' })),
    );
    const response = await postJson(`${url}/search`, { query: 'compose functions from right to left' });
    assert.equal(response.status, 200);
    const { results } = (await response.json()) as { results: { source: string }[] };
    assert.equal(results[0]?.source, 'api/compose.md');
  });
});
