import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AppError } from '../../src/errors.ts';
import { OpenAIEmbedder, type OpenAIEmbedderOptions } from '../../src/providers/openai/embedder.ts';
import { testClient, testConnection } from '../helpers/openai-connection.ts';
import {
  hashedEmbedding,
  type OpenAITestServer,
  requestLines,
  startOpenAITestServer,
} from '../helpers/openai-test-server.ts';

const API_KEY = 'sk-test-key';
let server: OpenAITestServer;
let sleeps: number[];

const embedder = (options: Partial<OpenAIEmbedderOptions> = {}) =>
  new OpenAIEmbedder({
    ...testConnection(server.baseURL, { apiKey: API_KEY, sleeps }),
    model: 'text-embedding-3-small',
    batchSize: 4,
    concurrency: 2,
    ...options,
  });

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
const embeddingCalls = () => server.requests.filter((request) => request.path === '/v1/embeddings');

describe('OpenAIEmbedder against an OpenAI-compatible server', () => {
  before(async () => {
    server = await startOpenAITestServer({ apiKey: API_KEY, embeddingDelayMs: 20 });
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    sleeps = [];
  });

  it('sends 10 inputs with batch size 4 as 3 requests and returns vectors in input order', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `text number ${i}`);
    const vectors = await embedder().embed(texts);
    assert.deepEqual(
      embeddingCalls().map((request) => request.body.input.length),
      [4, 4, 2],
    );
    assert.deepEqual(
      vectors,
      texts.map((text) => hashedEmbedding(text, 64)),
    );
  });

  it('keeps at most EMBEDDING_CONCURRENCY requests in flight', async () => {
    await embedder({ batchSize: 1, concurrency: 2 }).embed(['a', 'b', 'c', 'd', 'e', 'f']);
    assert.equal(embeddingCalls().length, 6);
    assert.equal(server.maxConcurrentEmbeddings(), 2);
  });

  it('asks for float vectors and passes configured dimensions', async () => {
    const [vector] = await embedder({ dimensions: 16 }).embed(['hello world']);
    assert.equal(embeddingCalls()[0]?.body.encoding_format, 'float');
    assert.equal(embeddingCalls()[0]?.body.dimensions, 16);
    assert.equal(vector?.length, 16);
  });

  it('decodes base64 responses to the same vectors', async () => {
    const [vector] = await embedder({ encodingFormat: 'base64' }).embed(['hello world']);
    const expected = hashedEmbedding('hello world', 64);
    assert.equal(embeddingCalls()[0]?.body.encoding_format, 'base64');
    assert.ok(vector?.every((value, i) => Math.abs(value - (expected[i] ?? 0)) < 1e-6));
  });

  it('gives similar texts more similar vectors than unrelated ones', async () => {
    const [a, b, c] = await embedder().embed([
      'install the package',
      'how to install the package',
      'weather on mars',
    ]);
    assert.ok(a && b && c && cosine(a, b) > cosine(a, c));
  });

  it('probes the dimension once and caches it', async () => {
    const probing = embedder();
    assert.equal(await probing.dimension(), 64);
    assert.equal(await probing.dimension(), 64);
    assert.equal(embeddingCalls().length, 1);
  });

  it('uses the configured dimension without any call', async () => {
    assert.equal(await embedder({ dimensions: 256 }).dimension(), 256);
    assert.equal(server.requests.length, 0);
  });

  it('pings with GET /v1/models only, spending no tokens', async () => {
    await embedder().ping();
    assert.deepEqual(requestLines(server), ['GET /v1/models']);
  });

  it('retries a 429 after the Retry-After delay and then succeeds', async () => {
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '1.5' } });
    const vectors = await embedder().embed(['x']);
    assert.equal(vectors.length, 1);
    assert.deepEqual(sleeps, [1500]);
    assert.equal(embeddingCalls().length, 2);
  });

  it('gives up after OPENAI_MAX_RETRIES retries with rate_limited', async () => {
    server.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 429 })));
    await assert.rejects(embedder().embed(['x']), (error: AppError) => error.code === 'rate_limited');
    assert.equal(embeddingCalls().length, 3);
    assert.deepEqual(sleeps, [250, 500]); // full jitter with random() = 0.5 under 500 ms, then 1000 ms
  });

  it('reports a request that outlives the timeout as upstream_timeout', async () => {
    server.enqueue({ kind: 'stall' }, { kind: 'stall' }, { kind: 'stall' });
    const slow = embedder({ timeoutMs: 100 });
    await assert.rejects(slow.embed(['x']), (error: AppError) => error.code === 'upstream_timeout');
  });

  it('reports a rejected key as upstream_unavailable without the upstream body', async () => {
    const wrongKey = embedder({
      client: testClient(server.baseURL, 'sk-wrong'),
    });
    await assert.rejects(wrongKey.embed(['x']), (error: AppError) => {
      assert.equal(error.code, 'upstream_unavailable');
      assert.equal(error.message, 'OpenAI rejected the API key');
      return true;
    });
    assert.equal(embeddingCalls().length, 1);
  });

  it('reports a malformed response as upstream_unavailable', async () => {
    server.enqueue({ kind: 'malformed' });
    await assert.rejects(embedder().embed(['x']), (error: AppError) => error.code === 'upstream_unavailable');
  });

  it('cancels the HTTP request when the caller aborts', async () => {
    server.enqueue({ kind: 'stall' });
    const controller = new AbortController();
    const pending = embedder().embed(['x'], controller.signal);
    while (embeddingCalls().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    await embeddingCalls()[0]?.settled;
    assert.equal(embeddingCalls()[0]?.aborted, true);
  });
});
