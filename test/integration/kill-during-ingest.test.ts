import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DocumentRecord } from '../../src/domain/store.ts';
import { createIngestService } from '../../src/ingest/ingest-pipeline.ts';
import { openEmbeddedStore } from '../../src/stores/embedded/embedded-store.ts';
import { postJson } from '../helpers/http.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const PAGES = 800;

/** Page `index` in version A or B; B has different wording and a different number of sections. */
function page(version: 'A' | 'B', index: number): string {
  const sections = version === 'A' ? 2 + (index % 3) : 4 + (index % 2);
  const parts = Array.from(
    { length: sections },
    (_, part) =>
      `## Part ${part}\n\nVersion ${version} of page ${index}, part ${part}: ${'reducers combine actions into state. '.repeat(6)}`,
  );
  return `# Page ${index}\n\nIntroduction of version ${version}.\n\n${parts.join('\n\n')}\n`;
}

const writeBook = (dir: string, version: 'A' | 'B') => {
  fs.mkdirSync(dir, { recursive: true });
  for (let index = 0; index < PAGES; index += 1) {
    fs.writeFileSync(path.join(dir, `page-${String(index).padStart(4, '0')}.md`), page(version, index));
  }
};

/** What each version of each page looks like once ingested: its hash and its chunk texts. */
type Expected = Map<string, { hash: string; texts: string[] }>;

async function ingestReference(root: string, version: 'A' | 'B'): Promise<Expected> {
  const docsDir = path.join(root, `reference-${version}`);
  writeBook(docsDir, version);
  const store = await openEmbeddedStore({ file: path.join(root, `reference-${version}.sqlite`) });
  try {
    await createIngestService({ store, embedder: null, docsDir, links: null }).ingestPath('', {
      prune: false,
    });
    const expected: Expected = new Map();
    for (const doc of await store.listDocuments()) {
      const texts = (await store.chunksOf(doc.source)).map((chunk) => chunk.text);
      expected.set(doc.source, { hash: doc.hash, texts });
    }
    return expected;
  } finally {
    await store.close();
  }
}

describe(`SIGKILL during a ${PAGES}-page ingest`, () => {
  let root = '';
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kill-ingest-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('after a restart every document is wholly the old or wholly the new version', {
    timeout: 240_000,
  }, async () => {
    const [versionA, versionB] = [await ingestReference(root, 'A'), await ingestReference(root, 'B')];
    const docsDir = path.join(root, 'docs');
    const dataDir = path.join(root, 'data');
    writeBook(docsDir, 'A');
    const env = { DATA_DIR: dataDir, DOCS_DIR: docsDir, SITE_URL: '', LOG_LEVEL: 'warn' };

    // Start-up sync writes version A; then version B is ingested through the API and killed midway.
    const first = await startServerProcess({ ...env, LOG_LEVEL: 'info' }, 180_000);
    after(() => first.child.kill('SIGKILL'));
    writeBook(docsDir, 'B');
    const ingest = postJson(`${first.url}/embed`, { path: '.' }).then(
      (response) => `finished with ${response.status}`,
      () => 'cut off',
    );
    // Watch the index from outside the server (a second SQLite reader: the server's event loop may
    // be busy ingesting) and kill as soon as the first new version is committed.
    const watcher = await openEmbeddedStore({ file: path.join(dataDir, 'index.sqlite') });
    try {
      let newOnes = 0;
      while (newOnes === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const documents: DocumentRecord[] = await watcher.listDocuments();
        newOnes = documents.filter((doc) => versionB.get(doc.source)?.hash === doc.hash).length;
      }
      first.child.kill('SIGKILL');
    } finally {
      await watcher.close();
    }
    assert.equal((await first.exited).signal, 'SIGKILL');
    assert.equal(await ingest, 'cut off', 'the kill came before the ingest finished');

    // The restarted server opens the index the kill left behind and serves it.
    const second = await startServerProcess({ ...env, SYNC_ON_START: 'false', LOG_LEVEL: 'info' }, 60_000);
    after(() => second.child.kill('SIGKILL'));
    const health = (await (await fetch(`${second.url}/health`)).json()) as {
      status: string;
      documents: number;
    };
    assert.equal(health.status, 'ok');
    assert.equal(health.documents, PAGES);
    second.child.kill('SIGTERM');
    assert.equal((await second.exited).code, 0);

    const store = await openEmbeddedStore({ file: path.join(dataDir, 'index.sqlite') });
    const counts = { old: 0, new: 0 };
    try {
      const documents = await store.listDocuments();
      assert.equal(documents.length, PAGES, 'no document lost');
      for (const doc of documents) {
        const texts = (await store.chunksOf(doc.source)).map((chunk) => chunk.text);
        const version = versionA.get(doc.source)?.hash === doc.hash ? versionA : versionB;
        const expected = version.get(doc.source);
        assert.equal(expected?.hash, doc.hash, `${doc.source}: a hash of neither version`);
        assert.deepEqual(texts, expected?.texts, `${doc.source}: chunks do not match its hash`);
        assert.equal(doc.chunks, texts.length);
        counts[version === versionA ? 'old' : 'new'] += 1;
      }
    } finally {
      await store.close();
    }
    console.log(`after SIGKILL mid-ingest: ${counts.old} documents old, ${counts.new} new, 0 mixed`);
    assert.ok(counts.new > 0 && counts.old > 0, 'the kill landed mid-ingest');
  });
});
