import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { createQdrantClient } from '../../src/stores/qdrant/client.ts';
import { QdrantStore } from '../../src/stores/qdrant/qdrant-store.ts';
import { preparedDocument, storeHybridRankingDocuments } from '../helpers/qdrant-fixtures.ts';

const url = process.env.QDRANT_URL;
const apiKey = process.env.QDRANT_API_KEY || undefined;

// Runs only against a real Qdrant (QDRANT_URL, optionally QDRANT_API_KEY); a throwaway collection.
describe('QdrantStore against a real Qdrant', { skip: url ? false : 'QDRANT_URL is not set' }, () => {
  const client = createQdrantClient({ url: url ?? 'http://localhost:6333', apiKey, timeoutMs: 20_000 });
  const collection = `live_test_${randomUUID().slice(0, 8)}`;
  const store = new QdrantStore({ client, collection, dimension: 2 });

  after(async () => {
    await client.deleteCollection(collection).catch(() => undefined);
  });

  test('ingests, searches hybrid and keyword-only, shrinks and deletes', async () => {
    await store.init();
    await store.init();
    await store.setIndexInfo({ model: 'live', dimension: 2 });
    assert.deepEqual(await store.indexInfo(), { model: 'live', dimension: 2 });
    await storeHybridRankingDocuments(store, 'dir/');
    const hybrid = await store.search({ text: 'cats', vector: [1, 0], limit: 4 });
    assert.deepEqual(
      hybrid.map((hit) => hit.chunk.text),
      ['cats cats cats', 'cats purr', 'fish swim', 'dogs bark'],
    );
    const keyword = await store.search({ text: 'cats', limit: 4, sourcePrefix: 'dir/' });
    assert.deepEqual(keyword.map((h) => h.chunk.source).sort(), ['dir/a.md', 'dir/b.md']);
    await store.replaceDocument(preparedDocument('dir/a.md', ['fish swim']), [[1, 0]]);
    assert.deepEqual(await store.stats(), { documents: 2, chunks: 2 });
    assert.equal(await store.deleteDocument('dir/b.md'), true);
    assert.deepEqual(
      (await store.listDocuments('dir/')).map((d) => d.source),
      ['dir/a.md'],
    );
    await store.ping();
  });
});
