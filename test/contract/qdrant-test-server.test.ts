import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { preparedDocument, testStore } from '../helpers/qdrant-fixtures.ts';
import { QdrantOpenApi } from '../helpers/qdrant-openapi.ts';
import { QdrantTestServer } from '../helpers/qdrant-test-server.ts';

let server: QdrantTestServer;
const spec = new QdrantOpenApi();

before(async () => {
  server = await QdrantTestServer.start();
});
after(() => server.close());
beforeEach(() => server.reset());

/** Qdrant's response envelope, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response fields
type Envelope = any;

/** A raw JSON call to the test server. */
async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Envelope }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function collectionWith(points: unknown[]): Promise<void> {
  await call('PUT', '/collections/c', {
    vectors: { dense: { size: 2, distance: 'Cosine' } },
    sparse_vectors: { bm25: { modifier: 'idf' } },
  });
  const { status } = await call('PUT', '/collections/c/points?wait=true', { points });
  assert.equal(status, 200);
}

describe('Qdrant test server: protocol', () => {
  test('every request a full store session sends matches the schema of its operation', async () => {
    const store = testStore(server.url, { dimension: 2 });
    await store.init();
    await store.setIndexInfo({ model: 'm', dimension: 2 });
    await store.replaceDocument(preparedDocument('dir/a.md', ['alpha beta', 'gamma']), [
      [1, 0],
      [0, 1],
    ]);
    await store.replaceDocument(preparedDocument('dir/a.md', ['alpha']), [[1, 0]]);
    await store.search({ text: 'alpha', vector: [1, 0], limit: 3, sourcePrefix: 'dir/' });
    await store.search({ text: 'alpha', limit: 3, sourcePrefix: 'dir/a', sources: ['dir/a.md'] });
    await Promise.all([store.documentHash('dir/a.md'), store.listDocuments(), store.chunksOf('dir/a.md')]);
    await Promise.all([store.stats(), store.indexInfo(), store.ping()]);
    await store.deleteDocument('dir/a.md');

    const operations = new Set(server.requests.map((r) => r.operationId));
    assert.ok(operations.size >= 9, [...operations].join(', '));
    for (const request of server.requests) {
      const operation = spec.find(request.method, request.path);
      assert.ok(operation, `${request.method} ${request.path} is not in the spec`);
      if (operation.request)
        assert.ok(
          operation.request(request.body ?? {}),
          `${operation.operationId}: ${JSON.stringify(operation.request.errors)}`,
        );
      assert.equal(request.status, 200, `${operation.operationId} answered ${request.status}`);
    }
    assert.deepEqual(server.responseViolations, []);
  });

  test('responses to each endpoint validate against the 200 schema of the spec', async () => {
    await collectionWith([
      { id: id(1), vector: { dense: [1, 0], bm25: { indices: [7], values: [1] } }, payload: { k: 'v' } },
    ]);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/'],
      ['GET', '/collections/c'],
      ['GET', '/collections/c/exists'],
      ['PUT', '/collections/c/index?wait=true', { field_name: 'k', field_schema: 'keyword' }],
      ['POST', '/collections/c/points', { ids: [id(1)] }],
      ['POST', '/collections/c/points/scroll', { limit: 1, with_payload: true }],
      ['POST', '/collections/c/points/count', { exact: true }],
      ['POST', '/collections/c/points/query', { query: [1, 0], using: 'dense', with_payload: true }],
      ['POST', '/collections/c/points/delete?wait=true', { points: [id(1)] }],
      ['DELETE', '/collections/c'],
    ];
    for (const [method, path, body] of calls) {
      const { status, json } = await call(method, path, body);
      assert.equal(status, 200, `${method} ${path}: ${JSON.stringify(json)}`);
      const operation = spec.find(method, new URL(path, 'http://x').pathname);
      assert.ok(
        operation?.response(json),
        `${method} ${path}: ${JSON.stringify(operation?.response.errors)}`,
      );
    }
  });

  test('a body the schema refuses is answered 400 in Qdrant error shape', async () => {
    await collectionWith([]);
    const notUuid = await call('PUT', '/collections/c/points', { points: [{ id: 'chunk-1', vector: {} }] });
    assert.equal(notUuid.status, 400);
    assert.match(notUuid.json.status.error, /Format error in JSON body/);
    const badLimit = await call('POST', '/collections/c/points/query', {
      query: [1, 0],
      using: 'dense',
      limit: 0,
    });
    assert.equal(badLimit.status, 400);
  });

  test('a missing collection is 404 and a duplicate collection is 409, both with status.error', async () => {
    const missing = await call('POST', '/collections/nope/points/count', {});
    assert.equal(missing.status, 404);
    assert.match(missing.json.status.error, /doesn't exist/);
    await collectionWith([]);
    const again = await call('PUT', '/collections/c', { vectors: {} });
    assert.equal(again.status, 409);
  });

  test('vectors of the wrong size or an unknown name are refused', async () => {
    await collectionWith([]);
    const wrongSize = await call('PUT', '/collections/c/points', {
      points: [{ id: id(1), vector: { dense: [1, 2, 3] } }],
    });
    assert.equal(wrongSize.status, 400);
    const unknown = await call('PUT', '/collections/c/points', {
      points: [{ id: id(1), vector: { other: [1, 2] } }],
    });
    assert.equal(unknown.status, 400);
  });

  test('requests without the configured api key are refused with 401', async () => {
    const secured = await QdrantTestServer.start({ apiKey: 'k' });
    try {
      assert.equal((await fetch(`${secured.url}/collections`)).status, 401);
      assert.equal(
        (await fetch(`${secured.url}/collections/x/exists`, { headers: { 'api-key': 'k' } })).status,
        200,
      );
    } finally {
      await secured.close();
    }
  });

  test('scripted failures answer the next requests, then normal service resumes', async () => {
    server.failNext(1, 503);
    assert.equal((await call('GET', '/collections/c/exists')).status, 503);
    assert.equal((await call('GET', '/collections/c/exists')).status, 200);
  });
});

describe('Qdrant test server: semantics', () => {
  const sparse = (indices: number[]) => ({ indices, values: indices.map(() => 1) });

  test('upsert overwrites by id', async () => {
    await collectionWith([{ id: id(1), vector: {}, payload: { v: 1 } }]);
    await call('PUT', '/collections/c/points', { points: [{ id: id(1), vector: {}, payload: { v: 2 } }] });
    const { json } = await call('POST', '/collections/c/points/scroll', { with_payload: true });
    assert.deepEqual(json.result.points, [{ id: id(1), payload: { v: 2 } }]);
  });

  test('filters combine must, should and must_not, match any and range', async () => {
    await collectionWith(
      [1, 2, 3, 4].map((n) => ({
        id: id(n),
        vector: {},
        payload: { n, tag: n % 2 ? 'odd' : 'even', dirs: ['x/'] },
      })),
    );
    const { json } = await call('POST', '/collections/c/points/count', {
      filter: {
        must: [
          { key: 'dirs', match: { value: 'x/' } },
          { key: 'n', range: { gte: 2 } },
        ],
        should: [
          { key: 'tag', match: { any: ['odd', 'none'] } },
          { key: 'n', match: { value: 4 } },
        ],
        must_not: [{ key: 'n', match: { value: 4 } }],
      },
    });
    assert.equal(json.result.count, 1);
  });

  test('scroll pages by id with next_page_offset', async () => {
    await collectionWith([3, 1, 2].map((n) => ({ id: id(n), vector: {} })));
    const first = await call('POST', '/collections/c/points/scroll', { limit: 2 });
    assert.deepEqual(
      first.json.result.points.map((p: { id: string }) => p.id),
      [id(1), id(2)],
    );
    assert.equal(first.json.result.next_page_offset, id(3));
    const second = await call('POST', '/collections/c/points/scroll', { limit: 2, offset: id(3) });
    assert.deepEqual(
      second.json.result.points.map((p: { id: string }) => p.id),
      [id(3)],
    );
    assert.equal(second.json.result.next_page_offset, null);
  });

  test('sparse scores weigh rare terms higher through the IDF modifier', async () => {
    // Term 1 is in every point, term 2 in one: a match on term 2 must outrank a match on term 1.
    await collectionWith([
      { id: id(1), vector: { bm25: sparse([1]) } },
      { id: id(2), vector: { bm25: sparse([1]) } },
      { id: id(3), vector: { bm25: sparse([1, 2]) } },
      { id: id(4), vector: { bm25: { indices: [1], values: [1.5] } } },
    ]);
    const { json } = await call('POST', '/collections/c/points/query', { query: sparse([2]), using: 'bm25' });
    assert.deepEqual(
      json.result.points.map((p: { id: string }) => p.id),
      [id(3)],
    );
    const both = await call('POST', '/collections/c/points/query', { query: sparse([1, 2]), using: 'bm25' });
    const scores = both.json.result.points.map((p: { score: number }) => p.score);
    const idf = (n: number) => Math.log(1 + (4 - n + 0.5) / (n + 0.5));
    assert.ok(Math.abs(scores[0] - (idf(4) + idf(1))) < 1e-9);
  });

  test('cosine scores are computed on normalised vectors', async () => {
    await collectionWith([{ id: id(1), vector: { dense: [3, 4] } }]);
    const { json } = await call('POST', '/collections/c/points/query', { query: [6, 8], using: 'dense' });
    assert.ok(Math.abs(json.result.points[0].score - 1) < 1e-9);
  });

  /** Three points ranked differently by a dense and a sparse prefetch, fused by `query`. */
  const fuseDenseAndSparse = async (query: Record<string, unknown>) => {
    await collectionWith([
      { id: id(1), vector: { dense: [1, 0], bm25: sparse([9]) } },
      { id: id(2), vector: { dense: [0.8, 0.2] } },
      { id: id(3), vector: { dense: [0, 1], bm25: { indices: [9], values: [2] } } },
    ]);
    return call('POST', '/collections/c/points/query', {
      prefetch: [
        { query: [1, 0], using: 'dense', limit: 10 },
        { query: sparse([9]), using: 'bm25', limit: 10 },
      ],
      query,
    });
  };

  test('RRF fuses prefetch rankings as Σ 1/(k + position) with Qdrant default k = 2', async () => {
    const { json } = await fuseDenseAndSparse({ fusion: 'rrf' });
    const byId = Object.fromEntries(
      json.result.points.map((p: { id: string; score: number }) => [p.id, p.score]),
    );
    assert.deepEqual(
      json.result.points.map((p: { id: string }) => p.id),
      [id(1), id(3), id(2)],
    );
    assert.ok(Math.abs(byId[id(1)] - (1 / 2 + 1 / 3)) < 1e-9);
    assert.ok(Math.abs(byId[id(3)] - (1 / 4 + 1 / 2)) < 1e-9);
  });

  test('weighted RRF stretches positions as Qdrant 1.19 does: Σ 1/((position + 1)/weight + k − 1)', async () => {
    const { json } = await fuseDenseAndSparse({ rrf: { k: 1, weights: [0.5, 1] } });
    const points = json.result.points as { id: string; score: number }[];
    assert.deepEqual(
      points.map((p) => p.id),
      [id(3), id(1), id(2)],
    );
    const expected = [0.5 / 3 + 1, 0.5 + 1 / 2, 0.5 / 2];
    for (const [i, p] of points.entries()) assert.ok(Math.abs(p.score - (expected[i] ?? 0)) < 1e-9, p.id);
  });

  test('weighted RRF adds k − 1 to every stretched position (k other than 1, as HYBRID_RRF_K sets it)', async () => {
    const { json } = await fuseDenseAndSparse({ rrf: { k: 61, weights: [0.25, 1] } });
    const points = json.result.points as { id: string; score: number }[];
    const expected: Record<string, number> = {
      [id(1)]: 1 / (1 / 0.25 + 60) + 1 / (2 + 60),
      [id(3)]: 1 / (3 / 0.25 + 60) + 1 / (1 + 60),
      [id(2)]: 1 / (2 / 0.25 + 60),
    };
    assert.deepEqual(
      points.map((p) => p.id),
      [id(1), id(3), id(2)],
    );
    for (const p of points) assert.ok(Math.abs(p.score - (expected[p.id] ?? 0)) < 1e-12, p.id);
  });

  test('RRF weights must match the prefetches one to one', async () => {
    await collectionWith([{ id: id(1), vector: { dense: [1, 0] } }]);
    const { status, json } = await call('POST', '/collections/c/points/query', {
      prefetch: [{ query: [1, 0], using: 'dense' }],
      query: { rrf: { weights: [1, 1] } },
    });
    assert.equal(status, 400);
    assert.match(json.status.error, /weights length/);
  });

  test('features the server does not implement are refused, not ignored', async () => {
    await collectionWith([]);
    const { status, json } = await call('POST', '/collections/c/points/query', {
      prefetch: [{ query: [1, 0], using: 'dense' }],
      query: { fusion: 'dbsf' },
    });
    assert.equal(status, 400);
    assert.match(json.status.error, /does not implement/);
  });
});
