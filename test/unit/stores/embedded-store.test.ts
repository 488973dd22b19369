import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  type EmbeddedStore,
  type EmbeddedStoreOptions,
  openEmbeddedStore,
} from '../../../src/stores/embedded/embedded-store.ts';
import { makeDoc } from './embedded-fixtures.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-store-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
const freshFile = (): string => path.join(root, `store-${++counter}`, 'index.sqlite');

async function openStore(options: Partial<EmbeddedStoreOptions> = {}): Promise<EmbeddedStore> {
  return openEmbeddedStore({ file: freshFile(), ...options });
}

const texts = (hits: { chunk: { text: string } }[]): string[] => hits.map((hit) => hit.chunk.text);
const sourcesOf = (hits: { chunk: { source: string } }[]): string[] => hits.map((hit) => hit.chunk.source);

describe('EmbeddedStore writes', () => {
  it('stores a document whose chunks are searchable and listed in order', async () => {
    const store = await openStore();
    await store.replaceDocument(
      makeDoc('a.md', [{ text: 'alpha paragraph' }, { text: 'beta paragraph' }], { hash: 'h1' }),
      null,
    );
    assert.equal(await store.documentHash('a.md'), 'h1');
    assert.deepEqual(
      (await store.chunksOf('a.md')).map((chunk) => [chunk.id, chunk.index, chunk.text]),
      [
        ['a.md#0', 0, 'alpha paragraph'],
        ['a.md#1', 1, 'beta paragraph'],
      ],
    );
    assert.deepEqual(texts(await store.search({ text: 'beta', limit: 5 })), ['beta paragraph']);
    await store.close();
  });

  it('keeps the previous version searchable when the replace transaction throws', async () => {
    let crash = false;
    const store = await openStore({
      beforeCommit: () => {
        if (crash) throw new Error('simulated crash');
      },
    });
    await store.replaceDocument(makeDoc('a.md', [{ text: 'original wording' }], { hash: 'v1' }), [
      [1, 0, 0, 0],
    ]);
    crash = true;
    await assert.rejects(
      store.replaceDocument(makeDoc('a.md', [{ text: 'replacement wording' }], { hash: 'v2' }), [
        [0, 1, 0, 0],
      ]),
      /simulated crash/,
    );
    assert.equal(await store.documentHash('a.md'), 'v1');
    assert.deepEqual(texts(await store.search({ text: 'original', limit: 5 })), ['original wording']);
    assert.deepEqual(await store.search({ text: 'replacement', limit: 5 }), []);
    assert.deepEqual(
      (await store.chunksOf('a.md')).map((chunk) => chunk.text),
      ['original wording'],
    );
    assert.deepEqual(texts(await store.search({ text: 'unrelated', vector: [1, 0, 0, 0], limit: 5 })), [
      'original wording',
    ]);
    await store.close();
  });

  it('keeps the document when the delete transaction throws', async () => {
    let crash = false;
    const store = await openStore({
      beforeCommit: () => {
        if (crash) throw new Error('simulated crash');
      },
    });
    await store.replaceDocument(makeDoc('a.md', [{ text: 'still here' }]), null);
    crash = true;
    await assert.rejects(store.deleteDocument('a.md'), /simulated crash/);
    assert.equal((await store.search({ text: 'still', limit: 5 })).length, 1);
    await store.close();
  });

  it('removes chunks of the previous version on re-replace', async () => {
    const store = await openStore();
    await store.replaceDocument(
      makeDoc('a.md', [{ text: 'first obsolete' }, { text: 'second obsolete' }, { text: 'kept topic' }]),
      null,
    );
    await store.replaceDocument(makeDoc('a.md', [{ text: 'kept topic revised' }], { hash: 'new' }), null);
    assert.deepEqual(await store.search({ text: 'obsolete', limit: 5 }), []);
    assert.deepEqual(
      (await store.chunksOf('a.md')).map((chunk) => chunk.text),
      ['kept topic revised'],
    );
    assert.deepEqual(await store.stats(), { documents: 1, chunks: 1 });
    assert.equal((await store.listDocuments())[0]?.chunks, 1);
    await store.close();
  });

  it('deletes a document with its chunks and vectors, and reports whether it existed', async () => {
    const store = await openStore();
    await store.replaceDocument(makeDoc('a.md', [{ text: 'doomed text' }]), [[1, 0, 0, 0]]);
    await store.replaceDocument(makeDoc('b.md', [{ text: 'survivor text' }]), [[0, 1, 0, 0]]);
    assert.equal(await store.deleteDocument('a.md'), true);
    assert.equal(await store.deleteDocument('a.md'), false);
    assert.equal(await store.documentHash('a.md'), null);
    assert.deepEqual(await store.chunksOf('a.md'), []);
    assert.deepEqual(await store.stats(), { documents: 1, chunks: 1 });
    const hits = await store.search({ text: 'doomed text', vector: [1, 0, 0, 0], limit: 5 });
    assert.deepEqual(sourcesOf(hits), ['b.md']);
    await store.close();
  });

  it('lists documents, optionally by source prefix, in source order', async () => {
    const store = await openStore();
    for (const source of ['guide/b.md', 'guide/a.md', 'api/x.md']) {
      await store.replaceDocument(makeDoc(source, [{ text: 'text' }]), null);
    }
    assert.deepEqual(
      (await store.listDocuments()).map((doc) => doc.source),
      ['api/x.md', 'guide/a.md', 'guide/b.md'],
    );
    const [first] = await store.listDocuments('guide/');
    assert.equal(first?.source, 'guide/a.md');
    assert.equal(first?.title, 'Page guide/a.md');
    assert.equal(first?.url, 'https://example.com/guide/a.md');
    assert.match(first?.updated_at ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal((await store.listDocuments('guide/')).length, 2);
    await store.close();
  });
});

describe('EmbeddedStore search filters', () => {
  const setup = async () => {
    const store = await openStore();
    for (const source of [
      'tutorial/a.md',
      'tutorial/b.md',
      'advanced/c.md',
      'tutorialx/d.md',
      'tut_rial/e.md',
    ]) {
      await store.replaceDocument(makeDoc(source, [{ text: 'shared keyword' }]), null);
    }
    return store;
  };

  it('restricts results to a source prefix', async () => {
    const store = await setup();
    const hits = await store.search({ text: 'keyword', limit: 10, sourcePrefix: 'tutorial/' });
    assert.deepEqual(sourcesOf(hits).sort(), ['tutorial/a.md', 'tutorial/b.md']);
    await store.close();
  });

  it('treats LIKE wildcards in a prefix literally', async () => {
    const store = await setup();
    const hits = await store.search({ text: 'keyword', limit: 10, sourcePrefix: 'tut_' });
    assert.deepEqual(sourcesOf(hits), ['tut_rial/e.md']);
    await store.close();
  });

  it('restricts results to listed sources, combined with a prefix', async () => {
    const store = await setup();
    const sources = ['tutorial/b.md', 'advanced/c.md'];
    assert.deepEqual(sourcesOf(await store.search({ text: 'keyword', limit: 10, sources })).sort(), [
      'advanced/c.md',
      'tutorial/b.md',
    ]);
    const both = await store.search({ text: 'keyword', limit: 10, sources, sourcePrefix: 'tutorial/' });
    assert.deepEqual(sourcesOf(both), ['tutorial/b.md']);
    await store.close();
  });

  it('returns nothing for an empty sources list', async () => {
    const store = await setup();
    assert.deepEqual(await store.search({ text: 'keyword', limit: 10, sources: [] }), []);
    await store.close();
  });

  it('applies filters to vector candidates too', async () => {
    const store = await openStore();
    await store.replaceDocument(makeDoc('in/a.md', [{ text: 'apples' }]), [[0, 1, 0, 0]]);
    await store.replaceDocument(makeDoc('out/b.md', [{ text: 'oranges' }]), [[1, 0, 0, 0]]);
    const hits = await store.search({ text: 'fruit', vector: [1, 0, 0, 0], limit: 5, sourcePrefix: 'in/' });
    assert.deepEqual(sourcesOf(hits), ['in/a.md']);
    const listed = await store.search({
      text: 'fruit',
      vector: [1, 0, 0, 0],
      limit: 5,
      sources: ['in/a.md'],
    });
    assert.deepEqual(sourcesOf(listed), ['in/a.md']);
    await store.close();
  });
});

describe('EmbeddedStore query text', () => {
  const hostile = [
    '',
    '   ',
    '"',
    '""""',
    "'",
    'AND',
    'OR OR OR',
    'NOT',
    'NEAR(a b)',
    'title:body',
    '^start',
    'prefix*',
    '(unbalanced',
    'a) OR (b',
    '-minus +plus',
    '{curly} [square]',
    'emoji 🚀🔥 only',
    '🚀',
    '\u0000 null byte',
    'SELECT * FROM chunks; DROP TABLE chunks; --',
    'what is it',
    'path/with/slashes.md#anchor',
    'x'.repeat(5000),
    Array.from({ length: 500 }, (_, i) => `word${i}`).join(' '),
    'café naïve Ünïcödé',
  ];

  for (const query of hostile) {
    it(`does not throw on ${JSON.stringify(query.slice(0, 40))}`, async () => {
      const store = await openStore();
      await store.replaceDocument(makeDoc('a.md', [{ text: 'the body of a normal chunk' }]), null);
      const hits = await store.search({ text: query, limit: 5 });
      assert.ok(Array.isArray(hits));
      await store.close();
    });
  }

  it('returns [] when nothing searchable remains', async () => {
    const store = await openStore();
    await store.replaceDocument(makeDoc('a.md', [{ text: 'text with "quotes" and 🚀' }]), null);
    for (const query of ['', '   ', '"" ()', '🚀', '*^:']) {
      assert.deepEqual(await store.search({ text: query, limit: 5 }), []);
    }
    await store.close();
  });

  it('treats FTS5 operators as plain words', async () => {
    const store = await openStore();
    await store.replaceDocument(makeDoc('a.md', [{ text: 'use NEAR for proximity' }]), null);
    assert.equal((await store.search({ text: 'NEAR', limit: 5 })).length, 1);
    await store.close();
  });

  it('falls back to stop words when the query has nothing else', async () => {
    const store = await openStore();
    await store.replaceDocument(makeDoc('a.md', [{ text: 'how it works' }]), null);
    assert.equal((await store.search({ text: 'how', limit: 5 })).length, 1);
    await store.close();
  });

  it('matches inflected forms and accents', async () => {
    const store = await openStore();
    await store.replaceDocument(makeDoc('a.md', [{ text: 'Running the café dependencies' }]), null);
    assert.equal((await store.search({ text: 'runs cafe dependency', limit: 5 })).length, 1);
    await store.close();
  });
});

describe('EmbeddedStore ranking', () => {
  it('ranks a title match above a body-only mention', async () => {
    const store = await openStore();
    await store.replaceDocument(
      makeDoc(
        'body.md',
        [{ heading: 'General', text: 'A long passage that mentions middleware once in passing.' }],
        {
          title: 'General notes',
        },
      ),
      null,
    );
    await store.replaceDocument(
      makeDoc('title.md', [{ heading: 'Overview', text: 'How requests flow through the app.' }], {
        title: 'Middleware',
      }),
      null,
    );
    const hits = await store.search({ text: 'middleware', limit: 5 });
    assert.deepEqual(sourcesOf(hits), ['title.md', 'body.md']);
    await store.close();
  });

  it('ranks a heading match above a body-only mention', async () => {
    const store = await openStore();
    await store.replaceDocument(
      makeDoc('p.md', [
        { heading: 'Setup', text: 'Install things, then read about security later on.' },
        { heading: 'Security', text: 'Tokens are checked on every request.' },
      ]),
      null,
    );
    const hits = await store.search({ text: 'security', limit: 5 });
    assert.deepEqual(
      hits.map((hit) => hit.chunk.heading),
      ['Security', 'Setup'],
    );
    await store.close();
  });

  it('gives positive scores in descending order and honours the limit', async () => {
    const store = await openStore();
    for (let i = 0; i < 6; i++) {
      await store.replaceDocument(makeDoc(`d${i}.md`, [{ text: `topic ${'topic '.repeat(i)}` }]), null);
    }
    const hits = await store.search({ text: 'topic', limit: 4 });
    assert.equal(hits.length, 4);
    assert.ok(hits.every((hit) => hit.score > 0));
    const scores = hits.map((hit) => hit.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    await store.close();
  });
});

describe('EmbeddedStore origins and page URLs', () => {
  it('lists each document with its origin', async () => {
    const store = await openStore();
    await store.replaceDocument(makeDoc('docs.md', [{ text: 'from a file' }], { origin: 'docs' }), null);
    await store.replaceDocument(makeDoc('api.md', [{ text: 'sent as text' }], { origin: 'api' }), null);
    assert.deepEqual(
      (await store.listDocuments()).map((doc) => [doc.source, doc.origin]),
      [
        ['api.md', 'api'],
        ['docs.md', 'docs'],
      ],
    );
  });

  it('finds the source of a page URL whatever its anchor, query or trailing slash', async () => {
    const store = await openStore();
    const url = 'https://redux.js.org/api/store';
    await store.replaceDocument(makeDoc('api/Store.md', [{ text: 'getState' }], { url }), null);
    await store.replaceDocument(makeDoc('no-url.md', [{ text: 'no link' }], { url: null }), null);
    assert.equal(await store.sourceForUrl('https://redux.js.org/api/store/?tab=1#getstate'), 'api/Store.md');
    assert.equal(await store.sourceForUrl('https://REDUX.js.org/api/store'), 'api/Store.md');
    assert.equal(await store.sourceForUrl('https://redux.js.org/api/storefront'), null);
    assert.equal(await store.sourceForUrl('/api/store'), null);
  });

  it('upgrades a version 1 index: documents become api (never pruned) and keep being found by URL', async () => {
    const file = freshFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const legacy = new Database(file);
    legacy.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema_version', '1');
      CREATE TABLE documents (source TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT, hash TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}', chunk_count INTEGER NOT NULL, updated_at TEXT NOT NULL);
      INSERT INTO documents VALUES ('api/Store.md', 'Store', 'https://redux.js.org/api/store', 'h', '{}', 0, '2026-01-01');
      INSERT INTO documents VALUES ('old.md', 'Old', NULL, 'h2', '{}', 0, '2026-01-01');`);
    legacy.close();
    const store = await openEmbeddedStore({ file });
    assert.deepEqual(
      (await store.listDocuments()).map((doc) => [doc.source, doc.origin, doc.hash]),
      [
        ['api/Store.md', 'api', 'h'],
        ['old.md', 'api', 'h2'],
      ],
    );
    assert.equal(await store.sourceForUrl('https://redux.js.org/api/store/'), 'api/Store.md');
    await store.close();
    const reopened = new Database(file, { readonly: true });
    const version = reopened.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as {
      value: string;
    };
    reopened.close();
    assert.equal(version.value, '2');
  });
});
