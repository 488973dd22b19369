import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEFAULT_HYBRID_FUSION } from '../../src/domain/fusion.ts';
import { AppError } from '../../src/errors.ts';
import { chunkPointId } from '../../src/stores/qdrant/point-id.ts';
import { preparedDocument, storeHybridRankingDocuments, testStore } from '../helpers/qdrant-fixtures.ts';
import { QdrantTestServer } from '../helpers/qdrant-test-server.ts';

let server: QdrantTestServer;

before(async () => {
  server = await QdrantTestServer.start();
});
after(() => server.close());
beforeEach(() => server.reset());

const sources = (hits: Array<{ chunk: { source: string } }>) => hits.map((hit) => hit.chunk.source);

describe('QdrantStore against the Qdrant test server', () => {
  test('init creates the collection with dense and IDF sparse vectors and is safe to repeat', async () => {
    const store = testStore(server.url, { dimension: 3 });
    await store.init();
    await store.init();
    const config = server.collections.get('test')?.config;
    assert.deepEqual(config?.vectors, { dense: { size: 3, distance: 'Cosine' } });
    assert.deepEqual(config?.sparse_vectors, { bm25: { modifier: 'idf' } });
    assert.equal(server.requests.filter((r) => r.operationId === 'create_collection').length, 1);
  });

  test('init resolves a lazy dimension only when it has to create the collection', async () => {
    let probes = 0;
    const dimension = async () => {
      probes += 1;
      return 4;
    };
    await testStore(server.url, { dimension }).init();
    await testStore(server.url, { dimension }).init();
    assert.equal(probes, 1);
  });

  test('re-ingesting a document overwrites its points instead of adding duplicates', async () => {
    const store = testStore(server.url);
    await store.init();
    await store.replaceDocument(preparedDocument('a.md', ['alpha one', 'alpha two']), null);
    await store.replaceDocument(preparedDocument('a.md', ['alpha uno', 'alpha dos']), null);
    assert.deepEqual(await store.stats(), { documents: 1, chunks: 2 });
    assert.deepEqual(
      (await store.chunksOf('a.md')).map((c) => c.text),
      ['alpha uno', 'alpha dos'],
    );
  });

  test('shrinking a document removes its chunks beyond the new length', async () => {
    const store = testStore(server.url);
    await store.init();
    await store.replaceDocument(preparedDocument('a.md', ['one', 'two', 'three']), null);
    await store.replaceDocument(preparedDocument('a.md', ['only']), null);
    assert.deepEqual(
      (await store.chunksOf('a.md')).map((c) => [c.index, c.text]),
      [[0, 'only']],
    );
  });

  test('documentHash reports the stored hash, and null while a replacement is unfinished', async () => {
    const store = testStore(server.url);
    await store.init();
    const doc = preparedDocument('a.md', ['one', 'two']);
    await store.replaceDocument(doc, null);
    assert.equal(await store.documentHash('a.md'), doc.hash);
    // The final record write fails on every attempt: the document must count as changed.
    const changed = preparedDocument('a.md', ['one', 'two', 'three']);
    const upserts = () => server.requests.filter((r) => r.operationId === 'upsert_points').length;
    const before = upserts();
    const failing = store.replaceDocument(changed, null);
    // Let the chunk upsert and stale delete through, then fail the record upsert 3 times.
    await waitFor(() => upserts() === before + 1 && server.requests.at(-1)?.operationId === 'delete_points');
    server.failNext(3, 503);
    await assert.rejects(
      failing,
      (error: unknown) => error instanceof AppError && error.code === 'upstream_unavailable',
    );
    assert.equal(await store.documentHash('a.md'), null);
    assert.equal((await store.chunksOf('a.md')).length, 3);
  });

  test('deleteDocument removes record and chunks and reports whether it existed', async () => {
    const store = testStore(server.url);
    await store.init();
    await store.replaceDocument(preparedDocument('a.md', ['one']), null);
    assert.equal(await store.deleteDocument('a.md'), true);
    assert.equal(await store.deleteDocument('a.md'), false);
    assert.deepEqual(await store.stats(), { documents: 0, chunks: 0 });
  });

  test('listDocuments filters by directory and by partial name prefixes', async () => {
    const store = testStore(server.url);
    await store.init();
    for (const source of ['tutorial/body.md', 'tutorial/bonus.md', 'tutorial/deps/x.md', 'guide/a.md']) {
      await store.replaceDocument(preparedDocument(source, ['text']), null);
    }
    const list = async (prefix?: string) => (await store.listDocuments(prefix)).map((d) => d.source);
    assert.deepEqual(await list('tutorial/'), [
      'tutorial/body.md',
      'tutorial/bonus.md',
      'tutorial/deps/x.md',
    ]);
    assert.deepEqual(await list('tutorial/bo'), ['tutorial/body.md', 'tutorial/bonus.md']);
    assert.deepEqual(await list(), [
      'guide/a.md',
      'tutorial/body.md',
      'tutorial/bonus.md',
      'tutorial/deps/x.md',
    ]);
  });

  test('search restricts hits to a source prefix and to a source list', async () => {
    const store = testStore(server.url);
    await store.init();
    await store.replaceDocument(preparedDocument('tutorial/body.md', ['request body validation']), null);
    await store.replaceDocument(preparedDocument('tutorial/deps/x.md', ['dependency body injection']), null);
    await store.replaceDocument(preparedDocument('guide/body.md', ['body of the guide']), null);
    const search = (extra: object) => store.search({ text: 'body', limit: 10, ...extra });
    assert.deepEqual(sources(await search({ sourcePrefix: 'tutorial/deps/' })), ['tutorial/deps/x.md']);
    assert.deepEqual(sources(await search({ sourcePrefix: 'tutorial/b' })), ['tutorial/body.md']);
    assert.deepEqual(sources(await search({ sources: ['guide/body.md'] })), ['guide/body.md']);
    assert.deepEqual(await search({ sources: [] }), []);
    assert.equal((await search({ sourcePrefix: 'tutorial/' })).length, 2);
  });

  test('keyword search ranks the chunk matching more query terms first and returns only matching chunks', async () => {
    const store = testStore(server.url);
    await store.init();
    await store.replaceDocument(
      preparedDocument('a.md', ['pydantic models validate data', 'models everywhere', 'unrelated words']),
      null,
    );
    await store.replaceDocument(preparedDocument('b.md', ['more models here']), null);
    const hits = await store.search({ text: 'pydantic models', limit: 10 });
    assert.equal(hits[0]?.chunk.text, 'pydantic models validate data');
    assert.equal(hits.length, 3);
    assert.ok(hits.every((hit) => hit.chunk.text !== 'unrelated words'));
  });

  test('hybrid search keeps the keyword top, then the chunk found by both, then vector-only hits', async () => {
    const store = testStore(server.url, { dimension: 2 });
    await store.init();
    await storeHybridRankingDocuments(store);
    const hits = await store.search({ text: 'cats', vector: [1, 0], limit: 4 });
    assert.deepEqual(
      hits.map((hit) => hit.chunk.text),
      ['cats cats cats', 'cats purr', 'fish swim', 'dogs bark'],
    );
  });

  test('hybrid search asks Qdrant for the weighted RRF the embedded store uses', async () => {
    const store = testStore(server.url, { dimension: 2 });
    await store.init();
    await storeHybridRankingDocuments(store);
    await store.search({ text: 'cats', vector: [1, 0], limit: 4 });
    const query = server.requests.find((r) => r.operationId === 'query_points')?.body as { query: unknown };
    assert.deepEqual(query.query, {
      rrf: { k: DEFAULT_HYBRID_FUSION.k + 1, weights: [DEFAULT_HYBRID_FUSION.vectorWeight, 1] },
    });
  });

  test('hybrid search passes a configured fusion on to Qdrant', async () => {
    const store = testStore(server.url, { dimension: 2 });
    await store.init();
    await storeHybridRankingDocuments(store);
    await store.search({ text: 'cats', vector: [1, 0], limit: 4, fusion: { k: 59, vectorWeight: 0.5 } });
    const query = server.requests.find((r) => r.operationId === 'query_points')?.body as { query: unknown };
    assert.deepEqual(query.query, { rrf: { k: 60, weights: [0.5, 1] } });
  });

  test('a query without usable terms and without a vector returns no hits without calling Qdrant', async () => {
    const store = testStore(server.url);
    await store.init();
    assert.deepEqual(await store.search({ text: 'the ??', limit: 5 }), []);
    assert.equal(server.requests.filter((r) => r.operationId === 'query_points').length, 0);
  });

  test('chunksOf returns chunks in document order with their deterministic ids', async () => {
    const store = testStore(server.url);
    await store.init();
    const texts = Array.from({ length: 12 }, (_, i) => `chunk ${i}`);
    await store.replaceDocument(preparedDocument('a.md', texts), null);
    const chunks = await store.chunksOf('a.md');
    assert.deepEqual(
      chunks.map((c) => c.index),
      texts.map((_, i) => i),
    );
    assert.equal(chunks[5]?.id, chunkPointId('a.md', 5));
  });

  test('indexInfo round-trips and refuses a dimension the collection cannot hold', async () => {
    const store = testStore(server.url, { dimension: 3 });
    await store.init();
    assert.equal(await store.indexInfo(), null);
    await store.setIndexInfo({ model: 'm', dimension: 3 });
    assert.deepEqual(await store.indexInfo(), { model: 'm', dimension: 3 });
    await assert.rejects(
      store.setIndexInfo({ model: 'n', dimension: 5 }),
      (e: unknown) => e instanceof AppError && e.code === 'index_mismatch',
    );
    assert.deepEqual(await store.stats(), { documents: 0, chunks: 0 });
  });

  test('ping fails when the collection is missing and passes after init', async () => {
    const store = testStore(server.url);
    await assert.rejects(
      store.ping(),
      (e: unknown) => e instanceof AppError && e.code === 'upstream_unavailable',
    );
    await store.init();
    await store.ping();
  });

  test('retries a call that first meets 503s', async () => {
    const store = testStore(server.url);
    await store.init();
    server.failNext(2, 503);
    assert.deepEqual(await store.stats(), { documents: 0, chunks: 0 });
    assert.equal(server.requests.filter((r) => r.status === 503).length, 2);
  });

  test('gives up after the configured attempts and maps a 429 to rate_limited', async () => {
    const store = testStore(server.url);
    await store.init();
    server.failNext(3, 429, '0.01');
    await assert.rejects(store.ping(), (e: unknown) => e instanceof AppError && e.code === 'rate_limited');
    assert.equal(server.requests.filter((r) => r.status === 429).length, 3);
  });

  test("waits out the 429's retry-after (seconds) before trying again", async () => {
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);
    const store = testStore(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1, sleep } });
    await store.init();
    server.failNext(1, 429, '2');
    await store.ping();
    assert.deepEqual(sleeps, [2000]);
  });

  test('gives up at once when retry-after asks for longer than the policy allows', async () => {
    const store = testStore(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 100 } });
    await store.init();
    server.failNext(1, 429, '1');
    // One scripted 429 only: a retry would succeed, so the rejection shows that none was made.
    await assert.rejects(store.ping(), (e: unknown) => e instanceof AppError && e.code === 'rate_limited');
  });

  test('an unreachable server becomes upstream_unavailable', async () => {
    const store = testStore('http://127.0.0.1:9');
    await assert.rejects(
      store.ping(),
      (e: unknown) => e instanceof AppError && e.code === 'upstream_unavailable',
    );
  });

  test('an aborted signal stops the call with an AbortError', async () => {
    const store = testStore(server.url);
    await assert.rejects(store.init(AbortSignal.abort()), { name: 'AbortError' });
  });

  test('every request the store sent was accepted by the schema and answered with a valid response', async () => {
    const store = testStore(server.url, { dimension: 2 });
    await store.init();
    await store.replaceDocument(preparedDocument('a.md', ['x y']), [[1, 0]]);
    await store.search({ text: 'x', vector: [1, 0], limit: 3 });
    assert.deepEqual(
      server.requests.filter((r) => r.status !== 200).map((r) => `${r.operationId} ${r.status}`),
      [],
    );
    assert.deepEqual(server.responseViolations, []);
  });
});

describe('QdrantStore with an API key', () => {
  test('sends the key in the api-key header', async () => {
    const secured = await QdrantTestServer.start({ apiKey: 'secret' });
    try {
      await testStore(secured.url, { apiKey: 'secret' }).init();
      assert.ok(secured.requests.every((r) => r.headers['api-key'] === 'secret'));
      await assert.rejects(
        testStore(secured.url, { apiKey: 'wrong' }).ping(),
        (e: unknown) => e instanceof AppError && e.code === 'upstream_unavailable',
      );
    } finally {
      await secured.close();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 2));
  assert.ok(condition(), 'condition never became true');
}

describe('QdrantStore origins and page URLs', () => {
  test('records each document origin; records written before origins existed count as api', async () => {
    const store = testStore(server.url);
    await store.init();
    await store.replaceDocument(
      { ...preparedDocument('docs.md', ['from the docs folder']), origin: 'docs' },
      null,
    );
    await store.replaceDocument({ ...preparedDocument('api.md', ['sent as text']), origin: 'api' }, null);
    const listed = async () => (await store.listDocuments()).map((doc) => [doc.source, doc.origin]);
    assert.deepEqual(await listed(), [
      ['api.md', 'api'],
      ['docs.md', 'docs'],
    ]);
    for (const point of server.collections.get('test')?.points.values() ?? []) {
      if (point.payload.kind === 'document') delete point.payload.origin;
    }
    assert.deepEqual(await listed(), [
      ['api.md', 'api'],
      ['docs.md', 'api'],
    ]);
  });

  test('sourceForUrl finds the document of a page URL whatever its anchor, query or trailing slash', async () => {
    const store = testStore(server.url);
    await store.init();
    const doc = preparedDocument('api/Store.md', ['getState returns the state']);
    await store.replaceDocument({ ...doc, url: 'https://redux.js.org/api/store' }, null);
    assert.equal(await store.sourceForUrl('https://redux.js.org/api/store/?x=1#getstate'), 'api/Store.md');
    assert.equal(await store.sourceForUrl('https://redux.js.org/api/store'), 'api/Store.md');
    assert.equal(await store.sourceForUrl('https://redux.js.org/api/other'), null);
    assert.equal(await store.sourceForUrl('not a url'), null);
  });
});
