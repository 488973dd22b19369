import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { AppError } from '../../../src/errors.ts';
import {
  type EmbeddedStore,
  type EmbeddedStoreOptions,
  openEmbeddedStore,
} from '../../../src/stores/embedded/embedded-store.ts';
import { makeDoc } from './embedded-fixtures.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-store-vectors-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
const freshFile = (): string => path.join(root, `store-${++counter}`, 'nested', 'index.sqlite');

async function openStore(options: Partial<EmbeddedStoreOptions> = {}): Promise<EmbeddedStore> {
  return openEmbeddedStore({ file: freshFile(), ...options });
}

const sourcesOf = (hits: { chunk: { source: string } }[]): string[] => hits.map((hit) => hit.chunk.source);

/** Three one-chunk documents pointing along different axes of a 4-dim space. */
async function vectorStore(): Promise<EmbeddedStore> {
  const store = await openStore();
  await store.setIndexInfo({ model: 'hand-made', dimension: 4 });
  await store.replaceDocument(makeDoc('north.md', [{ text: 'polar bears and ice' }]), [[1, 0, 0, 0]]);
  await store.replaceDocument(makeDoc('east.md', [{ text: 'sunrise over the sea' }]), [[0, 1, 0, 0]]);
  await store.replaceDocument(makeDoc('south.md', [{ text: 'penguins and ice' }]), [[0, 0, 1, 0]]);
  return store;
}

describe('EmbeddedStore vector search', () => {
  it('finds a chunk by vector when no keyword matches', async () => {
    const store = await vectorStore();
    const hits = await store.search({ text: 'morning light', vector: [0.1, 0.9, 0, 0], limit: 1 });
    assert.deepEqual(sourcesOf(hits), ['east.md']);
    await store.close();
  });

  it('fuses keyword and vector rankings so a chunk found by both comes first', async () => {
    const store = await vectorStore();
    // "ice" matches north and south lexically; the vector points at south.
    const hits = await store.search({ text: 'ice', vector: [0, 0.2, 1, 0], limit: 3 });
    assert.equal(hits[0]?.chunk.source, 'south.md');
    assert.deepEqual(sourcesOf(hits).sort(), ['east.md', 'north.md', 'south.md']);
    assert.ok(hits.every((hit, i) => hit.score > 0 && (i === 0 || hit.score <= (hits[i - 1]?.score ?? 0))));
    await store.close();
  });

  it('keeps the keyword top, then the chunk found by both, then vector-only hits (as the Qdrant store)', async () => {
    const store = await openStore();
    await store.setIndexInfo({ model: 'hand-made', dimension: 2 });
    const texts = ['fish swim', 'cats purr', 'dogs bark'];
    await store.replaceDocument(
      makeDoc(
        'a.md',
        texts.map((text) => ({ text })),
      ),
      [
        [1, 0],
        [0.9, 0.1],
        [0, 1],
      ],
    );
    await store.replaceDocument(makeDoc('b.md', [{ text: 'cats cats cats' }]), null);
    const hits = await store.search({ text: 'cats', vector: [1, 0], limit: 4 });
    assert.deepEqual(
      hits.map((hit) => hit.chunk.text),
      ['cats cats cats', 'cats purr', 'fish swim', 'dogs bark'],
    );
    await store.close();
  });

  it('falls back to keyword search when the index holds no vectors', async () => {
    const store = await openStore();
    await store.replaceDocument(makeDoc('a.md', [{ text: 'plain keyword' }]), null);
    const hits = await store.search({ text: 'keyword', vector: [1, 0, 0, 0], limit: 5 });
    assert.deepEqual(sourcesOf(hits), ['a.md']);
    await store.close();
  });

  it('filters vector candidates before taking the nearest, not after', async () => {
    const store = await openStore();
    for (let i = 0; i < 10; i++) {
      await store.replaceDocument(makeDoc(`out/${i}.md`, [{ text: 'near' }]), [[1, 0.01 * i, 0, 0]]);
    }
    await store.replaceDocument(makeDoc('in/far.md', [{ text: 'far' }]), [[0, 0, 0, 1]]);
    const hits = await store.search({ text: 'zzz', vector: [1, 0, 0, 0], limit: 1, sourcePrefix: 'in/' });
    assert.deepEqual(sourcesOf(hits), ['in/far.md']);
    await store.close();
  });

  it('filters by prefix when a stored source is exactly 12 bytes long', async () => {
    // sqlite-vec 0.1.9 text metadata filters fail on 12-byte values; the store must not rely on them.
    const store = await openStore();
    await store.replaceDocument(makeDoc('_llm-test.md', [{ text: 'ice' }]), [[1, 0, 0, 0]]);
    await store.replaceDocument(makeDoc('tutorial/a.md', [{ text: 'ice' }]), [[0, 1, 0, 0]]);
    const hits = await store.search({
      text: 'ice',
      vector: [1, 0, 0, 0],
      limit: 5,
      sourcePrefix: 'tutorial/',
    });
    assert.deepEqual(sourcesOf(hits), ['tutorial/a.md']);
    await store.close();
  });

  it('rejects a query vector of another dimension with index_mismatch', async () => {
    const store = await vectorStore();
    await assert.rejects(
      store.search({ text: 'ice', vector: [1, 0, 0], limit: 3 }),
      (error) => error instanceof AppError && error.code === 'index_mismatch',
    );
    await store.close();
  });

  it('rejects vectors that do not match the chunk count', async () => {
    const store = await openStore();
    await assert.rejects(
      store.replaceDocument(makeDoc('a.md', [{ text: 'one' }, { text: 'two' }]), [[1, 0, 0, 0]]),
      RangeError,
    );
    await store.close();
  });
});

describe('EmbeddedStore index info and persistence', () => {
  it('has no index info before any is recorded', async () => {
    const store = await openStore();
    assert.equal(await store.indexInfo(), null);
    await store.close();
  });

  it('keeps documents, vectors and index info across reopen', async () => {
    const file = freshFile();
    const first = await openEmbeddedStore({ file });
    await first.setIndexInfo({ model: 'model-a', dimension: 4 });
    await first.replaceDocument(makeDoc('a.md', [{ text: 'persisted text' }]), [[0, 0, 0, 1]]);
    await first.close();
    const second = await openEmbeddedStore({ file });
    assert.deepEqual(await second.indexInfo(), { model: 'model-a', dimension: 4 });
    assert.deepEqual(await second.stats(), { documents: 1, chunks: 1 });
    const hits = await second.search({ text: 'nothing lexical', vector: [0, 0, 0, 1], limit: 1 });
    assert.deepEqual(sourcesOf(hits), ['a.md']);
    await second.close();
  });

  it('drops stored vectors when the embedding model changes', async () => {
    const store = await vectorStore();
    await store.setIndexInfo({ model: 'bigger-model', dimension: 8 });
    assert.deepEqual(await store.indexInfo(), { model: 'bigger-model', dimension: 8 });
    const hits = await store.search({ text: 'zzz', vector: [1, 0, 0, 0, 0, 0, 0, 0], limit: 3 });
    assert.deepEqual(hits, []);
    assert.deepEqual(await store.stats(), { documents: 3, chunks: 3 });
    await store.close();
  });

  it('creates the data directory and opens the file in WAL mode', async () => {
    const file = freshFile();
    const store = await openEmbeddedStore({ file });
    await store.close();
    const raw = new Database(file, { readonly: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      raw.close();
    }
  });

  it('answers ping when open and refuses work after close', async () => {
    const store = await openStore();
    await store.ping();
    await store.close();
    await assert.rejects(store.ping(), /not open/);
  });

  it('honours an aborted signal', async () => {
    const store = await openStore();
    await assert.rejects(store.search({ text: 'x', limit: 1 }, AbortSignal.abort()), { name: 'AbortError' });
    await store.close();
  });
});
